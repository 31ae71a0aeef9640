import express from 'express';
import { LoginResponse, WhoAmIResponse } from '@pengcheng/protocol';
import { Registry } from 'prom-client';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errorHandlers.js';
import { createLogger } from '../logging/logger.js';
import { createAuthenticate } from './authMiddleware.js';
import { authRoutes, type AuthRoutesOptions } from './authRoutes.js';
import { createDeviceTokenVerifier, parseDeviceTokens } from './deviceTokens.js';
import { hashPassword } from './passwordHash.js';
import { anyOf } from './tokenVerifier.js';
import { createUserTokens } from './tokens.js';
import type { UserAccount } from './usersFile.js';

const CHEAP = { log2N: 4, r: 8, p: 1 };
const KEY = new TextEncoder().encode('the login test key, at least 32 bytes');
const WALL = 'wall-token-0123456789abcdef';
let accounts: Map<string, UserAccount>;

beforeAll(async () => {
  accounts = new Map([
    ['zhang.wei', { username: 'zhang.wei', role: 'operator', passwordHash: await hashPassword('correct horse battery', CHEAP) }],
    ['li.na', { username: 'li.na', role: 'planner', passwordHash: await hashPassword('staple 彭城 2026', CHEAP) }],
  ]);
});

function build(options: Partial<Pick<AuthRoutesOptions, 'perAddress' | 'perUser'>> & { nowMs?: { value: number } } = {}) {
  const clock = options.nowMs ?? { value: Date.parse('2026-12-01T08:00:00Z') };
  const now = () => clock.value;
  const tokens = createUserTokens({ key: KEY, ttlS: 3600, now, accounts });
  const registry = new Registry();
  const app = express();
  app.set('trust proxy', true);
  app.use(createAuthenticate(anyOf(createDeviceTokenVerifier(parseDeviceTokens(`wall-1:viewer:${WALL}`)), tokens)));
  app.use(authRoutes({ accounts, tokens, registry, now, ...options }));
  app.use(errorHandler(createLogger('silent')));
  return { app, registry, clock };
}

const login = (app: express.Express, username: string, password: string, from = '192.0.2.1') =>
  request(app).post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });

describe('POST /api/v1/auth/login', () => {
  it('issues a token with the role and expiry, which /me then recognises', async () => {
    const { app, clock } = build();
    const res = await login(app, 'zhang.wei', 'correct horse battery').expect(200);
    const body = LoginResponse.parse(res.body);
    expect(body).toMatchObject({ username: 'zhang.wei', role: 'operator', expiresAtMs: clock.value + 3_600_000 });
    expect(res.headers['cache-control']).toBe('no-store');
    const me = await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${body.token}`).expect(200);
    expect(WhoAmIResponse.parse(me.body)).toEqual({ subject: 'zhang.wei', role: 'operator', kind: 'user', expiresAtMs: body.expiresAtMs });
  });

  it('trims the user name as typed', async () => {
    const { app } = build();
    expect((await login(app, '  li.na ', 'staple 彭城 2026').expect(200)).body.role).toBe('planner');
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const { app, registry } = build();
    const wrong = await login(app, 'zhang.wei', 'correct horse battery!').expect(401);
    const unknown = await login(app, 'nobody', 'correct horse battery').expect(401);
    const otherUsersPassword = await login(app, 'zhang.wei', 'staple 彭城 2026').expect(401);
    expect(wrong.body).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong user name or password.' } });
    expect(unknown.body).toEqual(wrong.body);
    expect(otherUsersPassword.body).toEqual(wrong.body);
    expect(wrong.body.token).toBeUndefined();
    expect(await registry.metrics()).toMatch(/auth_logins_total\{outcome="invalid"\} 3/);
  });

  it('refuses a body that is not a login, and one that is not JSON', async () => {
    const { app } = build();
    for (const body of [{}, { username: 'zhang.wei' }, { username: '', password: 'x' }, { username: 'zhang.wei', password: 42 }, []]) {
      const res = await request(app).post('/api/v1/auth/login').send(body).expect(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    await request(app).post('/api/v1/auth/login').type('form').send('username=zhang.wei&password=x').expect(415);
    await request(app).post('/api/v1/auth/login').type('json').send('{"username":').expect(400);
    await request(app).post('/api/v1/auth/login').type('json').send(JSON.stringify({ username: 'a', password: 'x'.repeat(5000) })).expect(413);
    await request(app).get('/api/v1/auth/login').expect(405);
  });

  it('limits failed logins per user name, across addresses, with Retry-After', async () => {
    const { app, clock } = build({ perUser: { maxFailures: 3, windowMs: 60_000 } });
    for (const from of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await login(app, 'zhang.wei', 'guess', from).expect(401);
    const limited = await login(app, 'zhang.wei', 'correct horse battery', '192.0.2.4').expect(429);
    expect(limited.body.error.code).toBe('too_many_attempts');
    expect(limited.headers['retry-after']).toBe('60');
    // Another user is not held back, nor is the same name in other letter case let through.
    await login(app, 'li.na', 'staple 彭城 2026', '192.0.2.4').expect(200);
    await login(app, 'ZHANG.WEI', 'guess', '192.0.2.5').expect(429);

    clock.value += 45_000;
    expect((await login(app, 'zhang.wei', 'correct horse battery').expect(429)).headers['retry-after']).toBe('15');
    clock.value += 15_000;
    await login(app, 'zhang.wei', 'correct horse battery').expect(200);
  });

  it('limits failed logins per client address, across user names', async () => {
    const { app, registry } = build({ perAddress: { maxFailures: 2, windowMs: 120_000 } });
    await login(app, 'zhang.wei', 'guess', '198.51.100.9').expect(401);
    await login(app, 'li.na', 'guess', '198.51.100.9').expect(401);
    const limited = await login(app, 'li.na', 'staple 彭城 2026', '198.51.100.9').expect(429);
    expect(limited.headers['retry-after']).toBe('120');
    await login(app, 'li.na', 'staple 彭城 2026', '198.51.100.10').expect(200);
    expect(await registry.metrics()).toMatch(/auth_logins_total\{outcome="limited"\} 1/);
  });

  it('clears a user name\'s failures once its password is given', async () => {
    const { app } = build({ perUser: { maxFailures: 2, windowMs: 60_000 } });
    await login(app, 'zhang.wei', 'guess').expect(401);
    await login(app, 'zhang.wei', 'correct horse battery').expect(200);
    await login(app, 'zhang.wei', 'guess').expect(401);
    await login(app, 'zhang.wei', 'correct horse battery').expect(200);
  });
});

describe('GET /api/v1/auth/me', () => {
  it('answers 401 without a token', async () => {
    const res = await request(build().app).get('/api/v1/auth/me').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('names a device and its role, without an expiry', async () => {
    const res = await request(build().app).get('/api/v1/auth/me').set('Authorization', `Bearer ${WALL}`).expect(200);
    expect(res.body).toEqual({ subject: 'wall-1', role: 'viewer', kind: 'device' });
  });

  it('answers 401 for a token past its expiry or tampered with', async () => {
    const { app, clock } = build();
    const { token } = LoginResponse.parse((await login(app, 'li.na', 'staple 彭城 2026').expect(200)).body);
    await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}x`).expect(401);
    clock.value += 3_600_000;
    const res = await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body.error.code).toBe('invalid_token');
  });
});
