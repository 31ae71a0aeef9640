import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { observation } from './contract/contractFixtures.js';
import { startObservationRetention } from './observationRetention.js';
import { openSqliteRepository } from './sqliteRepository.js';

const HOUR = 3_600_000;
const NOW = 1_764_547_200_000;
const logger = pino({ level: 'silent' });
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'live-retention-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function metric(registry: Registry, name: string): Promise<number> {
  return (await registry.getSingleMetric(name)?.get())?.values[0]?.value ?? Number.NaN;
}

describe('observation retention', () => {
  it('rolls raw history older than the window into buckets and leaves the window raw', async () => {
    const repository = openSqliteRepository({ file: path.join(work, 'window.sqlite') });
    await repository.migrate();
    // One reading every 10 minutes over the last 4 hours.
    const series = Array.from({ length: 25 }, (_, i) => observation('AQ-0001', NOW - 4 * HOUR + i * 600_000, { pm25: i }));
    await repository.insertObservations(series);
    const registry = new Registry();
    const retention = startObservationRetention({ repository, now: () => NOW, rawRetentionMs: 2 * HOUR, bucketMs: HOUR, intervalMs: HOUR, logger, registry });
    await retention.runOnce();
    await retention.stop();

    const history = await repository.observationHistory({ sensorId: 'AQ-0001', fromMs: NOW - 5 * HOUR, toMs: NOW, limit: 100 });
    expect(history.observations).toEqual(series.slice(12));
    expect(history.rollups.map((r) => [r.bucketStartMs, r.count, r.min, r.max])).toEqual([
      [NOW - 4 * HOUR, 6, 0, 5],
      [NOW - 3 * HOUR, 6, 6, 11],
    ]);
    expect(await metric(registry, 'live_observations_rolled_up_total')).toBe(12);
    await repository.close();
  });

  it('counts a failed pass and keeps going', async () => {
    const registry = new Registry();
    const downsampleObservations = vi.fn(async () => {
      throw new Error('disk full');
    });
    const retention = startObservationRetention({ repository: { downsampleObservations }, now: () => NOW, rawRetentionMs: HOUR, bucketMs: HOUR, intervalMs: HOUR, logger, registry });
    await vi.waitFor(async () => expect(await metric(registry, 'live_observation_retention_failures_total')).toBe(1));
    await expect(retention.runOnce()).rejects.toThrow('disk full');
    expect(downsampleObservations).toHaveBeenCalledTimes(2);
    await retention.stop();
  });
});
