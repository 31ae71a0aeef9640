import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centre, createIncident, HUB_ENV, openClient, WALL_TOKEN, WEST, type TestClient } from './fixtures/liveHub.js';
import { startRedis, type RedisProcess } from './fixtures/redisProcess.js';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';
import { waitFor } from './fixtures/waitFor.js';

// Two hub processes on different ports, one Redis of the test's own and one fresh PostgreSQL
// database: what is written through one node reaches the other node's clients within a second;
// with Redis gone, readiness turns 503 and local clients keep working; it recovers.
const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `pc_test_${randomBytes(6).toString('hex')}`;
const databaseUrl = new URL(baseUrl);
databaseUrl.pathname = `/${database}`;

let admin: pg.Client;
let redis: RedisProcess;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  redis = await startRedis();
  const env = { ...HUB_ENV, DATABASE_URL: databaseUrl.href, REDIS_URL: redis.url, HUB_CHANGE_POLL_MS: '60000' };
  a = await startServer(env);
  b = await startServer(env);
}, 60_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await redis?.stop();
  await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin?.end();
});

async function readyStatus(server: RunningServer): Promise<number> {
  try {
    return (await fetch(new URL('/readyz', server.url))).status;
  } catch {
    return 0;
  }
}

/** Creates an incident through `writer` and waits for `client` to announce it; returns the milliseconds it took. */
async function roundTrip(writer: RunningServer, client: TestClient, title: string, timeoutMs: number): Promise<number> {
  const incident = await createIncident(writer.url, title, centre(WEST));
  const written = Date.now();
  await waitFor(`${incident.id} on the other node's client`, () => client.events.some((event) => event.change.item?.id === incident.id), timeoutMs, 5);
  return Date.now() - written;
}

describe('two hub nodes with one Redis and one PostgreSQL', () => {
  it('shows a client on node A an incident created through node B within a second', async () => {
    const onA = await openClient(a.url, WALL_TOKEN, { layers: ['incidents'] });
    try {
      // The change log is polled only once a minute here: what arrives in a second came through Redis.
      for (let i = 0; i < 5; i++) expect(await roundTrip(b, onA, `node B ${i}`, 1_000)).toBeLessThanOrEqual(1_000);
    } finally {
      onA.client.dispose();
    }
  });

  it('turns readiness 503 while Redis is gone, keeps local clients working, and recovers', async () => {
    const onA = await openClient(a.url, WALL_TOKEN, { layers: ['incidents'] });
    try {
      expect(await readyStatus(a)).toBe(200);
      await redis.stop();
      await waitFor('node A not ready without Redis', async () => (await readyStatus(a)) === 503);
      await waitFor('node B not ready without Redis', async () => (await readyStatus(b)) === 503);
      // A write on node A still reaches node A's own clients.
      await roundTrip(a, onA, 'while Redis is gone', 5_000);
      expect(onA.client.state).toBe('live');

      await redis.start();
      await waitFor('node A ready again', async () => (await readyStatus(a)) === 200);
      await waitFor('node B ready again', async () => (await readyStatus(b)) === 200);
      // And the nodes share broadcasts again.
      expect(await roundTrip(b, onA, 'after Redis came back', 1_000)).toBeLessThanOrEqual(1_000);
    } finally {
      onA.client.dispose();
    }
  }, 60_000);
});
