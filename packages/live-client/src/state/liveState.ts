import {
  isOpenAlarm,
  isOpenIncident,
  type Alarm,
  type AlarmChange,
  type AlarmSync,
  type Incident,
  type IncidentChange,
  type IncidentSync,
  type Kpis,
  type LinkState,
  type LiveLayer,
  type ReliableStream as StreamName,
  type StoredObservation,
  type SubscribeResult,
  type VehiclePosition,
} from '@pengcheng/protocol';
import { LatestByKey } from './latestByKey.js';
import { LatestVehicleFrame } from './latestVehicleFrame.js';
import { ReliableStream, type StreamChange } from './reliableStream.js';

/** What the client holds, read-only: every layer as the hub last described it. */
export interface LiveView {
  /** The current reading of each sensor, by sensor id. */
  readonly sensors: ReadonlyMap<string, StoredObservation>;
  /** Every vehicle of the last frame, by vehicle id. */
  readonly vehicles: ReadonlyMap<string, VehiclePosition>;
  /** The simulated time of the last vehicle frame. */
  readonly vehiclesTimeMs: number | undefined;
  /** The last vehicle frame as the hub encoded it (checked whole), for layers that index it themselves. */
  readonly vehicleFrame: Uint8Array | undefined;
  readonly links: ReadonlyMap<string, LinkState>;
  /** The open alarms (not yet cleared and acknowledged), by id. */
  readonly alarms: ReadonlyMap<string, Alarm>;
  /** The open incidents (not closed), by id. */
  readonly incidents: ReadonlyMap<string, Incident>;
  readonly kpis: Kpis | undefined;
}

export const alarmChange = (change: AlarmChange): StreamChange<Alarm> => ({ seq: change.seq, prevSeq: change.prevSeq, ...(change.alarm ? { item: change.alarm } : {}) });
export const incidentChange = (change: IncidentChange): StreamChange<Incident> => ({
  seq: change.seq,
  prevSeq: change.prevSeq,
  ...(change.incident ? { item: change.incident } : {}),
});

/**
 * The live layers' state, fed by the hub's messages and nothing else (no socket, no timers), so
 * the ordering rules can be tested on their own: snapshots replace, deltas apply in order,
 * reliable streams dedupe by seq, latest-wins layers never go back in time.
 */
export class LiveState implements LiveView {
  readonly alarmStream = new ReliableStream<Alarm>(isOpenAlarm);
  readonly incidentStream = new ReliableStream<Incident>(isOpenIncident);
  private readonly sensorValues = new LatestByKey<StoredObservation>(
    (observation) => observation.sensorId,
    (observation) => observation.timeMs,
  );
  private readonly linkValues = new LatestByKey<LinkState>(
    (link) => link.linkId,
    (link) => link.timeMs,
  );
  private readonly latestVehicles = new LatestVehicleFrame();
  private kpiValues: Kpis | undefined;

  get sensors(): ReadonlyMap<string, StoredObservation> {
    return this.sensorValues.entries;
  }
  get vehicles(): ReadonlyMap<string, VehiclePosition> {
    return this.latestVehicles.vehicles;
  }
  get vehiclesTimeMs(): number | undefined {
    return this.latestVehicles.timeMs;
  }
  get vehicleFrame(): Uint8Array | undefined {
    return this.latestVehicles.bytes;
  }
  get links(): ReadonlyMap<string, LinkState> {
    return this.linkValues.entries;
  }
  get alarms(): ReadonlyMap<string, Alarm> {
    return this.alarmStream.records;
  }
  get incidents(): ReadonlyMap<string, Incident> {
    return this.incidentStream.records;
  }
  get kpis(): Kpis | undefined {
    return this.kpiValues;
  }

  /** Where each reliable stream the client holds can resume from (absent: needs a snapshot). */
  resumePoint(): { alarms?: number; incidents?: number } {
    const alarms = this.alarmStream.resumeSeq;
    const incidents = this.incidentStream.resumeSeq;
    return { ...(alarms !== undefined ? { alarms } : {}), ...(incidents !== undefined ? { incidents } : {}) };
  }

  /** The streams that hold a change whose predecessor never arrived. */
  gaps(): StreamName[] {
    return [...(this.alarmStream.hasGap ? (['alarms'] as const) : []), ...(this.incidentStream.hasGap ? (['incidents'] as const) : [])];
  }

  /** Applies a subscribe answer; returns the layers it touched and the reliable changes it applied. */
  applySubscribeResult(result: SubscribeResult): { touched: LiveLayer[]; alarms: StreamChange<Alarm>[]; incidents: StreamChange<Incident>[] } {
    const touched: LiveLayer[] = [];
    let alarms: StreamChange<Alarm>[] = [];
    let incidents: StreamChange<Incident>[] = [];
    if (result.sensors) {
      this.sensorValues.replace(result.sensors);
      touched.push('sensors');
    }
    if (result.vehicles) {
      this.latestVehicles.clear();
      this.applyVehicleFrame(result.vehicles);
      touched.push('vehicles');
    }
    if (result.links) {
      this.linkValues.replace(result.links);
      touched.push('links');
    }
    if (result.alarms) {
      alarms = this.applyAlarmSync(result.alarms);
      touched.push('alarms');
    }
    if (result.incidents) {
      incidents = this.applyIncidentSync(result.incidents);
      touched.push('incidents');
    }
    if (result.kpis) {
      this.kpiValues = result.kpis;
      touched.push('kpis');
    }
    return { touched, alarms, incidents };
  }

  /** Returns the changes it applied (none for a snapshot: that is state, not events). */
  applyAlarmSync(sync: AlarmSync): StreamChange<Alarm>[] {
    if (sync.mode === 'snapshot') {
      this.alarmStream.applySnapshot(sync.seq, sync.items);
      return [];
    }
    return sync.changes.map(alarmChange).filter((change) => this.alarmStream.applyChange(change) === 'applied');
  }

  applyIncidentSync(sync: IncidentSync): StreamChange<Incident>[] {
    if (sync.mode === 'snapshot') {
      this.incidentStream.applySnapshot(sync.seq, sync.items);
      return [];
    }
    return sync.changes.map(incidentChange).filter((change) => this.incidentStream.applyChange(change) === 'applied');
  }

  applySensors(observations: readonly StoredObservation[]): boolean {
    return this.sensorValues.update(observations);
  }

  applyLinks(links: readonly LinkState[]): boolean {
    return this.linkValues.update(links);
  }

  /** A frame older than the one held is dropped: volatile frames may overtake each other. */
  applyVehicleFrame(frame: ArrayBuffer | ArrayBufferView): boolean {
    return this.latestVehicles.offer(frame);
  }

  applyKpis(kpis: Kpis): boolean {
    if (this.kpiValues && this.kpiValues.timeMs > kpis.timeMs) return false;
    this.kpiValues = kpis;
    return true;
  }

  /** Forgets a layer the client no longer subscribes to (or whose box changed). */
  clear(layer: LiveLayer): void {
    switch (layer) {
      case 'sensors':
        this.sensorValues.clear();
        break;
      case 'vehicles':
        this.latestVehicles.clear();
        break;
      case 'links':
        this.linkValues.clear();
        break;
      case 'alarms':
        this.alarmStream.reset();
        break;
      case 'incidents':
        this.incidentStream.reset();
        break;
      case 'kpis':
        this.kpiValues = undefined;
        break;
    }
  }
}

