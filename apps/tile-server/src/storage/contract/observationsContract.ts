import type { StoredObservation } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObservationOutcome } from '../liveRepository.js';
import { CorruptRecordError } from '../storageErrors.js';
import { observation, repositoryScope, sensor, type ContractBackend } from './contractFixtures.js';

const MINUTE = 60_000;
const T0 = 1_764_547_200_000;

/** What storing `arrivals` one by one must say and leave behind: first arrival of a sensor and time wins. */
function modelOf(arrivals: readonly StoredObservation[]) {
  const kept = new Map<string, StoredObservation>();
  const latest = new Map<string, StoredObservation>();
  const outcomes = arrivals.map((o): ObservationOutcome => {
    const key = `${o.sensorId}@${o.timeMs}`;
    if (kept.has(key)) return 'duplicate';
    kept.set(key, o);
    const current = latest.get(o.sensorId);
    if (current && current.timeMs >= o.timeMs) return 'history';
    latest.set(o.sensorId, o);
    return 'stored';
  });
  return { outcomes, kept: [...kept.values()], latest: [...latest.values()].sort((a, b) => a.sensorId.localeCompare(b.sensorId)) };
}

const SENSORS = ['AQ-0001', 'AQ-0002', 'NS-0003'] as const;

/** One sensor's reading; the copies a QoS 1 redelivery makes are the very same message. */
const reading = fc.record({
  sensorId: fc.constantFrom(...SENSORS),
  timeMs: fc.integer({ min: T0, max: T0 + 60 }),
  pm25: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
  quality: fc.constantFrom('good' as const, 'suspect' as const, 'bad' as const),
});

const scenario = fc
  .uniqueArray(reading, { selector: (r) => `${r.sensorId}@${r.timeMs}`, minLength: 1, maxLength: 40 })
  .chain((distinct) => {
    const canonical = distinct.map((r) => observation(r.sensorId, r.timeMs, { pm25: r.pm25 }, { quality: r.quality }));
    return fc.array(fc.integer({ min: 1, max: 3 }), { minLength: canonical.length, maxLength: canonical.length }).chain((copies) => {
      const arrivals = canonical.flatMap((o, i) => Array.from({ length: copies[i] ?? 1 }, () => o));
      return fc.record({
        canonical: fc.constant(canonical),
        arrivals: fc.shuffledSubarray(arrivals, { minLength: arrivals.length, maxLength: arrivals.length }),
        batchSizes: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }),
      });
    });
  });

function inBatches<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  const batches: T[][] = [];
  for (let at = 0, i = 0; at < items.length; i += 1) {
    const size = sizes[i % sizes.length] ?? 1;
    batches.push(items.slice(at, at + size));
    at += size;
  }
  return batches;
}

export function describeObservations(backend: ContractBackend): void {
  describe('observations', () => {
    const { migrated } = repositoryScope(backend);

    it('says what happened to each observation: stored, history (late) or duplicate', async () => {
      const { repository } = await migrated();
      const outcomes = await repository.insertObservations([
        observation('AQ-0001', T0 + 2000, { pm25: 41 }),
        observation('AQ-0001', T0 + 1000, { pm25: 40 }),
        observation('AQ-0001', T0 + 2000, { pm25: 41 }),
        observation('AQ-0002', T0 + 500, { pm25: 12, pm10: 30 }),
      ]);
      expect(outcomes).toEqual(['stored', 'history', 'duplicate', 'stored']);
      expect(await repository.insertObservations([observation('AQ-0001', T0 + 3000, { pm25: 44 })])).toEqual(['stored']);
      expect(await repository.insertObservations([observation('AQ-0001', T0 + 1500, { pm25: 1 })])).toEqual(['history']);
      expect(await repository.latestObservations()).toEqual([
        observation('AQ-0001', T0 + 3000, { pm25: 44 }),
        observation('AQ-0002', T0 + 500, { pm25: 12, pm10: 30 }),
      ]);
      expect(await repository.latestObservations(['AQ-0002', 'XX-9999'])).toEqual([observation('AQ-0002', T0 + 500, { pm25: 12, pm10: 30 })]);
      expect(await repository.latestObservations([])).toEqual([]);
    });

    it('keeps the first arrival when a duplicate carries different values', async () => {
      const { repository } = await migrated();
      const first = observation('AQ-0001', T0, { pm25: 35 }, { source: 'mqtt', receivedAtMs: T0 + 10 });
      await repository.insertObservations([first]);
      const changed = observation('AQ-0001', T0, { pm25: 999, pm10: 5 }, { source: 'city-feed', quality: 'bad', receivedAtMs: T0 + 90_000 });
      expect(await repository.insertObservations([changed])).toEqual(['duplicate']);
      expect(await repository.latestObservations()).toEqual([first]);
      expect((await repository.observationHistory({ sensorId: 'AQ-0001', fromMs: T0 - MINUTE, toMs: T0 + MINUTE, limit: 10 })).observations).toEqual([first]);
    });

    it('refuses a batch with an invalid observation and stores none of it', async () => {
      const { repository } = await migrated();
      const batch = [observation('AQ-0001', T0, { pm25: 35 }), observation('AQ-0001', T0 + 1000, { pm25: Number.NaN })];
      await expect(repository.insertObservations(batch)).rejects.toThrow();
      expect(await repository.latestObservations()).toEqual([]);
    });

    it('ends any duplicated, reordered and late arrival with the state of the ordered, de-duplicated sequence', async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ canonical, arrivals, batchSizes }) => {
          const { repository } = await migrated();
          const outcomes: ObservationOutcome[] = [];
          for (const batch of inBatches(arrivals, batchSizes)) outcomes.push(...(await repository.insertObservations(batch)));

          const ordered = [...canonical].sort((a, b) => a.timeMs - b.timeMs);
          const expected = modelOf(ordered);
          expect(outcomes).toEqual(modelOf(arrivals).outcomes);
          expect(await repository.latestObservations()).toEqual(expected.latest);
          for (const sensorId of SENSORS) {
            const history = await repository.observationHistory({ sensorId, fromMs: T0, toMs: T0 + 60, limit: 1000 });
            expect(history.observations).toEqual(expected.kept.filter((o) => o.sensorId === sensorId));
          }
          await repository.close();
        }),
        { numRuns: backend.propertyRuns },
      );
    });

    it('answers a time range oldest first, bounds included, keeping the most recent when over the limit', async () => {
      const { repository } = await migrated();
      const series = Array.from({ length: 10 }, (_, i) => observation('AQ-0001', T0 + i * MINUTE, { pm25: i }));
      await repository.insertObservations([...series].reverse());
      await repository.insertObservations([observation('AQ-0002', T0 + 4 * MINUTE, { pm25: 99 })]);
      const range = { sensorId: 'AQ-0001', fromMs: T0 + 3 * MINUTE, toMs: T0 + 8 * MINUTE };
      expect((await repository.observationHistory({ ...range, limit: 100 })).observations).toEqual(series.slice(3, 9));
      expect((await repository.observationHistory({ ...range, limit: 2 })).observations).toEqual(series.slice(7, 9));
      expect(await repository.observationHistory({ sensorId: 'AQ-0009', fromMs: T0, toMs: T0 + 9 * MINUTE, limit: 10 })).toEqual({ observations: [], rollups: [] });
      await expect(repository.observationHistory({ ...range, limit: 0 })).rejects.toBeInstanceOf(RangeError);
    });

    it('rolls old raw observations into buckets, keeps current values, and merges late arrivals into the same buckets', async () => {
      const { repository } = await migrated();
      // Every 10 s for 3 minutes: pm25 = i, pm10 = 100 - i.
      const series = Array.from({ length: 18 }, (_, i) => observation('AQ-0001', T0 + i * 10_000, { pm25: i, pm10: 100 - i }));
      const current = observation('AQ-0001', T0 + 5 * MINUTE, { pm25: 50, pm10: 50 });
      const lonely = observation('AQ-0002', T0 + 10_000, { pm25: 7 });
      await repository.insertObservations([...series, current, lonely]);

      expect(await repository.downsampleObservations(T0 + 2 * MINUTE, MINUTE)).toBe(12);
      const history = await repository.observationHistory({ sensorId: 'AQ-0001', fromMs: T0, toMs: T0 + 10 * MINUTE, limit: 100 });
      expect(history.observations).toEqual([...series.slice(12), current]);
      const bucket = (start: number, quantity: string, count: number, min: number, max: number, mean: number) => ({
        sensorId: 'AQ-0001',
        quantity,
        bucketStartMs: start,
        bucketMs: MINUTE,
        count,
        min,
        max,
        mean: expect.closeTo(mean, 9) as unknown as number,
      });
      const before = [
        bucket(T0, 'pm10', 6, 95, 100, 97.5),
        bucket(T0, 'pm25', 6, 0, 5, 2.5),
        bucket(T0 + MINUTE, 'pm10', 6, 89, 94, 91.5),
        bucket(T0 + MINUTE, 'pm25', 6, 6, 11, 8.5),
      ];
      expect(history.rollups).toEqual(before);
      // The current values stay, even the one older than the cut-off.
      expect(await repository.latestObservations()).toEqual([current, lonely]);
      expect((await repository.observationHistory({ sensorId: 'AQ-0002', fromMs: T0, toMs: T0 + MINUTE, limit: 10 })).observations).toEqual([lonely]);

      expect(await repository.downsampleObservations(T0 + 2 * MINUTE, MINUTE)).toBe(0);
      const again = await repository.observationHistory({ sensorId: 'AQ-0001', fromMs: T0, toMs: T0 + 10 * MINUTE, limit: 100 });
      expect(again.rollups).toEqual(before);

      // A late reading for the first minute is history until the next run merges it in.
      expect(await repository.insertObservations([observation('AQ-0001', T0 + 55_000, { pm25: 20, pm10: 80 })])).toEqual(['history']);
      expect(await repository.downsampleObservations(T0 + 2 * MINUTE, MINUTE)).toBe(1);
      const merged = await repository.observationHistory({ sensorId: 'AQ-0001', fromMs: T0, toMs: T0 + 59_999, limit: 100 });
      expect(merged.observations).toEqual([]);
      expect(merged.rollups).toEqual([bucket(T0, 'pm10', 7, 80, 100, (97.5 * 6 + 80) / 7), bucket(T0, 'pm25', 7, 0, 20, (2.5 * 6 + 20) / 7)]);

      // A range starting inside a bucket still gets that bucket; the limit keeps the most recent.
      const inside = await repository.observationHistory({ sensorId: 'AQ-0001', fromMs: T0 + 90_000, toMs: T0 + 100_000, limit: 1 });
      expect(inside.rollups).toEqual([bucket(T0 + MINUTE, 'pm25', 6, 6, 11, 8.5)]);
      await expect(repository.downsampleObservations(T0, 0)).rejects.toBeInstanceOf(RangeError);
    });

    it('reports a corrupt stored observation as an error rather than wrong data', async () => {
      const { store, repository } = await migrated();
      await repository.insertObservations([observation('AQ-0001', T0, { pm25: 35 })]);
      await store.query(`UPDATE sensor_latest SET values_json = '{"pm25":"high"}'`);
      await expect(repository.latestObservations()).rejects.toBeInstanceOf(CorruptRecordError);
    });
  });

  describe('sensors', () => {
    const { migrated } = repositoryScope(backend);

    it('round-trip, sorted by id, an upsert replacing the stored sensor', async () => {
      const { repository } = await migrated();
      const a = sensor('AQ-0001');
      const b = sensor('WL-0002', { kind: 'water_level', asset: { kind: 'low_point', id: 'LP-0003' }, thresholds: [], externalIds: [] });
      await repository.upsertSensors([b, a]);
      expect(await repository.listSensors()).toEqual([a, b]);
      const renamed = sensor('AQ-0001', { name: { zh: '行政中心空气站' }, public: false });
      await repository.upsertSensors([renamed]);
      expect(await repository.listSensors()).toEqual([renamed, b]);
    });
  });
}
