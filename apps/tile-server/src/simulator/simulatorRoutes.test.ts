import { ApiError, Role, ScenarioRun, SimulatorStatus } from '@pengcheng/protocol';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorUnderTest, type SimulatorUnderTest } from '../../test-support/simulatorFixtures.js';
import { errorHandler, notFound } from '../http/errorHandlers.js';
import { simulatorRoutes } from './simulatorRoutes.js';

let sim: SimulatorUnderTest;
let app: express.Express;
beforeAll(async () => {
  sim = await simulatorUnderTest();
  sim.simulator.start();
  app = express();
  // Stands in for the authentication middleware: the role comes from a test header.
  app.use((req, res, next) => {
    const role = Role.safeParse(req.get('x-test-role'));
    if (role.success) res.locals.principal = { subject: `test-${role.data}`, role: role.data, kind: 'user' };
    next();
  });
  app.use(simulatorRoutes(sim.simulator));
  app.use(notFound);
  app.use(errorHandler(pino({ level: 'silent' })));
});
afterAll(async () => {
  await sim.simulator.stop();
});

const errorCode = (body: unknown): string => ApiError.parse(body).error.code;

describe('the simulator API', () => {
  it('shows its status to anyone who may read live data, a kiosk too, and nobody else', async () => {
    const ok = await request(app).get('/api/v1/simulator').set('x-test-role', 'kiosk').expect(200);
    expect(SimulatorStatus.parse(ok.body)).toMatchObject({ running: true, transport: 'in-process' });
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(errorCode((await request(app).get('/api/v1/simulator').expect(401)).body)).toBe('unauthenticated');
    expect((await request(app).post('/api/v1/simulator').set('x-test-role', 'operator').expect(405)).headers['allow']).toBe('GET, HEAD');
  });

  it('lets operators start and cancel drills, and refuses the other roles', async () => {
    for (const role of ['planner', 'viewer', 'kiosk']) {
      const res = await request(app).post('/api/v1/simulator/scenarios').set('x-test-role', role).send({ scenario: 'rainstorm' }).expect(403);
      expect(errorCode(res.body)).toBe('forbidden');
    }
    await request(app).post('/api/v1/simulator/scenarios').send({ scenario: 'rainstorm' }).expect(401);

    const started = await request(app).post('/api/v1/simulator/scenarios').set('x-test-role', 'operator').send({ scenario: 'gas_leak', assetId: 'PN-GS-000026' }).expect(201);
    const run = ScenarioRun.parse(started.body);
    expect(run).toMatchObject({ scenario: 'gas_leak', assetId: 'PN-GS-000026', state: 'running' });
    const status = SimulatorStatus.parse((await request(app).get('/api/v1/simulator').set('x-test-role', 'viewer').expect(200)).body);
    expect(status.scenarios.map((r) => r.runId)).toContain(run.runId);

    expect(errorCode((await request(app).post('/api/v1/simulator/scenarios').set('x-test-role', 'operator').send({ scenario: 'gas_leak' }).expect(409)).body)).toBe('already_running');
    await request(app).delete(`/api/v1/simulator/scenarios/${run.runId}`).set('x-test-role', 'viewer').expect(403);
    const cancelled = await request(app).delete(`/api/v1/simulator/scenarios/${run.runId}`).set('x-test-role', 'operator').expect(200);
    expect(ScenarioRun.parse(cancelled.body).state).toBe('cancelled');
    expect(errorCode((await request(app).delete(`/api/v1/simulator/scenarios/${run.runId}`).set('x-test-role', 'operator').expect(409)).body)).toBe('not_running');
    expect(errorCode((await request(app).delete('/api/v1/simulator/scenarios/RUN-4242').set('x-test-role', 'operator').expect(404)).body)).toBe('not_found');
    expect(errorCode((await request(app).delete('/api/v1/simulator/scenarios/..%2Fetc').set('x-test-role', 'operator').expect(404)).body)).toBe('not_found');
  });

  it('answers bad drill requests with a clear error and starts nothing', async () => {
    const post = () => request(app).post('/api/v1/simulator/scenarios').set('x-test-role', 'operator');
    const before = sim.simulator.status().scenarios.length;
    expect(errorCode((await post().send({ scenario: 'earthquake' }).expect(422)).body)).toBe('invalid_request');
    expect(errorCode((await post().send({ scenario: 'rainstorm', assetId: 'BLD-999999' }).expect(422)).body)).toBe('unknown_asset');
    expect(errorCode((await post().send({ scenario: 'rainstorm', assetId: 'x'.repeat(65) }).expect(422)).body)).toBe('invalid_request');
    expect(errorCode((await post().set('content-type', 'text/plain').send('rainstorm').expect(415)).body)).toBe('unsupported_media_type');
    expect(errorCode((await post().set('content-type', 'application/json').send('{"scenario":').expect(400)).body)).toBe('bad_request');
    await post().set('content-type', 'application/json').send(JSON.stringify({ scenario: 'rainstorm', pad: 'x'.repeat(8000) })).expect(413);
    expect(sim.simulator.status().scenarios.length).toBe(before);
  });
});
