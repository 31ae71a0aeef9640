import { EventEmitter } from 'node:events';
import type { Alarm, Incident, LinkState, StoredObservation, VehicleState } from '@pengcheng/protocol';

/**
 * What changed in the live state, after it is stored: the hub (Socket.IO) and the metrics listen
 * here. Emitted only once the write has resolved, so a listener never sees what could be lost.
 */
export interface LiveEventMap {
  /** New current values (not history, not duplicates). */
  observations: [observations: readonly StoredObservation[]];
  alarm: [alarm: Alarm];
  incident: [incident: Incident];
  /** One simulator or feed tick: every vehicle's position and the links that changed. */
  traffic: [tick: { readonly timeMs: number; readonly vehicles: readonly VehicleState[]; readonly links: readonly LinkState[] }];
}

export class LiveEvents extends EventEmitter<LiveEventMap> {}
