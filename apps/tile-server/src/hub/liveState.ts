import { isOpenAlarm, isOpenIncident, type Alarm, type Incident, type LinkState, type StoredObservation, type VehiclePosition } from '@pengcheng/protocol';

/**
 * What this node knows of the live state, kept in memory so a snapshot is taken in the same
 * turn of the event loop as the socket joins its rooms: no delta can fall between the two.
 * Alarms and incidents are the open ones as of the change feed's position.
 */
export class LiveState {
  readonly sensors = new Map<string, StoredObservation>();
  readonly links = new Map<string, LinkState>();
  readonly alarms = new Map<string, Alarm>();
  readonly incidents = new Map<string, Incident>();
  vehicles: { readonly timeMs: number; readonly list: readonly VehiclePosition[] } | undefined;

  /** Keeps each sensor's newest observation; returns those that were newer than what was held. */
  applyObservations(observations: readonly StoredObservation[]): StoredObservation[] {
    const newer: StoredObservation[] = [];
    for (const observation of observations) {
      const held = this.sensors.get(observation.sensorId);
      if (held && held.timeMs >= observation.timeMs) continue;
      this.sensors.set(observation.sensorId, observation);
      newer.push(observation);
    }
    return newer;
  }

  applyLinks(links: readonly LinkState[]): void {
    for (const link of links) {
      const held = this.links.get(link.linkId);
      if (!held || held.timeMs <= link.timeMs) this.links.set(link.linkId, link);
    }
  }

  applyAlarm(alarm: Alarm): void {
    applyVersioned(this.alarms, alarm, isOpenAlarm(alarm));
  }

  applyIncident(incident: Incident): void {
    applyVersioned(this.incidents, incident, isOpenIncident(incident));
  }
}

/** An older version than the one held changes nothing; a record no longer open leaves. */
function applyVersioned<T extends { readonly id: string; readonly version: number }>(held: Map<string, T>, record: T, open: boolean): void {
  const current = held.get(record.id);
  if (current && current.version >= record.version) return;
  if (open) held.set(record.id, record);
  else held.delete(record.id);
}
