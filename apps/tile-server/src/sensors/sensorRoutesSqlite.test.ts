import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { LatestObservationsResponse, ObservationHistoryResponse, type StoredObservation } from '@pengcheng/protocol';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSensor } from '../../test-support/sensorFixtures.js';
import { createAuthenticate } from '../auth/authMiddleware.js';
import { createDeviceTokenVerifier, parseDeviceTokens } from '../auth/deviceTokens.js';
import { errorHandler } from '../http/errorHandlers.js';
import { createLogger } from '../logging/logger.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import { openSqliteRepository } from '../storage/sqliteRepository.js';
import { SensorDirectory } from './sensorDirectory.js';
import { sensorRoutes } from './sensorRoutes.js';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const MINUTE = 60_000;
const PLANNER = 'planner-desk-token-0123456789';
const KIOSK = 'kiosk-lobby-token-0123456789';
const sensors = [testSensor('AQ-0001', { public: true }), testSensor('GAS-0001', { kind: 'gas_concentration', public: false, thresholds: [] })];

let folder: string;
let repository: LiveRepository;
let app: express.Express;

function reading(sensorId: string, timeMs: number, quantity: string, value: number): StoredObservation {
  return { sensorId, timeMs, values: { [quantity]: value }, quality: 'good', source: 'simulator', receivedAtMs: timeMs };
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'pengcheng-sensor-routes-'));
  repository = openSqliteRepository({ file: path.join(folder, 'live.sqlite'), now: () => NOW });
  await repository.migrate();
  await repository.upsertSensors(sensors);
  const readings = Array.from({ length: 30 }, (_, i) => reading('AQ-0001', NOW - (30 - i) * MINUTE, 'pm25', 40 + i));
  await repository.insertObservations([...readings, reading('GAS-0001', NOW - MINUTE, 'ch4', 3), reading('AQ-0001', NOW - 26 * 60 * MINUTE, 'pm25', 1)]);

  app = express();
  app.use(createAuthenticate(createDeviceTokenVerifier(parseDeviceTokens(`desk:planner:${PLANNER},lobby:kiosk:${KIOSK}`))));
  app.use(sensorRoutes({ directory: new SensorDirectory(sensors), repository, now: () => NOW }));
  app.use(errorHandler(createLogger('silent')));
});

afterAll(async () => {
  await repository.close();
  await rm(folder, { recursive: true, force: true });
});

describe('sensor routes over the SQLite repository', () => {
  it('answer a day of history, oldest first, and the most recent ones within a limit', async () => {
    const day = await request(app).get('/api/v1/sensors/AQ-0001/observations').set('Authorization', `Bearer ${PLANNER}`).expect(200);
    const all = ObservationHistoryResponse.parse(day.body).observations;
    expect(all.map((o) => o.values.pm25)).toEqual(Array.from({ length: 30 }, (_, i) => 40 + i));

    const last = await request(app).get('/api/v1/sensors/AQ-0001/observations?limit=5').set('Authorization', `Bearer ${PLANNER}`).expect(200);
    expect(ObservationHistoryResponse.parse(last.body).observations.map((o) => o.values.pm25)).toEqual([65, 66, 67, 68, 69]);
  });

  it('answer current values, public ones only to a kiosk', async () => {
    const desk = await request(app).get('/api/v1/observations/latest').set('Authorization', `Bearer ${PLANNER}`).expect(200);
    const values = (body: unknown) => Object.fromEntries(LatestObservationsResponse.parse(body).observations.map((o) => [o.sensorId, o.values]));
    expect(values(desk.body)).toEqual({ 'AQ-0001': { pm25: 69 }, 'GAS-0001': { ch4: 3 } });
    const kiosk = await request(app).get('/api/v1/observations/latest?sensors=AQ-0001,GAS-0001').set('Authorization', `Bearer ${KIOSK}`).expect(200);
    expect(values(kiosk.body)).toEqual({ 'AQ-0001': { pm25: 69 } });
  });
});
