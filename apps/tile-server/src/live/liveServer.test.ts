import { randomUUID } from 'node:crypto';
import { AlarmListResponse, Incident, LatestObservationsResponse, SimulatorStatus } from '@pengcheng/protocol';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/tileServerHarness.js';

// The whole server as index.ts assembles it, with its live parts on each backend and transport.
const INGEST_KEY = 'live-server-test-key-0123456789';
const OPERATOR = 'live-server-test-operator-0123456789';
const KIOSK = 'live-server-test-kiosk-token-0123456789';
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const ENV = { INGEST_API_KEYS: `test:${INGEST_KEY}`, DEVICE_TOKENS: `desk:operator:${OPERATOR},hall:kiosk:${KIOSK}` };

async function api(server: TestServer, path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Polls until `check` holds (the simulator and the broker are asynchronous), at most `ms`. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A water level at a low point of the district crosses its alarm threshold; the incident follows. */
async function floodLowPoint(server: TestServer): Promise<void> {
  const time = new Date(Date.now() - 1000).toISOString();
  const posted = await api(server, '/api/v1/observations', INGEST_KEY, {
    observations: [{ sensorId: 'SNS-WL-001', time, values: [{ quantity: 'depth', value: 80, unit: 'cm' }] }],
  });
  expect(posted.status).toBe(200);
  const { alarms } = AlarmListResponse.parse(await (await api(server, '/api/v1/alarms?sensorId=SNS-WL-001', OPERATOR)).json());
  expect(alarms[0]).toMatchObject({ sensorId: 'SNS-WL-001', level: 'alarm', state: 'raised' });
  const incident = Incident.parse(await (await api(server, `/api/v1/incidents/${alarms[0]?.incidentId}`, OPERATOR)).json());
  expect(incident).toMatchObject({ category: 'waterlogging', source: 'threshold', state: 'reported', linkedAlarms: [alarms[0]?.id] });
  expect(incident.department).toBeTruthy();
}

describe('the live server on the embedded default (SQLite, in process)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(ENV);
  });
  afterAll(() => server.close());

  it('raises an alarm and opens an incident for the responsible department from one posted reading', async () => {
    await floodLowPoint(server);
  });

  it('shows a kiosk only public sensors and no alarms list', async () => {
    const sensors = (await (await api(server, '/api/v1/sensors', KIOSK)).json()) as { sensors: { public: boolean }[] };
    expect(sensors.sensors.length).toBeGreaterThan(0);
    expect(sensors.sensors.every((sensor) => sensor.public)).toBe(true);
    expect((await api(server, '/api/v1/incidents', KIOSK)).status).toBe(200);
    expect((await api(server, '/api/v1/incidents', KIOSK, { category: 'other', source: 'operator', severity: 'low', title: 'x', place: { lon: 117.28, lat: 34.2 } })).status).toBe(403);
  });

  it('answers /readyz with the database probe', async () => {
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { checks: { name: string; ok: boolean }[] };
    expect(ready.checks).toContainEqual({ name: 'database', ok: true });
  });
});

describe('the live server on PostgreSQL', () => {
  const database = `pc_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  let server: TestServer;
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    server = await startTestServer({ ...ENV, DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    await server?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('stores readings, alarms and incidents there', async () => {
    await floodLowPoint(server);
    const count = await new pg.Client({ connectionString: ADMIN_URL.replace(/\/[^/]*$/, `/${database}`) });
    await count.connect();
    try {
      const { rows } = await count.query<{ n: string }>('SELECT count(*) AS n FROM incidents');
      expect(Number(rows[0]?.n)).toBe(1);
    } finally {
      await count.end();
    }
  });
});

describe('the live server with the simulator publishing through Mosquitto', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ...ENV, SIM: 'on', SIM_SPEED: '60', SIM_VEHICLES_PEAK: '50', MQTT_URL, MQTT_CLIENT_ID: `pc-test-${randomUUID().slice(0, 8)}`, MQTT_SESSION_EXPIRY_S: '0' });
  });
  afterAll(() => server.close());

  it('takes the simulated readings in through the broker, like a field gateway', async () => {
    const status = SimulatorStatus.parse(await (await api(server, '/api/v1/simulator', OPERATOR)).json());
    expect(status).toMatchObject({ running: true, transport: 'mqtt', sensors: 528 });
    const latest = await eventually(
      async () => LatestObservationsResponse.parse(await (await api(server, '/api/v1/observations/latest', OPERATOR)).json()).observations,
      (observations) => observations.length >= 20,
    );
    expect(latest.length).toBeGreaterThanOrEqual(20);
    expect(latest.every((observation) => observation.source === 'mqtt')).toBe(true);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/ingest_mqtt_messages_total\{outcome="stored"\} [1-9]/);
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { checks: { name: string; ok: boolean }[] };
    expect(ready.checks).toContainEqual({ name: 'mqtt', ok: true });
  });
});
