import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeVehicleFrame, type Kpis, type LinkState, type VehicleState } from '@pengcheng/protocol';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveEvents } from '../live/liveEvents.js';
import { SensorDirectory } from '../sensors/sensorDirectory.js';
import { ChangeIndex } from './changeIndex.js';
import { startTrafficRecorder } from './trafficRecorder.js';
import { replayWindow } from './replayWindow.js';
import { SEGMENT_MS, TrafficStore } from './trafficStore.js';

const logger = pino({ level: 'silent' });
const T0 = Date.UTC(2026, 6, 1, 0, 0) + 30_000;
const viewer = { subject: 'wall-1', role: 'viewer', kind: 'device' } as const;
const link = (linkId: string, speedKmh: number, timeMs: number): LinkState => ({ linkId, speedKmh, flowVehH: 600, congestion: speedKmh < 20 ? 2 : 0, timeMs });
const car = (id: string, lon: number): VehicleState => ({ id, type: 'car', lon, lat: 34.2, headingDeg: 90, speedMs: 10, linkId: 'RD-000001' });
const kpis = (timeMs: number): Kpis => ({
  timeMs,
  incidents: { open: 0, byCategory: {}, byAge: { underHour: 0, underDay: 0, older: 0 }, averageHandlingMs: null },
  alarms: { warning: 0, alarm: 0 },
  traffic: null,
  parkingFreeSpaces: null,
  aqi: null,
});

let dir: string;
let store: TrafficStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-replay-'));
  store = new TrafficStore({ dir, logger });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const noStorage = {
  observationHistory: () => Promise.resolve({ observations: [], rollups: [] }),
};
const noChanges = new ChangeIndex({
  repository: { changesSince: () => Promise.resolve([]), listAlarms: () => Promise.resolve([]), listIncidents: () => Promise.resolve([]) },
  horizonMs: Number.MAX_SAFE_INTEGER,
});
const window = (fromMs: number, toMs: number) => replayWindow({ repository: noStorage, sensors: new SensorDirectory([]), changes: noChanges, traffic: store }, fromMs, toMs, viewer);

describe('the traffic recorder', () => {
  it('plays back link states, vehicle keyframes and KPIs as they were at any moment', async () => {
    const events = new LiveEvents();
    let kpiTime = T0;
    const recorder = startTrafficRecorder({ events, store, logger, computeKpis: () => Promise.resolve(kpis(kpiTime)), retentionMs: 86_400_000, now: () => T0 });
    // Twenty ticks a second apart; one link slows at the fifth; a car moves east.
    for (let i = 0; i < 20; i++) {
      const timeMs = T0 + i * 1000;
      events.emit('traffic', { timeMs, vehicles: [car('CAR-1', 117.2 + i * 0.001)], links: i === 0 ? [link('RD-000001', 40, timeMs), link('RD-000002', 50, timeMs)] : i === 5 ? [link('RD-000001', 12, timeMs)] : [] });
      if (i === 3) {
        kpiTime = timeMs;
        await recorder.recordKpis();
      }
    }
    await recorder.stop();

    const early = await window(T0 + 2_000, T0 + 20_000);
    expect(early.initial.links.find((l) => l.linkId === 'RD-000001')?.speedKmh).toBe(40);
    expect(early.initial.kpis).toBeUndefined();
    expect(decodeVehicleFrame(Buffer.from(early.initial.vehicles?.frame ?? '', 'base64')).vehicles[0]?.lon).toBeCloseTo(117.2, 6);
    const kinds = early.events.map((event) => `${event.kind}@${(event.timeMs - T0) / 1000}`);
    expect(kinds).toEqual(['kpis@3', 'links@5', 'vehicles@10']);

    const late = await window(T0 + 12_000, T0 + 13_000);
    expect(late.initial.links.find((l) => l.linkId === 'RD-000001')?.speedKmh).toBe(12);
    expect(late.initial.links).toHaveLength(2);
    expect(late.initial.kpis?.timeMs).toBe(T0 + 3_000);
    expect(decodeVehicleFrame(Buffer.from(late.initial.vehicles?.frame ?? '', 'base64')).vehicles[0]?.lon).toBeCloseTo(117.21, 6);
  });

  it('starts every file with the whole state, so a window deep into a file needs nothing older', async () => {
    const events = new LiveEvents();
    const recorder = startTrafficRecorder({ events, store, logger, computeKpis: () => Promise.resolve(kpis(T0)), retentionMs: 86_400_000, now: () => T0 });
    events.emit('traffic', { timeMs: T0, vehicles: [car('CAR-1', 117.2)], links: [link('RD-000001', 40, T0)] });
    await recorder.recordKpis();
    const next = T0 + SEGMENT_MS;
    events.emit('traffic', { timeMs: next, vehicles: [car('CAR-1', 117.3)], links: [] });
    await recorder.stop();
    await rm(path.join(dir, `traffic-${T0 - (T0 % SEGMENT_MS)}.ndjson`));
    const deep = await window(next + 60_000, next + 61_000);
    expect(deep.initial.links.map((l) => l.speedKmh)).toEqual([40]);
    expect(deep.initial.kpis?.timeMs).toBe(T0);
    expect(deep.initial.vehicles?.timeMs).toBe(next);
  });

  it('skips a line cut short by a crash, and deletes files older than its retention', async () => {
    const events = new LiveEvents();
    const recorder = startTrafficRecorder({ events, store, logger, computeKpis: () => Promise.resolve(kpis(T0)), retentionMs: 86_400_000, now: () => T0 });
    events.emit('traffic', { timeMs: T0, vehicles: [], links: [link('RD-000001', 40, T0)] });
    await recorder.stop();
    const [file] = await readdir(dir);
    await appendFile(path.join(dir, file ?? ''), '{"k":"links","t":');
    expect((await window(T0, T0 + 1000)).initial.links).toHaveLength(1);
    expect(await store.prune(T0 + SEGMENT_MS)).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });
});
