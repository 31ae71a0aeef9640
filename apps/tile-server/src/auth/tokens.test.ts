import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_SECRET_FILE_NAME, loadAuthSecret } from './authSecret.js';
import { createUserTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from './tokens.js';

const KEY = new TextEncoder().encode('a test key that is at least 32 bytes long');
const accounts = new Map([
  ['zhang.wei', { role: 'operator' as const }],
  ['li.na', { role: 'kiosk' as const }],
]);

describe('user tokens', () => {
  it('carry the user, role, issue time and expiry, and verify until they expire', async () => {
    let nowMs = Date.parse('2026-12-01T08:00:00+08:00');
    const tokens = createUserTokens({ key: KEY, ttlS: 3600, now: () => nowMs, accounts });
    const issued = await tokens.issue('zhang.wei', 'operator');
    expect(issued.expiresAtMs).toBe(nowMs + 3_600_000);
    const claims = decodeJwt(issued.token);
    expect(claims).toMatchObject({ sub: 'zhang.wei', role: 'operator', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: nowMs / 1000, exp: nowMs / 1000 + 3600 });

    nowMs += 3_599_000;
    expect(await tokens.verify(issued.token)).toEqual({ subject: 'zhang.wei', role: 'operator', kind: 'user', expiresAtMs: issued.expiresAtMs });
    nowMs += 1000;
    expect(await tokens.verify(issued.token)).toBeUndefined();
  });

  it('last 12 hours unless told otherwise', async () => {
    const nowMs = Date.parse('2026-12-01T00:00:00Z');
    const issued = await createUserTokens({ key: KEY, now: () => nowMs, accounts }).issue('li.na', 'kiosk');
    expect(issued.expiresAtMs - nowMs).toBe(12 * 3600 * 1000);
  });

  it('refuse a token with any byte changed, or signed with another key', async () => {
    const tokens = createUserTokens({ key: KEY, accounts });
    const { token } = await tokens.issue('li.na', 'kiosk');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const promoted = Buffer.from(JSON.stringify({ ...decodeJwt(token), role: 'operator' })).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    for (const tampered of [`${header}.${promoted}.${signature}`, `${header}.${payload}.${flipped}`, `${header}.${payload}.`, 'not-a-token']) {
      expect(await tokens.verify(tampered)).toBeUndefined();
    }
    const otherKey = createUserTokens({ key: new TextEncoder().encode('another key, also at least 32 bytes long'), accounts });
    expect(await otherKey.verify(token)).toBeUndefined();
  });

  it('refuse tokens without an algorithm, for another audience, or with a role the user no longer has', async () => {
    const tokens = createUserTokens({ key: KEY, accounts });
    const nowS = Math.floor(Date.now() / 1000);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'li.na', role: 'kiosk', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: nowS, exp: nowS + 60 })).toString('base64url')}.`;
    expect(await tokens.verify(unsigned)).toBeUndefined();
    const sign = (claims: Record<string, unknown>, audience = TOKEN_AUDIENCE) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(TOKEN_ISSUER).setAudience(audience).setIssuedAt(nowS).setExpirationTime(nowS + 60).setSubject('li.na').sign(KEY);
    expect(await tokens.verify(await sign({ role: 'kiosk' }))).toMatchObject({ subject: 'li.na', role: 'kiosk' });
    expect(await tokens.verify(await sign({ role: 'kiosk' }, 'somebody-else'))).toBeUndefined();
    expect(await tokens.verify(await sign({ role: 'operator' }))).toBeUndefined();
    expect(await tokens.verify(await sign({ role: 'superuser' }))).toBeUndefined();
    const removed = createUserTokens({ key: KEY, accounts: new Map() });
    expect(await removed.verify(await sign({ role: 'kiosk' }))).toBeUndefined();
  });
});

describe('the token secret', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-secret-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is AUTH_SECRET when given, and refused when shorter than 32 bytes', async () => {
    const secret = 'x'.repeat(32);
    expect(Buffer.from(await loadAuthSecret({ secret, dataDir })).toString()).toBe(secret);
    await expect(loadAuthSecret({ secret: 'short', dataDir })).rejects.toThrow('AUTH_SECRET must be at least 32 bytes long (got 5)');
    await expect(stat(path.join(dataDir, AUTH_SECRET_FILE_NAME))).rejects.toThrow();
  });

  it('is made once in the data folder (0600) and kept, so tokens survive a restart', async () => {
    const first = await loadAuthSecret({ dataDir });
    const file = path.join(dataDir, AUTH_SECRET_FILE_NAME);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const token = (await createUserTokens({ key: first, accounts }).issue('zhang.wei', 'operator')).token;
    const second = await loadAuthSecret({ dataDir });
    expect(await createUserTokens({ key: second, accounts }).verify(token)).toMatchObject({ subject: 'zhang.wei' });
    const other = await mkdtemp(path.join(tmpdir(), 'pengcheng-secret-'));
    try {
      expect(Buffer.from(await loadAuthSecret({ dataDir: other })).equals(Buffer.from(first))).toBe(false);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('in the data folder is refused when too short', async () => {
    const file = path.join(dataDir, AUTH_SECRET_FILE_NAME);
    await writeFile(file, 'tiny\n');
    await expect(loadAuthSecret({ dataDir })).rejects.toThrow(`the token secret ${file} must be at least 32 bytes long`);
    expect(await readFile(file, 'utf8')).toBe('tiny\n');
  });
});
