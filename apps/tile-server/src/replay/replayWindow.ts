import { LIVE_LAYERS, PUBLIC_LIVE_LAYERS, type LinkState, type ReplayEvent, type ReplayState, type ReplayWindow, type StoredObservation } from '@pengcheng/protocol';
import type { Principal } from '../auth/principal.js';
import { redactIncident } from '../incidents/redactIncident.js';
import type { SensorDirectory } from '../sensors/sensorDirectory.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import type { ChangeIndex } from './changeIndex.js';
import { SEGMENT_MS, segmentOf, type TrafficRecord, type TrafficStore } from './trafficStore.js';

export interface ReplaySources {
  readonly repository: Pick<LiveRepository, 'observationHistory'>;
  readonly sensors: SensorDirectory;
  readonly changes: ChangeIndex;
  readonly traffic: TrafficStore;
}

/** How far before a window a sensor's last reading is looked for (raw history keeps 48 h). */
const READING_LOOKBACK_MS = 24 * 3_600_000;
/** A sensor reports every 10 s at most often: 15 minutes of it with room to spare. */
const READINGS_PER_SENSOR = 5_000;
/** Sensors read at once: enough to hide PostgreSQL's round trips, few enough to leave the pool to the live path. */
const SENSOR_CONCURRENCY = 8;
/** Events of one moment in this order, so a window's order does not depend on how it was read. */
const KIND_ORDER: Record<ReplayEvent['kind'], number> = { kpis: 0, links: 1, vehicles: 2, reading: 3, alarm: 4, incident: 5 };

/**
 * A replay window as `principal` may see it: the state at `fromMs` and every event in
 * `(fromMs, toMs]`, oldest first. A kiosk gets public sensors only and no alarms or incidents;
 * incidents are redacted as live (the reporter only for `personal-data:read`).
 */
export async function replayWindow(sources: ReplaySources, fromMs: number, toMs: number, principal: Principal): Promise<ReplayWindow> {
  const publicOnly = principal.role === 'kiosk';
  const visible = sources.sensors.list().filter((sensor) => !publicOnly || sensor.public);
  const [readings, traffic] = await Promise.all([
    readSensors(sources.repository, visible.map((sensor) => sensor.id), fromMs, toMs),
    // Each file starts with the whole state; the file before covers a window opening before its first tick.
    sources.traffic.read(segmentOf(fromMs) - SEGMENT_MS, toMs),
  ]);
  const initial: { -readonly [K in keyof ReplayState]: ReplayState[K] } = { sensors: readings.initial, ...trafficState(traffic, fromMs) };
  const events: ReplayEvent[] = [...readings.events, ...trafficEvents(traffic, fromMs)];

  if (!publicOnly) {
    await sources.changes.catchUp();
    initial.alarms = sources.changes.alarmsAt(fromMs);
    initial.incidents = sources.changes.incidentsAt(fromMs).map((incident) => redactIncident(incident, principal));
    for (const change of sources.changes.alarmsBetween(fromMs, toMs)) events.push({ kind: 'alarm', timeMs: change.timeMs, alarm: change.record });
    for (const change of sources.changes.incidentsBetween(fromMs, toMs)) events.push({ kind: 'incident', timeMs: change.timeMs, incident: redactIncident(change.record, principal) });
  }
  events.sort((a, b) => a.timeMs - b.timeMs || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return { fromMs, toMs, layers: [...(publicOnly ? PUBLIC_LIVE_LAYERS : LIVE_LAYERS)], initial, events };
}

async function readSensors(repository: ReplaySources['repository'], ids: readonly string[], fromMs: number, toMs: number): Promise<{ initial: StoredObservation[]; events: ReplayEvent[] }> {
  const initial: StoredObservation[] = [];
  const events: ReplayEvent[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const sensorId = ids[next++] as string;
      // `limit` keeps the newest rows of a range: 1 is the last reading at or before `fromMs`.
      const before = await repository.observationHistory({ sensorId, fromMs: fromMs - READING_LOOKBACK_MS, toMs: fromMs, limit: 1 });
      const last = before.observations.at(-1);
      if (last) initial.push(last);
      if (toMs > fromMs) {
        const during = await repository.observationHistory({ sensorId, fromMs: fromMs + 1, toMs, limit: READINGS_PER_SENSOR });
        for (const observation of during.observations) events.push({ kind: 'reading', timeMs: observation.timeMs, observation });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SENSOR_CONCURRENCY, ids.length) }, worker));
  initial.sort((a, b) => a.sensorId.localeCompare(b.sensorId));
  return { initial, events };
}

function trafficState(records: readonly TrafficRecord[], atMs: number): Pick<ReplayState, 'links' | 'vehicles' | 'kpis'> {
  let links = new Map<string, LinkState>();
  let vehicles: ReplayState['vehicles'];
  let kpis: ReplayState['kpis'];
  for (const record of records) {
    if (record.t > atMs) break;
    switch (record.k) {
      case 'linkKey':
        links = new Map(record.links.map((link) => [link.linkId, link]));
        break;
      case 'links':
        for (const link of record.links) links.set(link.linkId, link);
        break;
      case 'vehicles':
        vehicles = { timeMs: record.t, frame: record.frame };
        break;
      case 'kpis':
        kpis = record.kpis;
        break;
    }
  }
  return { links: [...links.values()], ...(vehicles ? { vehicles } : {}), ...(kpis ? { kpis } : {}) };
}

function trafficEvents(records: readonly TrafficRecord[], fromMs: number): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  for (const record of records) {
    if (record.t <= fromMs) continue;
    switch (record.k) {
      case 'linkKey':
      case 'links':
        events.push({ kind: 'links', timeMs: record.t, links: record.links });
        break;
      case 'vehicles':
        events.push({ kind: 'vehicles', timeMs: record.t, frame: record.frame });
        break;
      case 'kpis':
        events.push({ kind: 'kpis', timeMs: record.t, kpis: record.kpis });
        break;
    }
  }
  return events;
}
