import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import pino from 'pino';
import { Registry } from 'prom-client';
import express from 'express';
import { ApiError, IngestResponse, type StoredObservation } from '@pengcheng/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEYS, BEARER, GATEWAY_BEARER, TEST_SENSORS, createIngestHarness, repositoryState, type IngestHarness } from '../../test-support/ingest/ingestFixtures.js';
import { LiveEvents } from '../live/liveEvents.js';
import { SensorDirectory } from '../sensors/sensorDirectory.js';
import { createApiKeyCheck } from './apiKeys.js';
import { createIngestMetrics } from './ingestMetrics.js';
import { ingestRoutes } from './ingestRoutes.js';
import { createIngestService } from './ingestService.js';

const NOW = Date.parse('2026-06-01T08:00:00+08:00');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const pm25 = (time: string, value: number, sensorId = 'AQS-0001') => ({ sensorId, time, values: [{ quantity: 'pm25', value, unit: 'ug/m3' }] });

let harness: IngestHarness;
beforeEach(async () => {
  harness = await createIngestHarness({ nowMs: NOW });
});
afterEach(async () => harness.close());

async function post(body: unknown, authorization = BEARER) {
  const response = await request(harness.app).post('/api/v1/observations').set('Authorization', authorization).set('Content-Type', 'application/json').send(JSON.stringify(body));
  return { status: response.status, body: IngestResponse.parse(response.body) };
}

async function latestPm25() {
  const [observation] = await harness.repository.latestObservations(['AQS-0001']);
  return observation && { timeMs: observation.timeMs, pm25: observation.values.pm25 };
}

describe('POST /api/v1/observations', () => {
  it('stores a batch in our format and answers 200 with each item\'s fate', async () => {
    const { status, body } = await post({ observations: [pm25(at(-60_000), 30), { ...pm25(at(-60_000), 52, 'NOI-0001'), values: [{ quantity: 'laeq', value: 52, unit: 'dB(A)' }] }] });
    expect(status).toBe(200);
    expect(body).toEqual({
      format: 'pengcheng',
      stored: 2,
      history: 0,
      duplicates: 0,
      rejected: 0,
      incidents: [],
      items: [
        { index: 0, status: 'stored', sensorId: 'AQS-0001' },
        { index: 1, status: 'stored', sensorId: 'NOI-0001' },
      ],
    });
    expect(await latestPm25()).toEqual({ timeMs: NOW - 60_000, pm25: 30 });
  });

  it('takes one observation on its own, not wrapped in a batch', async () => {
    const { status } = await post(pm25(at(-1000), 12));
    expect(status).toBe(200);
    expect(await latestPm25()).toEqual({ timeMs: NOW - 1000, pm25: 12 });
  });

  it('stores the valid items of a batch when others are refused (207) and says why for each refused one', async () => {
    const { status, body } = await post({ observations: [pm25(at(-3000), 20), pm25(at(-2000), 9999), pm25(at(-1000), 25, 'AQS-4040')] });
    expect(status).toBe(207);
    expect(body).toMatchObject({ stored: 1, rejected: 2 });
    expect(body.items.map((item) => (item.status === 'rejected' ? item.reason : item.status))).toEqual(['stored', 'out_of_range', 'unknown_sensor']);
    expect(await latestPm25()).toEqual({ timeMs: NOW - 3000, pm25: 20 });
    expect(await harness.metric('ingest_observations_total', { format: 'pengcheng', outcome: 'stored' })).toBe(1);
    expect(await harness.metric('ingest_observations_total', { format: 'pengcheng', outcome: 'rejected' })).toBe(2);
  });

  it('changes nothing on a duplicate (same sensor and time): the first value stays, no alarm evaluation', async () => {
    await post({ observations: [pm25(at(-5000), 20)] });
    const before = await repositoryState(harness.repository);

    const { status, body } = await post({ observations: [pm25(at(-5000), 21), pm25(at(-5000), 22)] });

    expect(status).toBe(200);
    expect(body).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await repositoryState(harness.repository)).toEqual(before);
    expect(harness.hooked).toHaveLength(1);
  });

  it('keeps a late observation as history without replacing the newer current value', async () => {
    await post({ observations: [pm25(at(-1000), 40)] });
    const { body } = await post({ observations: [pm25(at(-600_000), 10)] });
    expect(body.items[0]).toMatchObject({ status: 'history' });
    expect(await latestPm25()).toEqual({ timeMs: NOW - 1000, pm25: 40 });
    const history = await harness.repository.observationHistory({ sensorId: 'AQS-0001', fromMs: 0, toMs: NOW, limit: 10 });
    expect(history.observations.map((o) => o.values.pm25)).toEqual([10, 40]);
    expect(harness.hooked.map((call) => call.length)).toEqual([1]);
  });

  it('accepts a clock a little ahead (within the skew) and refuses one further ahead, which never becomes the latest', async () => {
    const { body } = await post({ observations: [pm25(at(240_000), 30), pm25(at(360_000), 99)] });
    expect(body.items.map((item) => (item.status === 'rejected' ? item.reason : item.status))).toEqual(['stored', 'future_timestamp']);
    expect(await latestPm25()).toEqual({ timeMs: NOW + 240_000, pm25: 30 });
  });

  it('hands every checked reading to the live events before its write, and only what became current to the alarm hook after it', async () => {
    const events: { readings: readonly StoredObservation[]; storedThen: number }[] = [];
    harness.events.on('readings', (readings) => events.push({ readings, storedThen: harness.hooked.length }));
    await post({ observations: [pm25(at(-2000), 30), pm25(at(-9000), 10), pm25(at(-1000), 9999)] }, GATEWAY_BEARER);
    const current = { sensorId: 'AQS-0001', timeMs: NOW - 2000, values: { pm25: 30 }, quality: 'good', source: 'gateway', receivedAtMs: NOW };
    const late = { ...current, timeMs: NOW - 9000, values: { pm25: 10 } };
    expect(events).toEqual([{ readings: [current, late], storedThen: 0 }]);
    expect(harness.hooked).toEqual([[current]]);
  });

  it('records which data source sent an observation', async () => {
    await post({ observations: [pm25(at(-2000), 30)] }, GATEWAY_BEARER);
    expect((await harness.repository.latestObservations(['AQS-0001']))[0]?.source).toBe('gateway');
  });

  it('answers 405 to other methods', async () => {
    const response = await request(harness.app).get('/api/v1/observations').set('Authorization', BEARER);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });

  it('takes a gzip-compressed body', async () => {
    const server = harness.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/observations`, {
        method: 'POST',
        headers: { authorization: BEARER, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(JSON.stringify({ observations: [pm25(at(-2000), 33)] })),
      });
      expect(response.status).toBe(200);
      expect(await latestPm25()).toEqual({ timeMs: NOW - 2000, pm25: 33 });
    } finally {
      server.close();
    }
  });

  it('stores every observation of concurrent requests (their writes share transactions)', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post({ observations: [pm25(at(-100_000 + i * 1000), i)] })));
    expect(answers.every((answer) => answer.status === 200 && answer.body.stored + answer.body.history === 1)).toBe(true);
    expect(await latestPm25()).toEqual({ timeMs: NOW - 100_000 + 19_000, pm25: 19 });
    const history = await harness.repository.observationHistory({ sensorId: 'AQS-0001', fromMs: 0, toMs: NOW, limit: 100 });
    expect(history.observations).toHaveLength(20);
  });
});

describe('when storage or the hook fails', () => {
  function appWith(insertObservations: () => Promise<never>, onStored: () => Promise<void> = async () => undefined) {
    const registry = new Registry();
    const metrics = createIngestMetrics(registry);
    const sensors = new SensorDirectory(TEST_SENSORS);
    const logger = pino({ level: 'silent' });
    const service = createIngestService({
      repository: { insertObservations },
      sensors,
      events: new LiveEvents(),
      onStored,
      createExternalIncident: async () => ({ id: 'INC-000001' }),
      metrics,
      logger,
      now: () => NOW,
      futureSkewMs: 300_000,
    });
    const app = express().use(ingestRoutes({ service, apiKeys: createApiKeyCheck(API_KEYS), sensors, metrics, logger, maxBodyBytes: 65_536 }));
    return { app, registry };
  }

  it('answers 503 with the error body when the database is down, so the sender retries', async () => {
    const { app } = appWith(async () => {
      throw new Error('SQLITE_BUSY: database is locked at /var/lib/secret/live.sqlite');
    });
    const response = await request(app).post('/api/v1/observations').set('Authorization', BEARER).set('Content-Type', 'application/json').send(JSON.stringify({ observations: [pm25(at(-1), 1)] }));
    expect(response.status).toBe(503);
    expect(ApiError.parse(response.body).error.code).toBe('unavailable');
    expect(response.text).not.toContain('/var/lib');
  });

  it('still answers 200 when the threshold hook fails after storing, and counts the failure', async () => {
    const failing = await createIngestHarness({ nowMs: NOW });
    try {
      const registry = new Registry();
      const metrics = createIngestMetrics(registry);
      const logger = pino({ level: 'silent' });
      const service = createIngestService({
        repository: failing.repository,
        sensors: failing.sensors,
        events: new LiveEvents(),
        onStored: async () => {
          throw new Error('alarm engine down');
        },
        createExternalIncident: async () => ({ id: 'INC-000001' }),
        metrics,
        logger,
        now: () => NOW,
        futureSkewMs: 300_000,
      });
      const app = express().use(ingestRoutes({ service, apiKeys: createApiKeyCheck(API_KEYS), sensors: failing.sensors, metrics, logger, maxBodyBytes: 65_536 }));
      const response = await request(app).post('/api/v1/observations').set('Authorization', BEARER).set('Content-Type', 'application/json').send(JSON.stringify({ observations: [pm25(at(-1), 1)] }));
      expect(response.status).toBe(200);
      expect(await failing.repository.latestObservations(['AQS-0001'])).toHaveLength(1);
      expect((await registry.getSingleMetricAsString('ingest_hook_failures_total')).trim().split('\n').at(-1)).toBe('ingest_hook_failures_total 1');
    } finally {
      await failing.close();
    }
  });
});
