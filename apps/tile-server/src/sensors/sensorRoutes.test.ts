import express from 'express';
import { ObservationHistoryResponse, SensorListResponse, type StoredObservation } from '@pengcheng/protocol';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testSensor } from '../../test-support/sensorFixtures.js';
import { createAuthenticate } from '../auth/authMiddleware.js';
import { createDeviceTokenVerifier, parseDeviceTokens } from '../auth/deviceTokens.js';
import { errorHandler } from '../http/errorHandlers.js';
import { createLogger } from '../logging/logger.js';
import type { HistoryQuery, LiveRepository } from '../storage/liveRepository.js';
import { SensorDirectory } from './sensorDirectory.js';
import { sensorRoutes } from './sensorRoutes.js';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const token = (role: string) => `${role}-screen-token-0123456789`;
const as = (role: string) => ({ Authorization: `Bearer ${token(role)}` });

const sensors = [
  testSensor('AQ-0001', { public: true }),
  testSensor('GAS-0001', { kind: 'gas_concentration', public: false, thresholds: [] }),
  testSensor('NS-0001', { kind: 'noise', public: true, thresholds: [] }),
];

function observation(sensorId: string, timeMs: number, value: number): StoredObservation {
  return { sensorId, timeMs, values: { v: value }, quality: 'good', source: 'simulator', receivedAtMs: timeMs };
}

/** The two read methods the routes use, over a fixed list, recording what it was asked. */
function fakeRepository(stored: readonly StoredObservation[]) {
  const asked = { history: [] as HistoryQuery[], latest: [] as (readonly string[] | undefined)[] };
  const repository: Pick<LiveRepository, 'observationHistory' | 'latestObservations'> = {
    async observationHistory(query) {
      asked.history.push(query);
      const inRange = stored.filter((o) => o.sensorId === query.sensorId && o.timeMs >= query.fromMs && o.timeMs <= query.toMs);
      return { observations: inRange.slice(-query.limit), rollups: [] };
    },
    async latestObservations(ids) {
      asked.latest.push(ids);
      const latest = new Map<string, StoredObservation>();
      for (const o of stored) if ((ids === undefined || ids.includes(o.sensorId)) && (latest.get(o.sensorId)?.timeMs ?? -Infinity) < o.timeMs) latest.set(o.sensorId, o);
      return [...latest.values()];
    },
  };
  return { repository, asked };
}

function build(stored: readonly StoredObservation[] = []) {
  const { repository, asked } = fakeRepository(stored);
  const app = express();
  const devices = parseDeviceTokens(['operator', 'planner', 'viewer', 'kiosk'].map((role) => `${role}-screen:${role}:${token(role)}`).join(','));
  app.use(createAuthenticate(createDeviceTokenVerifier(devices)));
  app.use(sensorRoutes({ directory: new SensorDirectory(sensors), repository, now: () => NOW }));
  app.use(errorHandler(createLogger('silent')));
  return { app, asked };
}

const HOUR = 3_600_000;
const stored = [
  observation('AQ-0001', NOW - 30 * HOUR, 1),
  observation('AQ-0001', NOW - 2 * HOUR, 2),
  observation('AQ-0001', NOW - HOUR, 3),
  observation('GAS-0001', NOW - HOUR, 40),
  observation('NS-0001', NOW - HOUR, 55),
];

describe('GET /api/v1/sensors', () => {
  it('lists every sensor to staff and walls, only public ones to kiosks', async () => {
    const { app } = build();
    for (const role of ['operator', 'planner', 'viewer']) {
      const res = await request(app).get('/api/v1/sensors').set(as(role)).expect(200);
      expect(SensorListResponse.parse(res.body).sensors.map((s) => s.id)).toEqual(['AQ-0001', 'GAS-0001', 'NS-0001']);
    }
    const kiosk = await request(app).get('/api/v1/sensors').set(as('kiosk')).expect(200);
    expect(SensorListResponse.parse(kiosk.body).sensors.map((s) => s.id)).toEqual(['AQ-0001', 'NS-0001']);
    expect(kiosk.headers['cache-control']).toBe('no-store');
  });

  it('needs a principal', async () => {
    const res = await request(build().app).get('/api/v1/sensors').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
    await request(build().app).get('/api/v1/sensors/AQ-0001').expect(401);
    await request(build().app).get('/api/v1/sensors/AQ-0001/observations').expect(401);
    await request(build().app).get('/api/v1/observations/latest').expect(401);
  });

  it('is read-only', async () => {
    await request(build().app).post('/api/v1/sensors').set(as('operator')).send({}).expect(405);
  });
});

describe('GET /api/v1/sensors/:id', () => {
  it('answers a sensor, 404 for an unknown one, and 404 to a kiosk for a non-public one', async () => {
    const { app } = build();
    expect((await request(app).get('/api/v1/sensors/GAS-0001').set(as('viewer')).expect(200)).body).toEqual(sensors[1]);
    expect((await request(app).get('/api/v1/sensors/NS-0001').set(as('kiosk')).expect(200)).body.id).toBe('NS-0001');
    const hidden = await request(app).get('/api/v1/sensors/GAS-0001').set(as('kiosk')).expect(404);
    const unknown = await request(app).get('/api/v1/sensors/GAS-9999').set(as('kiosk')).expect(404);
    expect(hidden.body).toEqual(unknown.body);
    await request(app).get('/api/v1/sensors/__proto__').set(as('operator')).expect(404);
  });
});

describe('GET /api/v1/sensors/:id/observations', () => {
  it('answers the last 24 hours by default', async () => {
    const { app, asked } = build(stored);
    const res = await request(app).get('/api/v1/sensors/AQ-0001/observations').set(as('planner')).expect(200);
    const body = ObservationHistoryResponse.parse(res.body);
    expect(body.sensorId).toBe('AQ-0001');
    expect(body.observations.map((o) => o.values.v)).toEqual([2, 3]);
    expect(asked.history).toEqual([{ sensorId: 'AQ-0001', fromMs: NOW - 24 * HOUR, toMs: NOW, limit: 10_000 }]);
  });

  it('passes the asked range and limit to the repository', async () => {
    const { app, asked } = build(stored);
    const res = await request(app)
      .get('/api/v1/sensors/AQ-0001/observations')
      .query({ from: '2026-11-30T00:00:00+08:00', to: '2026-12-01T15:30:00+08:00', limit: '1' })
      .set(as('kiosk'))
      .expect(200);
    expect(res.body.observations.map((o: StoredObservation) => o.values.v)).toEqual([3]);
    expect(asked.history[0]).toEqual({ sensorId: 'AQ-0001', fromMs: Date.parse('2026-11-29T16:00:00Z'), toMs: NOW - 30 * 60_000, limit: 1 });
  });

  it.each([
    ['from=yesterday', /^from: time must be ISO 8601/],
    ['from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z', /at most 31 days apart/],
    ['from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z', /from must not be later than to/],
    ['limit=20000', /^limit: /],
    ['limit=10&limit=20', /^limit: /],
    ['sort=desc', /only from, to and limit/],
  ])('answers 400 with a clear message for ?%s, asking nothing of the repository', async (query, message) => {
    const { app, asked } = build(stored);
    const res = await request(app).get(`/api/v1/sensors/AQ-0001/observations?${query}`).set(as('operator')).expect(400);
    expect(res.body.error).toEqual({ code: 'bad_request', message: expect.stringMatching(message) });
    expect(asked.history).toEqual([]);
  });

  it('answers 404 for an unknown sensor and, to a kiosk, for a non-public one', async () => {
    const { app, asked } = build(stored);
    await request(app).get('/api/v1/sensors/AQ-9999/observations').set(as('operator')).expect(404);
    await request(app).get('/api/v1/sensors/GAS-0001/observations').set(as('kiosk')).expect(404);
    expect(asked.history).toEqual([]);
    await request(app).get('/api/v1/sensors/GAS-0001/observations').set(as('viewer')).expect(200);
  });
});

describe('GET /api/v1/observations/latest', () => {
  const latestValues = (body: { observations: StoredObservation[] }) => Object.fromEntries(body.observations.map((o) => [o.sensorId, o.values.v]));

  it('answers every registered sensor\'s current value, and a kiosk only the public ones', async () => {
    const { app } = build([...stored, observation('OLD-0001', NOW, 9)]);
    const all = await request(app).get('/api/v1/observations/latest').set(as('viewer')).expect(200);
    expect(latestValues(all.body)).toEqual({ 'AQ-0001': 3, 'GAS-0001': 40, 'NS-0001': 55 });
    const kiosk = await request(app).get('/api/v1/observations/latest').set(as('kiosk')).expect(200);
    expect(latestValues(kiosk.body)).toEqual({ 'AQ-0001': 3, 'NS-0001': 55 });
  });

  it('answers the sensors asked for, leaving out unknown ones and, for a kiosk, non-public ones', async () => {
    const { app, asked } = build(stored);
    const res = await request(app).get('/api/v1/observations/latest?sensors=GAS-0001,AQ-9999').set(as('operator')).expect(200);
    expect(latestValues(res.body)).toEqual({ 'GAS-0001': 40 });
    const kiosk = await request(app).get('/api/v1/observations/latest?sensors=GAS-0001,NS-0001').set(as('kiosk')).expect(200);
    expect(latestValues(kiosk.body)).toEqual({ 'NS-0001': 55 });
    expect(asked.latest).toEqual([['GAS-0001'], ['NS-0001']]);
    expect((await request(app).get('/api/v1/observations/latest?sensors=GAS-0001').set(as('kiosk')).expect(200)).body).toEqual({ observations: [] });
  });

  it('answers 400 for malformed ids', async () => {
    const { app } = build(stored);
    for (const query of ['sensors=', 'sensors=aq-1', 'sensors=AQ-0001&sensors=NS-0001', 'ids=AQ-0001']) {
      const res = await request(app).get(`/api/v1/observations/latest?${query}`).set(as('operator')).expect(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });
});
