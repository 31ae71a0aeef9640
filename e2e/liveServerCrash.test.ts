import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Sensor } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, centre, createIncident, dispatchIncident, EAST, HUB_ENV, inBox, INGEST_KEY, OPERATOR_TOKEN, openClient, sameVersions, serverState, versions, WALL_TOKEN, WEST, type TestClient } from './fixtures/liveHub.js';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';
import { startTcpForwarder, type TcpForwarder } from './fixtures/tcpForwarder.js';
import { waitFor } from './fixtures/waitFor.js';

// kill -9 of the hub's server while incidents and alarms stream to several clients, then a
// restart on the same data (behind the same address): every client ends with exactly the
// server's open incidents and alarms, in its own box.
const SENSOR: Sensor = {
  id: 'SNS-WL-951',
  kind: 'water_level',
  name: { zh: '测试积水点', en: 'test low point' },
  position: { ...centre(WEST), height: 0 },
  asset: { kind: 'low_point', id: 'LWP-951' },
  thresholds: [{ quantity: 'depth', direction: 'above', warning: 15, alarm: 30, hysteresis: 3 }],
  externalIds: [],
  public: true,
};

let dataDir: string;
let env: Record<string, string>;
let forwarder: TcpForwarder | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-hub-crash-'));
  const sensorsFile = path.join(dataDir, 'sensors.json');
  await writeFile(sensorsFile, JSON.stringify({ sensors: [SENSOR] }));
  env = { ...HUB_ENV, SENSORS_FILE: sensorsFile };
});

afterAll(async () => {
  await forwarder?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Creates and dispatches incidents, west and east in turn, until stopped or the server fails. */
async function incidentWriter(server: RunningServer, stop: () => boolean, from: number): Promise<number> {
  let i = from;
  for (; i < from + 500 && !stop(); i++) {
    try {
      await dispatchIncident(server.url, await createIncident(server.url, `crash stream ${i}`, centre(i % 2 === 0 ? WEST : EAST)));
    } catch {
      break;
    }
  }
  return i - from;
}

/**
 * Alternates the sensor's depth above and below its alarm level (raise, clear, raise …) and
 * acknowledges every third alarm while it is raised: those close when cleared, the others stay
 * open (cleared, never acknowledged), so the open set grows.
 */
async function alarmWriter(server: RunningServer, stop: () => boolean, startMs: number): Promise<void> {
  for (let i = 0; i < 500 && !stop(); i++) {
    try {
      const posted = await api(server.url, 'POST', '/api/v1/observations', INGEST_KEY, {
        observations: [{ sensorId: SENSOR.id, time: new Date(startMs + i * 1000).toISOString(), values: [{ quantity: 'depth', value: i % 2 === 0 ? 45 : 2, unit: 'cm' }] }],
      });
      if (posted.status !== 200) return;
      if (i % 6 === 0) {
        const listed = (await (await api(server.url, 'GET', `/api/v1/alarms?sensorId=${SENSOR.id}&open=true&limit=5`, OPERATOR_TOKEN)).json()) as { alarms: { id: string; state: string }[] };
        for (const alarm of listed.alarms.filter(({ state }) => state === 'raised')) await api(server.url, 'POST', `/api/v1/alarms/${alarm.id}/acknowledge`, OPERATOR_TOKEN, {});
      }
    } catch {
      return;
    }
  }
}

async function expectClientsMatch(server: RunningServer, clients: { whole: TestClient; west: TestClient; east: TestClient }): Promise<void> {
  const truth = await serverState(server.url);
  expect(truth.alarms.size).toBeGreaterThan(0);
  const sensorPlace = new Map([...truth.alarms.keys()].map((id) => [id, SENSOR.position]));
  const expected = {
    whole: { incidents: truth.incidents, alarms: truth.alarms },
    west: { incidents: inBox(truth.incidents, truth.places, WEST), alarms: inBox(truth.alarms, sensorPlace, WEST) },
    east: { incidents: inBox(truth.incidents, truth.places, EAST), alarms: inBox(truth.alarms, sensorPlace, EAST) },
  };
  expect(expected.east.alarms.size).toBe(0);
  for (const [name, client] of Object.entries(clients) as [keyof typeof clients, TestClient][]) {
    await waitFor(`the ${name} client to hold the server's incidents and alarms`, () => {
      const view = client.client.view;
      return sameVersions(versions(view.incidents), expected[name].incidents) && sameVersions(versions(view.alarms), expected[name].alarms);
    });
  }
}

describe('kill -9 of the server mid-stream, then a restart', () => {
  it('leaves every client with exactly the server state', async () => {
    const first = await startServer(env, { dataDir });
    forwarder = await startTcpForwarder(first.port);
    const url = forwarder.url;
    const clients = {
      whole: await openClient(url, WALL_TOKEN, { layers: ['incidents', 'alarms'] }),
      west: await openClient(url, WALL_TOKEN, { layers: ['incidents', 'alarms'], bbox: WEST }),
      east: await openClient(url, OPERATOR_TOKEN, { layers: ['alarms', 'incidents', 'kpis'], bbox: EAST }),
    };
    try {
      let killed = false;
      const incidents = incidentWriter(first, () => killed, 0);
      const alarms = alarmWriter(first, () => killed, Date.now() - 3_600_000);
      // Kill at a moment nobody chose, while the clients are receiving.
      const target = 10 + Math.floor(Math.random() * 20);
      await waitFor('changes reaching the clients', () => clients.whole.client.view.incidents.size >= target, 30_000);
      first.process.kill('SIGKILL');
      killed = true;
      const written = await incidents;
      await alarms;
      await first.stop();

      const second = await startServer(env, { dataDir });
      forwarder.retarget(second.port);
      try {
        // More changes after the restart, which the clients only get once they are back.
        let enough = false;
        const more = incidentWriter(second, () => enough, 1000);
        const moreAlarms = alarmWriter(second, () => enough, Date.now() - 1_800_000);
        await waitFor('writes on the restarted server', async () => (await serverState(second.url)).incidents.size >= written + 10, 30_000);
        enough = true;
        await Promise.all([more, moreAlarms]);
        await expectClientsMatch(second, clients);
        for (const client of Object.values(clients)) {
          expect(client.client.state).toBe('live');
          expect(client.reconnects()).toBeGreaterThanOrEqual(1);
          const seqs = client.events.map((event) => event.change.seq);
          expect(new Set(seqs).size).toBe(seqs.length);
        }
      } finally {
        await second.stop();
      }
    } finally {
      for (const client of Object.values(clients)) client.client.dispose();
    }
  }, 120_000);
});
