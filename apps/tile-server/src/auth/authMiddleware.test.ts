import express from 'express';
import { PERMISSIONS, ROLES, roleMay, type Permission } from '@pengcheng/protocol';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errorHandlers.js';
import { createLogger } from '../logging/logger.js';
import { createAuthenticate, principalOf, requirePermission } from './authMiddleware.js';
import { createDeviceTokenVerifier, parseDeviceTokens } from './deviceTokens.js';
import { anyOf } from './tokenVerifier.js';
import { createUserTokens } from './tokens.js';

const KEY = new TextEncoder().encode('the middleware test key, 32 bytes or more');
const deviceToken = (role: string) => `${role}-device-token-0123456789`;
const devices = createDeviceTokenVerifier(parseDeviceTokens(ROLES.map((role) => `${role}-screen:${role}:${deviceToken(role)}`).join(',')));
let nowMs = Date.parse('2026-12-01T08:00:00Z');
const users = createUserTokens({ key: KEY, ttlS: 600, now: () => nowMs, accounts: new Map([['zhang.wei', { role: 'operator' as const }]]) });

function tinyApp() {
  const app = express();
  app.use(createAuthenticate(anyOf(devices, users)));
  app.get('/whoami', (_req, res) => {
    res.json({ principal: principalOf(res) ?? null });
  });
  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    app.post(`/needs/${permission}`, requirePermission(permission), (_req, res) => {
      res.json({ done: permission });
    });
  }
  app.use(errorHandler(createLogger('silent')));
  return app;
}

describe('authenticate', () => {
  const app = tinyApp();

  it('leaves the request anonymous without an Authorization header', async () => {
    expect((await request(app).get('/whoami').expect(200)).body).toEqual({ principal: null });
  });

  it('takes a device token or a user token as Bearer, whatever the scheme case', async () => {
    const wall = await request(app).get('/whoami').set('Authorization', `Bearer ${deviceToken('viewer')}`).expect(200);
    expect(wall.body.principal).toEqual({ subject: 'viewer-screen', role: 'viewer', kind: 'device' });
    const { token, expiresAtMs } = await users.issue('zhang.wei', 'operator');
    const user = await request(app).get('/whoami').set('Authorization', `bearer ${token}`).expect(200);
    expect(user.body.principal).toEqual({ subject: 'zhang.wei', role: 'operator', kind: 'user', expiresAtMs });
  });

  it.each([['Bearer not-a-valid-token'], ['Bearer '], ['Basic dXNlcjpwYXNz'], [`Bearer ${deviceToken('viewer')} extra`], [`${deviceToken('viewer')}`]])(
    'answers 401 invalid_token for %j',
    async (header) => {
      const res = await request(app).get('/whoami').set('Authorization', header).expect(401);
      expect(res.body).toEqual({ error: { code: 'invalid_token', message: expect.any(String) } });
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    },
  );

  it('answers 401 once a user token has expired', async () => {
    const { token } = await users.issue('zhang.wei', 'operator');
    await request(app).post('/needs/incidents:write').set('Authorization', `Bearer ${token}`).expect(200);
    nowMs += 600_000;
    const res = await request(app).post('/needs/incidents:write').set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body.error.code).toBe('invalid_token');
  });
});

describe('requirePermission', () => {
  const app = tinyApp();
  const matrix = ROLES.flatMap((role) => (Object.keys(PERMISSIONS) as Permission[]).map((permission) => [role, permission] as const));

  it.each(matrix)('%s × %s follows the protocol table', async (role, permission) => {
    const res = await request(app).post(`/needs/${permission}`).set('Authorization', `Bearer ${deviceToken(role)}`);
    if (roleMay(role, permission)) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ done: permission });
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({ code: 'forbidden', message: `The role "${role}" does not have the permission "${permission}".` });
    }
  });

  it('lets only operators act, and everyone read', () => {
    const allowed = (permission: Permission) => ROLES.filter((role) => roleMay(role, permission));
    expect(allowed('incidents:write')).toEqual(['operator']);
    expect(allowed('personal-data:read')).toEqual(['operator', 'planner']);
    expect(allowed('live:read')).toEqual([...ROLES]);
  });

  it.each(Object.keys(PERMISSIONS))('answers 401 unauthenticated for %s without a principal', async (permission) => {
    const res = await request(app).post(`/needs/${permission}`).expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });
});
