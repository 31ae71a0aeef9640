import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlarmListResponse, Incident, IncidentListResponse, type AuditEntry, type Sensor } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';

// kill -9 in the middle of a stream of writes: whatever the server acknowledged must be there
// after a restart, in order, with its audit trail.
const INGEST_KEY = 'crash-test-ingest-key-0123456789';
const OPERATOR = 'crash-test-operator-token-0123456789';
const SENSOR: Sensor = {
  id: 'SNS-WL-901',
  kind: 'water_level',
  name: { zh: '测试积水点', en: 'test low point' },
  position: { lon: 117.2784, lat: 34.205, height: 0 },
  asset: { kind: 'low_point', id: 'LWP-901' },
  thresholds: [{ quantity: 'depth', direction: 'above', warning: 15, alarm: 30, hysteresis: 3 }],
  externalIds: [],
  public: true,
};

/** Takes the bulk of the load: batches of observations without thresholds. */
const BULK: Sensor = { ...SENSOR, id: 'SNS-WL-902', asset: { kind: 'low_point', id: 'LWP-902' }, thresholds: [] };

let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-crash-'));
  const sensorsFile = path.join(dataDir, 'sensors.json');
  await writeFile(sensorsFile, JSON.stringify({ sensors: [SENSOR, BULK] }));
  env = { SIM: 'off', INGEST_API_KEYS: `crash:${INGEST_KEY}`, DEVICE_TOKENS: `desk:operator:${OPERATOR}`, SENSORS_FILE: sensorsFile };
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function call(server: RunningServer, method: string, url: string, token: string, body?: unknown): Promise<Response> {
  return fetch(new URL(url, server.url), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** What the server said it had stored, newest version of each record. */
class Acknowledged<T extends { id: string; version: number; audit: AuditEntry[] }> {
  readonly byId = new Map<string, T>();
  readonly order: string[] = [];
  add(record: T): void {
    if (!this.byId.has(record.id)) this.order.push(record.id);
    const known = this.byId.get(record.id);
    if (!known || known.version < record.version) this.byId.set(record.id, record);
  }
}

/** Creates and dispatches incidents until the server stops answering. */
async function incidentWriter(server: RunningServer, acked: Acknowledged<Incident>, stop: () => boolean): Promise<string[]> {
  const created: string[] = [];
  for (let i = 0; i < 2000 && !stop(); i++) {
    try {
      const createdResponse = await call(server, 'POST', '/api/v1/incidents', OPERATOR, {
        category: 'waterlogging',
        source: 'operator',
        severity: 'medium',
        title: `crash test ${i}`,
        place: { lon: 117.2784, lat: 34.205 },
      });
      if (createdResponse.status !== 201) throw new Error(`create answered ${createdResponse.status}`);
      const incident = Incident.parse(await createdResponse.json());
      acked.add(incident);
      created.push(incident.id);
      const dispatched = await call(server, 'POST', `/api/v1/incidents/${incident.id}/transitions`, OPERATOR, {
        action: 'dispatch',
        version: incident.version,
        note: `dispatch ${i}`,
      });
      if (dispatched.status !== 200) throw new Error(`dispatch answered ${dispatched.status}`);
      acked.add(Incident.parse(await dispatched.json()));
    } catch {
      break;
    }
  }
  return created;
}

/** Raises, acknowledges and clears alarms on the test sensor until the server stops answering. */
async function alarmWriter(server: RunningServer, acked: Acknowledged<AlarmListResponse['alarms'][number]>, stop: () => boolean): Promise<void> {
  const start = Date.now() - 3_600_000;
  for (let i = 0; i < 2000 && !stop(); i++) {
    try {
      const depth = i % 2 === 0 ? 45 : 2;
      const time = new Date(start + i * 1000).toISOString();
      const posted = await call(server, 'POST', '/api/v1/observations', INGEST_KEY, {
        observations: [{ sensorId: SENSOR.id, time, values: [{ quantity: 'depth', value: depth, unit: 'cm' }] }],
      });
      if (posted.status !== 200) throw new Error(`ingest answered ${posted.status}`);
      const listed = await call(server, 'GET', `/api/v1/alarms?sensorId=${SENSOR.id}&limit=5`, OPERATOR);
      const { alarms } = AlarmListResponse.parse(await listed.json());
      for (const alarm of alarms) acked.add(alarm);
      const raised = alarms.find((alarm) => alarm.state === 'raised');
      if (raised) {
        const ack = await call(server, 'POST', `/api/v1/alarms/${raised.id}/acknowledge`, OPERATOR, { note: `seen ${i}` });
        if (ack.status !== 200) throw new Error(`acknowledge answered ${ack.status}`);
        acked.add(AlarmListResponse.shape.alarms.element.parse(await ack.json()));
      }
    } catch {
      return;
    }
  }
}

/** Posts batches of 200 observations until the server stops answering; returns how many were acknowledged. */
async function bulkIngest(server: RunningServer, stop: () => boolean): Promise<number> {
  const start = Date.now() - 7_200_000;
  let acknowledged = 0;
  for (let batch = 0; batch < 500 && !stop(); batch++) {
    const observations = Array.from({ length: 200 }, (_, i) => ({
      sensorId: BULK.id,
      time: new Date(start + (batch * 200 + i) * 10).toISOString(),
      values: [{ quantity: 'depth', value: (batch + i) % 50, unit: 'cm' }],
    }));
    try {
      const posted = await call(server, 'POST', '/api/v1/observations', INGEST_KEY, { observations });
      if (posted.status !== 200) break;
      acknowledged += observations.length;
    } catch {
      break;
    }
  }
  return acknowledged;
}

function expectAuditPrefix(stored: readonly AuditEntry[], acknowledged: readonly AuditEntry[]): void {
  expect(stored.slice(0, acknowledged.length)).toEqual(acknowledged);
}

describe('a crash mid-stream', () => {
  it('loses nothing the server acknowledged: incidents and alarms, in order, with their audit trail', async () => {
    const incidents = new Acknowledged<Incident>();
    const alarms = new Acknowledged<AlarmListResponse['alarms'][number]>();
    const first = await startServer(env, { dataDir });
    let killed = false;
    const bulk = bulkIngest(first, () => killed);
    const writers = Promise.all([
      incidentWriter(first, incidents, () => killed),
      incidentWriter(first, incidents, () => killed),
      alarmWriter(first, alarms, () => killed).then(() => []),
    ]);
    // Kill at a moment nobody chose: once enough is in flight, after a random number of acks.
    const target = 20 + Math.floor(Math.random() * 40);
    while (incidents.order.length < target && !first.process.killed) await new Promise((r) => setTimeout(r, 5));
    first.process.kill('SIGKILL');
    killed = true;
    const createdByWriter = await writers;
    const bulkAcknowledged = await bulk;
    expect(bulkAcknowledged).toBeGreaterThan(0);
    await first.stop();
    expect(incidents.order.length).toBeGreaterThanOrEqual(target);
    expect(alarms.order.length).toBeGreaterThan(0);
    expect([...alarms.byId.values()].some((alarm) => alarm.audit.some((entry) => entry.action === 'acknowledge'))).toBe(true);

    const second = await startServer(env, { dataDir });
    try {
      const history = await call(second, 'GET', `/api/v1/sensors/${BULK.id}/observations?from=${new Date(Date.now() - 8 * 3_600_000).toISOString()}&limit=10000`, OPERATOR);
      const { observations } = (await history.json()) as { observations: unknown[] };
      expect(observations.length).toBeGreaterThanOrEqual(Math.min(bulkAcknowledged, 10_000));

      const listed = await call(second, 'GET', '/api/v1/incidents?limit=1000', OPERATOR);
      const stored = new Map(IncidentListResponse.parse(await listed.json()).incidents.map((incident) => [incident.id, incident]));
      for (const [id, acknowledged] of incidents.byId) {
        const incident = stored.get(id);
        if (!incident) throw new Error(`acknowledged incident ${id} is lost`);
        expect(incident.version).toBeGreaterThanOrEqual(acknowledged.version);
        expectAuditPrefix(incident.audit, acknowledged.audit);
      }
      // Ids were handed out in the order the server acknowledged each writer's creations.
      for (const ids of createdByWriter) {
        const numbers = ids.map((id) => Number(id.replace(/\D/g, '')));
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      }
      expect(new Set(incidents.order).size).toBe(incidents.order.length);

      const alarmList = await call(second, 'GET', `/api/v1/alarms?sensorId=${SENSOR.id}&limit=1000`, OPERATOR);
      const storedAlarms = new Map(AlarmListResponse.parse(await alarmList.json()).alarms.map((alarm) => [alarm.id, alarm]));
      for (const [id, acknowledged] of alarms.byId) {
        const alarm = storedAlarms.get(id);
        if (!alarm) throw new Error(`acknowledged alarm ${id} is lost`);
        expect(alarm.version).toBeGreaterThanOrEqual(acknowledged.version);
        expectAuditPrefix(alarm.audit, acknowledged.audit);
      }
    } finally {
      await second.stop();
    }
  }, 120_000);
});
