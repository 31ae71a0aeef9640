import { EventEmitter } from 'node:events';
import type { Alarm, Incident, LinkState, StoredObservation, VehicleState } from '@pengcheng/protocol';

/**
 * What changed in the live state: the hub (Socket.IO) listens here. Alarms and incidents are
 * emitted once their write has resolved, so no screen sees one that could still be lost.
 */
export interface LiveEventMap {
  /**
   * Readings that passed every check, as they arrive and before they are stored, so that screens
   * see a value within milliseconds rather than after an fsync. Safe because a sensor's value is
   * latest-wins (the hub keeps a reading only if it is newer than the one it holds, so late values
   * and duplicates change nothing on a screen) and because nothing derived from it is shown
   * before its commit: alarms come from the stored values. A reading whose write fails is sent
   * again by its source (MQTT redelivers what was not acknowledged; an HTTP sender gets a 5xx).
   */
  readings: [readings: readonly StoredObservation[]];
  alarm: [alarm: Alarm];
  incident: [incident: Incident];
  /** One simulator or feed tick: every vehicle's position and the links that changed. */
  traffic: [tick: { readonly timeMs: number; readonly vehicles: readonly VehicleState[]; readonly links: readonly LinkState[] }];
}

export class LiveEvents extends EventEmitter<LiveEventMap> {}
