import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Alarm, AlarmListResponse, ApiError, type Role, type Sensor } from '@pengcheng/protocol';
import express, { type Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticate } from '../auth/authMiddleware.js';
import type { Principal } from '../auth/principal.js';
import { errorHandler, notFound } from '../http/errorHandlers.js';
import { SensorDirectory } from '../sensors/sensorDirectory.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import { openSqliteRepository } from '../storage/sqliteRepository.js';
import { AlarmEngine } from './alarmEngine.js';
import { alarmRoutes } from './alarmRoutes.js';
import { LiveEvents } from '../live/liveEvents.js';

const PRINCIPALS: Record<string, Principal> = {
  'operator-token': { subject: 'zhang.wei', role: 'operator', kind: 'user' },
  'planner-token': { subject: 'chen.jing', role: 'planner', kind: 'user' },
  'viewer-token': { subject: 'wall-1', role: 'viewer', kind: 'device' },
  'kiosk-token': { subject: 'kiosk-hall', role: 'kiosk', kind: 'device' },
};
const as = (role: Role): string => `Bearer ${role}-token`;

function sensor(id: string, kind: Sensor['kind'], quantity: string, isPublic: boolean): Sensor {
  return {
    id,
    kind,
    name: { zh: id },
    position: { lon: 117.27, lat: 34.2, height: 0 },
    asset: { kind: 'smart_pole', id: 'POLE-000001' },
    thresholds: [{ quantity, direction: 'above', warning: 10, alarm: 20, hysteresis: 1 }],
    externalIds: [],
    public: isPublic,
  };
}
/** Noise is shown on kiosks; a manhole's gas reading is not. */
const noise = sensor('SNS-NS-001', 'noise', 'laeq', true);
const manhole = sensor('SNS-MH-001', 'manhole_cover', 'tilt', false);

let dir: string;
let repository: LiveRepository;
let app: Express;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-alarm-routes-'));
  repository = openSqliteRepository({ file: path.join(dir, 'live.sqlite') });
  await repository.migrate();
  const sensors = new SensorDirectory([noise, manhole]);
  const noIncidents = {
    createFromAlarm: () => Promise.reject(new Error('not in this test')),
    findOpenForSensor: () => Promise.resolve(undefined),
    linkAlarm: () => Promise.reject(new Error('not in this test')),
  };
  const engine = new AlarmEngine({ repository, sensors, incidents: noIncidents, events: new LiveEvents(), logger: pino({ level: 'silent' }), now: Date.now });
  let t = Date.UTC(2026, 6, 1);
  for (const [s, quantity, value] of [
    [noise, 'laeq', 15],
    [manhole, 'tilt', 12],
    [noise, 'laeq', 2],
    [noise, 'laeq', 16],
  ] as const) {
    t += 1000;
    await engine.onStored([{ sensorId: s.id, timeMs: t, values: { [quantity]: value }, quality: 'good', source: 'simulator', receivedAtMs: t }]);
  }
  app = express();
  app.use(createAuthenticate({ verify: (token) => Promise.resolve(PRINCIPALS[token]) }));
  app.use(alarmRoutes({ alarms: engine, sensors }));
  app.use(notFound);
  app.use(errorHandler(pino({ level: 'silent' })));
});
afterAll(async () => {
  await repository.close();
  await rm(dir, { recursive: true, force: true });
});

async function list(role: Role, query = ''): Promise<Alarm[]> {
  const response = await request(app).get(`/api/v1/alarms${query}`).set('Authorization', as(role)).expect(200);
  return AlarmListResponse.parse(response.body).alarms;
}

describe('alarms over HTTP', () => {
  it('lists alarms newest first, open ones and by sensor', async () => {
    expect((await list('viewer')).map((a) => a.id)).toEqual(['ALM-000003', 'ALM-000002', 'ALM-000001']);
    expect((await list('planner', '?open=true&limit=10')).map((a) => a.id)).toEqual(['ALM-000003', 'ALM-000002', 'ALM-000001']);
    expect((await list('operator', '?sensorId=SNS-NS-001')).map((a) => a.id)).toEqual(['ALM-000003', 'ALM-000001']);
    expect((await list('operator', '?limit=1')).map((a) => a.id)).toEqual(['ALM-000003']);
  });

  it('shows a kiosk only the alarms of public sensors, in the list and in detail', async () => {
    expect((await list('kiosk')).map((a) => a.sensorId)).toEqual(['SNS-NS-001', 'SNS-NS-001']);
    expect(await list('kiosk', '?sensorId=SNS-MH-001')).toEqual([]);
    // The hidden alarm between them does not use up the kiosk's limit.
    expect((await list('kiosk', '?limit=2')).map((a) => a.id)).toEqual(['ALM-000003', 'ALM-000001']);
    await request(app).get('/api/v1/alarms/ALM-000002').set('Authorization', as('kiosk')).expect(404);
    const seen = await request(app).get('/api/v1/alarms/ALM-000002').set('Authorization', as('viewer')).expect(200);
    expect(Alarm.parse(seen.body).sensorId).toBe('SNS-MH-001');
  });

  it('needs a principal to read, and answers 400 for a bad query and 404 for an unknown alarm', async () => {
    await request(app).get('/api/v1/alarms').expect(401);
    await request(app).get('/api/v1/alarms/ALM-000001').expect(401);
    const bad = await request(app).get('/api/v1/alarms?open=maybe').set('Authorization', as('viewer')).expect(400);
    expect(ApiError.parse(bad.body).error.message).toMatch(/open/);
    await request(app).get('/api/v1/alarms?limit=5000').set('Authorization', as('viewer')).expect(400);
    await request(app).get('/api/v1/alarms/ALM-000404').set('Authorization', as('viewer')).expect(404);
  });

  it('lets only an operator acknowledge, once', async () => {
    const url = '/api/v1/alarms/ALM-000002/acknowledge';
    await request(app).post(url).send({}).expect(401);
    for (const role of ['planner', 'viewer', 'kiosk'] as const) await request(app).post(url).set('Authorization', as(role)).send({}).expect(403);
    const acked = await request(app).post(url).set('Authorization', as('operator')).send({ note: '已派人复位井盖' }).expect(200);
    expect(Alarm.parse(acked.body)).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'zhang.wei' });
    const again = await request(app).post(url).set('Authorization', as('operator')).expect(409);
    expect(ApiError.parse(again.body).error.code).toBe('already_acknowledged');
    await request(app).post('/api/v1/alarms/ALM-000001/acknowledge').set('Authorization', as('operator')).expect(200);
    // A public screen sees that it was acknowledged, not by whom.
    const onKiosk = Alarm.parse((await request(app).get('/api/v1/alarms/ALM-000001').set('Authorization', as('kiosk')).expect(200)).body);
    expect(onKiosk.acknowledgedAtMs).toBeDefined();
    expect(onKiosk.acknowledgedBy).toBeUndefined();
    expect(JSON.stringify(onKiosk)).not.toContain('zhang.wei');
    await request(app).post('/api/v1/alarms/ALM-000404/acknowledge').set('Authorization', as('operator')).send({}).expect(404);
    await request(app).post('/api/v1/alarms/ALM-000003/acknowledge').set('Authorization', as('operator')).send({ note: 7 }).expect(400);
    expect((await list('operator', '?open=true')).map((a) => a.id)).toEqual(['ALM-000003', 'ALM-000002']);
  });
});
