import { randomBytes } from 'node:crypto';
import type { IncidentChange, StoredObservation } from '@pengcheng/protocol';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, HUB_TOKENS, hubClient, OPERATOR, startHubServer, type HubTestClient } from '../../test-support/hubClients.js';
import { startTestRedis, type TestRedis } from '../../test-support/redisServer.js';
import type { TestServer } from '../../test-support/tileServerHarness.js';

// Two nodes in one process, sharing a fresh PostgreSQL database and a Redis of the test's own.
const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `pc_test_${randomBytes(6).toString('hex')}`;
const url = new URL(baseUrl);
url.pathname = `/${database}`;

let admin: pg.Client;
let redis: TestRedis;
let a: TestServer;
let b: TestServer;
const clients: HubTestClient[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  redis = await startTestRedis();
  // A slow poll: what crosses within the test's wait crossed through Redis.
  const env = { DATABASE_URL: url.href, REDIS_URL: redis.url, HUB_CHANGE_POLL_MS: '600000' };
  a = await startHubServer(env);
  b = await startHubServer(env);
  await waitUntil(async () => (await fetch(`${a.url}/readyz`)).status === 200 && (await fetch(`${b.url}/readyz`)).status === 200, 'both nodes ready');
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await a?.close();
  await b?.close();
  await redis?.kill();
  await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin?.end();
});

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const readiness = async (server: TestServer) => {
  const res = await fetch(`${server.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: { name: string; ok: boolean }[] } };
};

describe('two nodes through Redis and PostgreSQL', () => {
  it('a client on node A sees an incident created through node B, and observations taken by B', async () => {
    const onA = await connected(hubClient(a, { token: HUB_TOKENS.operator }));
    clients.push(onA);
    await onA.request('live:subscribe', { layers: ['incidents', 'sensors'] });
    const created = await b.live.incidents.create(
      { category: 'gas_leak', source: 'operator', severity: 'critical', title: '燃气泄漏', place: { lon: 117.2784, lat: 34.205, height: 0 }, linkedSensors: [], linkedAssets: [] },
      OPERATOR,
    );
    // Within a second: the bound, not a timing measurement.
    await onA.waitFor((events) => events.some((e) => e.event === 'incidents:changed'), 'the incident on node A within a second', 1000);
    expect((onA.of('incidents:changed')[0]?.[0] as IncidentChange).incident?.id).toBe(created.id);

    const sensor = a.live.sensors.list()[0];
    if (!sensor) throw new Error('no sensor');
    const observation: StoredObservation = { sensorId: sensor.id, timeMs: Date.now(), values: { x: 1 }, quality: 'good', source: 'test', receivedAtMs: Date.now() };
    b.live.events.emit('readings', [observation]);
    await onA.waitFor((events) => events.some((e) => e.event === 'sensors:observed'), 'the observation on node A');
  });

  it('turns /readyz to 503 while Redis is gone, keeps serving local clients, and recovers', async () => {
    const onA = await connected(hubClient(a, { token: HUB_TOKENS.operator }));
    clients.push(onA);
    await onA.request('live:subscribe', { layers: ['incidents'] });
    await redis.kill();
    await waitUntil(async () => (await readiness(a)).status === 503, 'node A unready');
    expect((await readiness(a)).body.checks).toContainEqual(expect.objectContaining({ name: 'redis', ok: false }));

    const local = await a.live.incidents.create(
      { category: 'other', source: 'operator', severity: 'low', title: '本地', place: { lon: 117.2784, lat: 34.205, height: 0 }, linkedSensors: [], linkedAssets: [] },
      OPERATOR,
    );
    await onA.waitFor((events) => events.some((e) => e.event === 'incidents:changed' && (e.args[0] as IncidentChange).incident?.id === local.id), 'the local incident');

    await redis.restart();
    await waitUntil(async () => (await readiness(a)).status === 200 && (await readiness(b)).status === 200, 'both nodes ready again');
    const crossed = await b.live.incidents.create(
      { category: 'other', source: 'operator', severity: 'low', title: '恢复之后', place: { lon: 117.2784, lat: 34.205, height: 0 }, linkedSensors: [], linkedAssets: [] },
      OPERATOR,
    );
    await onA.waitFor((events) => events.some((e) => e.event === 'incidents:changed' && (e.args[0] as IncidentChange).incident?.id === crossed.id), 'the incident through Redis again', 2000);
  });
});
