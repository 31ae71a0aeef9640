import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, Incident, IncidentListResponse, type Role } from '@pengcheng/protocol';
import express, { type Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthenticate } from '../auth/authMiddleware.js';
import type { Principal } from '../auth/principal.js';
import { errorHandler, notFound } from '../http/errorHandlers.js';
import { LiveEvents } from '../live/liveEvents.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import { openSqliteRepository } from '../storage/sqliteRepository.js';
import { incidentRoutes } from './incidentRoutes.js';
import { IncidentService } from './incidentService.js';
import { loadResponsibilities } from './responsibilityList.js';

const LIST = fileURLToPath(new URL('../../../../config/responsibility-list.json', import.meta.url));
const PRINCIPALS: Record<string, Principal> = {
  'operator-token': { subject: 'zhang.wei', role: 'operator', kind: 'user' },
  'planner-token': { subject: 'chen.jing', role: 'planner', kind: 'user' },
  'viewer-token': { subject: 'wall-1', role: 'viewer', kind: 'device' },
  'kiosk-token': { subject: 'kiosk-hall', role: 'kiosk', kind: 'device' },
};
const as = (role: Role): string => `Bearer ${role}-token`;

const hotlineCall = {
  category: 'waterlogging',
  source: 'hotline',
  severity: 'medium',
  title: '云泉路近嵩山路积水没过路牙',
  description: '王女士来电：家门口积水约三十厘米',
  place: { lon: 117.2605827, lat: 34.1933088 },
  reporter: { name: '王女士', phone: '13805160000' },
};

let dir: string;
let repository: LiveRepository;
let app: Express;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-incident-routes-'));
  const responsibilities = await loadResponsibilities(LIST);
  repository = openSqliteRepository({ file: path.join(dir, 'live.sqlite') });
  await repository.migrate();
  const service = new IncidentService({ repository, responsibilities, events: new LiveEvents(), now: Date.now });
  app = express();
  app.use(createAuthenticate({ verify: (token) => Promise.resolve(PRINCIPALS[token]) }));
  app.use(incidentRoutes(service));
  app.use(notFound);
  app.use(errorHandler(pino({ level: 'silent' })));
});
afterAll(async () => {
  await repository.close();
  await rm(dir, { recursive: true, force: true });
});

async function create(): Promise<Incident> {
  const response = await request(app).post('/api/v1/incidents').set('Authorization', as('operator')).send(hotlineCall).expect(201);
  return Incident.parse(response.body);
}

function errorCode(body: unknown): string {
  return ApiError.parse(body).error.code;
}

describe('incidents over HTTP', () => {
  let incident: Incident;
  beforeEach(async () => {
    incident = await create();
  });

  it('creates an incident for an operator, with its department and a Location', async () => {
    const response = await request(app).post('/api/v1/incidents').set('Authorization', as('operator')).send(hotlineCall).expect(201);
    const created = Incident.parse(response.body);
    expect(response.headers.location).toBe(`/api/v1/incidents/${created.id}`);
    expect(created).toMatchObject({ state: 'reported', department: '徐州市水务局', reporter: hotlineCall.reporter });
  });

  it.each(['planner', 'viewer', 'kiosk'] as const)('refuses every write by a %s with 403', async (role) => {
    const auth = as(role);
    expect(errorCode((await request(app).post('/api/v1/incidents').set('Authorization', auth).send(hotlineCall).expect(403)).body)).toBe('forbidden');
    await request(app).patch(`/api/v1/incidents/${incident.id}`).set('Authorization', auth).send({ version: 1, assignee: 'x' }).expect(403);
    await request(app).post(`/api/v1/incidents/${incident.id}/transitions`).set('Authorization', auth).send({ action: 'dispatch', version: 1 }).expect(403);
    const stored = await request(app).get(`/api/v1/incidents/${incident.id}`).set('Authorization', as('operator')).expect(200);
    expect(stored.body).toEqual(incident);
  });

  it('answers 401 without a token, for reads and writes, and for a bad token', async () => {
    await request(app).get('/api/v1/incidents').expect(401);
    await request(app).get(`/api/v1/incidents/${incident.id}`).expect(401);
    await request(app).post('/api/v1/incidents').send(hotlineCall).expect(401);
    await request(app).post(`/api/v1/incidents/${incident.id}/transitions`).send({ action: 'dispatch', version: 1 }).expect(401);
    await request(app).get('/api/v1/incidents').set('Authorization', 'Bearer forged').expect(401);
  });

  it('never shows a kiosk the caller, in the list or in detail; planners and operators see them', async () => {
    const list = IncidentListResponse.parse((await request(app).get('/api/v1/incidents').set('Authorization', as('kiosk')).expect(200)).body);
    expect(list.incidents.length).toBeGreaterThan(0);
    const detail = await request(app).get(`/api/v1/incidents/${incident.id}`).set('Authorization', as('kiosk')).expect(200);
    for (const text of [JSON.stringify(list), detail.text]) {
      expect(text).not.toContain('13805160000');
      expect(text).not.toContain('王女士');
    }
    expect(detail.body).not.toHaveProperty('reporter');
    // Nor the caller's own words, nor who on the staff did what.
    expect(detail.body).not.toHaveProperty('description');
    expect(detail.body.audit.length).toBeGreaterThan(0);
    for (const entry of detail.body.audit as { actor: string; note?: string }[]) {
      expect(entry.actor).toBe('staff');
      expect(entry).not.toHaveProperty('note');
    }
    for (const role of ['planner', 'operator'] as const) {
      const seen = await request(app).get(`/api/v1/incidents/${incident.id}`).set('Authorization', as(role)).expect(200);
      expect(seen.body.reporter).toEqual(hotlineCall.reporter);
    }
  });

  it('moves an incident through transitions and PATCH, answering 409 for illegal and stale writes', async () => {
    const url = `/api/v1/incidents/${incident.id}`;
    const auth = as('operator');
    const dispatched = await request(app).post(`${url}/transitions`).set('Authorization', auth).send({ action: 'dispatch', version: 1 }).expect(200);
    expect(dispatched.body).toMatchObject({ state: 'dispatched', version: 2 });
    const illegal = await request(app).post(`${url}/transitions`).set('Authorization', auth).send({ action: 'resolve', version: 2 }).expect(409);
    expect(ApiError.parse(illegal.body).error).toEqual({ code: 'illegal_transition', message: 'An incident that is dispatched cannot take the action resolve.' });
    const stale = await request(app).patch(url).set('Authorization', auth).send({ version: 1, assignee: '赵师傅' }).expect(409);
    expect(errorCode(stale.body)).toBe('stale_version');
    const assigned = await request(app).patch(url).set('Authorization', auth).send({ version: 2, assignee: '赵师傅' }).expect(200);
    expect(assigned.body).toMatchObject({ assignee: '赵师傅', version: 3 });
    await request(app).post('/api/v1/incidents/INC-999999/transitions').set('Authorization', auth).send({ action: 'dispatch', version: 1 }).expect(404);
  });

  it('lets one of two concurrent transitions of the same version win over HTTP', async () => {
    const url = `/api/v1/incidents/${incident.id}/transitions`;
    const [a, b] = await Promise.all(
      (['dispatch', 'close'] as const).map((action) => request(app).post(url).set('Authorization', as('operator')).send({ action, version: 1 })),
    );
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    expect(errorCode((a?.status === 409 ? a : b)?.body)).toBe('stale_version');
  });

  it('filters the list by state', async () => {
    await request(app).post(`/api/v1/incidents/${incident.id}/transitions`).set('Authorization', as('operator')).send({ action: 'close', version: 1 }).expect(200);
    const closed = IncidentListResponse.parse((await request(app).get('/api/v1/incidents?state=closed&limit=50').set('Authorization', as('viewer')).expect(200)).body);
    expect(closed.incidents.map((i) => i.id)).toContain(incident.id);
    expect(closed.incidents.every((i) => i.state === 'closed')).toBe(true);
    const open = IncidentListResponse.parse((await request(app).get('/api/v1/incidents?state=reported,dispatched').set('Authorization', as('viewer')).expect(200)).body);
    expect(open.incidents.map((i) => i.id)).not.toContain(incident.id);
  });
});

describe('bad requests', () => {
  const auth = as('operator');

  it.each([
    ['a missing title', { ...hotlineCall, title: undefined }, /title/],
    ['an unknown category', { ...hotlineCall, category: 'fire' }, /category/],
    ['a threshold source', { ...hotlineCall, source: 'threshold' }, /source/],
    ['a position off the globe', { ...hotlineCall, place: { lon: 181, lat: 34 } }, /place\.lon/],
    ['a phone that is not a number', { ...hotlineCall, reporter: { phone: 'call me' } }, /reporter\.phone: phone must be digits/],
    ['a numeric severity', { ...hotlineCall, severity: 3 }, /severity/],
  ])('refuses an incident with %s with 400 and says what', async (_what, body, message) => {
    const response = await request(app).post('/api/v1/incidents').set('Authorization', auth).send(body).expect(400);
    expect(ApiError.parse(response.body).error.message).toMatch(message);
  });

  it('refuses malformed JSON, other content types, unknown PATCH fields and bad queries', async () => {
    const before = IncidentListResponse.parse((await request(app).get('/api/v1/incidents?limit=1000').set('Authorization', auth)).body).incidents.length;
    await request(app).post('/api/v1/incidents').set('Authorization', auth).set('Content-Type', 'application/json').send('{"title":').expect(400);
    const typed = await request(app).post('/api/v1/incidents').set('Authorization', auth).set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(errorCode(typed.body)).toBe('unsupported_media_type');
    const incident = await create();
    const patch = await request(app).patch(`/api/v1/incidents/${incident.id}`).set('Authorization', auth).send({ version: 1, state: 'closed' }).expect(400);
    expect(ApiError.parse(patch.body).error.message).toMatch(/state/);
    await request(app).post(`/api/v1/incidents/${incident.id}/transitions`).set('Authorization', auth).send({ action: 'teleport', version: 1 }).expect(400);
    await request(app).get('/api/v1/incidents?state=lost').set('Authorization', auth).expect(400);
    await request(app).get('/api/v1/incidents?limit=0').set('Authorization', auth).expect(400);
    await request(app).delete(`/api/v1/incidents/${incident.id}`).set('Authorization', auth).expect(405);
    const after = IncidentListResponse.parse((await request(app).get('/api/v1/incidents?limit=1000').set('Authorization', auth)).body).incidents.length;
    expect(after).toBe(before + 1);
  });
});
