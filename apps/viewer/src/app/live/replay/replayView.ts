import { LatestVehicleFrame, type LiveView } from '@pengcheng/live-client';
import {
  isOpenAlarm,
  isOpenIncident,
  LIVE_LAYERS,
  type Alarm,
  type Incident,
  type Kpis,
  type LinkState,
  type LiveLayer,
  type ReplayEvent,
  type ReplayState,
  type StoredObservation,
  type VehiclePosition,
} from '@pengcheng/protocol';

function bytesOfBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Keeps the newer version; a record no longer open leaves, as the live streams do. */
function applyVersion<T extends { readonly id: string; readonly version: number }>(records: Map<string, T>, record: T, open: boolean): void {
  const held = records.get(record.id);
  if (held && held.version >= record.version) return;
  if (open) records.set(record.id, record);
  else records.delete(record.id);
}

/**
 * The replayed moment as a LiveView, so the live layers draw it as they draw live data: reset to
 * a window's state, then fed its events oldest first. Every layer is latest-wins (readings and
 * links by time, alarms and incidents by version), so however the events are cut into steps the
 * view ends the same.
 */
export class ReplayView implements LiveView {
  readonly sensors = new Map<string, StoredObservation>();
  readonly links = new Map<string, LinkState>();
  readonly alarms = new Map<string, Alarm>();
  readonly incidents = new Map<string, Incident>();
  readonly #vehicles = new LatestVehicleFrame();
  kpis: Kpis | undefined;

  get vehicles(): ReadonlyMap<string, VehiclePosition> {
    return this.#vehicles.vehicles;
  }
  get vehiclesTimeMs(): number | undefined {
    return this.#vehicles.timeMs;
  }
  get vehicleFrame(): Uint8Array | undefined {
    return this.#vehicles.bytes;
  }

  /** Replaces everything with a window's state; returns every layer (all may have changed). */
  reset(state: ReplayState): LiveLayer[] {
    this.sensors.clear();
    this.links.clear();
    this.alarms.clear();
    this.incidents.clear();
    this.#vehicles.clear();
    this.kpis = undefined;
    for (const observation of state.sensors) this.#reading(observation);
    for (const link of state.links) this.#link(link);
    if (state.vehicles) this.#vehicles.offer(bytesOfBase64(state.vehicles.frame));
    if (state.kpis) this.kpis = state.kpis;
    for (const alarm of state.alarms ?? []) applyVersion(this.alarms, alarm, isOpenAlarm(alarm));
    for (const incident of state.incidents ?? []) applyVersion(this.incidents, incident, isOpenIncident(incident));
    return [...LIVE_LAYERS];
  }

  /** Applies one event; returns the layer it belongs to. */
  apply(event: ReplayEvent): LiveLayer {
    switch (event.kind) {
      case 'reading':
        this.#reading(event.observation);
        return 'sensors';
      case 'links':
        for (const link of event.links) this.#link(link);
        return 'links';
      case 'vehicles':
        this.#vehicles.offer(bytesOfBase64(event.frame));
        return 'vehicles';
      case 'kpis':
        if (!this.kpis || this.kpis.timeMs <= event.kpis.timeMs) this.kpis = event.kpis;
        return 'kpis';
      case 'alarm':
        applyVersion(this.alarms, event.alarm, isOpenAlarm(event.alarm));
        return 'alarms';
      case 'incident':
        applyVersion(this.incidents, event.incident, isOpenIncident(event.incident));
        return 'incidents';
    }
  }

  #reading(observation: StoredObservation): void {
    const held = this.sensors.get(observation.sensorId);
    if (!held || held.timeMs <= observation.timeMs) this.sensors.set(observation.sensorId, observation);
  }

  #link(link: LinkState): void {
    const held = this.links.get(link.linkId);
    if (!held || held.timeMs <= link.timeMs) this.links.set(link.linkId, link);
  }
}
