import { ApiError, ReplayWindow } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/tileServerHarness.js';

// The whole server (SQLite, no simulator): a reading raises an alarm, replay shows it when it happened.
const INGEST_KEY = 'replay-test-ingest-key-0123456789';
const TOKENS = { operator: 'replay-test-operator-0123456789', viewer: 'replay-test-wall-token-0123456789', kiosk: 'replay-test-kiosk-token-0123456789', planner: 'replay-test-planner-0123456789' };
const ENV = {
  INGEST_API_KEYS: `test:${INGEST_KEY}`,
  DEVICE_TOKENS: `desk:operator:${TOKENS.operator},wall:viewer:${TOKENS.viewer},hall:kiosk:${TOKENS.kiosk},plan:planner:${TOKENS.planner}`,
};

let server: TestServer;
let raisedAtMs: number;
let incidentAtMs: number;

function post(path: string, token: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
const iso = (ms: number) => new Date(ms).toISOString();
async function replay(token: string, fromMs: number, toMs: number): Promise<ReplayWindow> {
  const response = await fetch(`${server.url}/api/v1/replay?from=${iso(fromMs)}&to=${iso(toMs)}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return ReplayWindow.parse(await response.json());
}
async function refusal(query: string, token?: string): Promise<{ status: number; message: string }> {
  const response = await fetch(`${server.url}/api/v1/replay${query}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, message: ApiError.parse(await response.json()).error.message };
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startTestServer(ENV);
  const readingMs = Date.now() - 1000;
  const posted = await post('/api/v1/observations', INGEST_KEY, {
    observations: [{ sensorId: 'SNS-WL-001', time: iso(readingMs), values: [{ quantity: 'depth', value: 80, unit: 'cm' }] }],
  });
  expect(posted.status).toBe(200);
  const alarms = (await (await fetch(`${server.url}/api/v1/alarms?sensorId=SNS-WL-001`, { headers: { authorization: `Bearer ${TOKENS.operator}` } })).json()) as { alarms: { audit: { atMs: number }[] }[] };
  // Replay places a version when it was written (what a screen saw then), not at the reading's time.
  raisedAtMs = alarms.alarms[0]?.audit[0]?.atMs ?? Number.NaN;
  const created = await post('/api/v1/incidents', TOKENS.operator, {
    category: 'road_subsidence',
    source: 'hotline',
    severity: 'medium',
    title: '路面塌陷',
    place: { lon: 117.28, lat: 34.2 },
    reporter: { name: '王先生', phone: '138 0000 0000' },
  });
  expect(created.status).toBe(201);
  incidentAtMs = ((await created.json()) as { createdAtMs: number }).createdAtMs;
  // Later windows must end after both writes.
  await pause(20);
});
afterAll(() => server.close());

describe('GET /api/v1/replay', () => {
  it('shows an alarm raised at T in a window around T, and not in one before', async () => {
    const before = await replay(TOKENS.operator, raisedAtMs - 60_000, raisedAtMs - 1);
    expect(before.initial.alarms).toEqual([]);
    expect(before.events.filter((event) => event.kind === 'alarm')).toEqual([]);

    const around = await replay(TOKENS.operator, raisedAtMs - 30_000, Date.now());
    expect(around.initial.alarms).toEqual([]);
    const raised = around.events.filter((event) => event.kind === 'alarm');
    // Raised, then linked to the incident it opened: each version when it was written.
    expect(raised.map((event) => event.kind === 'alarm' && event.alarm.version)).toEqual([1, 2]);
    expect(raised[0]).toMatchObject({ timeMs: raisedAtMs, alarm: { sensorId: 'SNS-WL-001', state: 'raised', level: 'alarm' } });
    expect(raised[1]).toMatchObject({ alarm: { incidentId: expect.stringMatching(/^INC-/) } });
    // The reading that raised it comes first, in time order.
    const reading = around.events.findIndex((event) => event.kind === 'reading' && event.observation.sensorId === 'SNS-WL-001');
    expect(reading).toBeGreaterThanOrEqual(0);
    expect(reading).toBeLessThan(around.events.indexOf(raised[0] as (typeof around.events)[number]));
    expect(around.events.map((event) => event.timeMs)).toEqual([...around.events.map((event) => event.timeMs)].sort((a, b) => a - b));

    // A window starting after T holds it as its state then, with the sensor's last reading.
    const after = await replay(TOKENS.operator, Date.now() - 5, Date.now());
    expect(after.initial.alarms?.map((alarm) => alarm.sensorId)).toEqual(['SNS-WL-001']);
    expect(after.initial.sensors.find((observation) => observation.sensorId === 'SNS-WL-001')?.values).toEqual({ depth: 80 });
  });

  it('gives a kiosk no alarms or incidents and only public sensors', async () => {
    const window = await replay(TOKENS.kiosk, raisedAtMs - 30_000, Date.now());
    expect(window.layers).not.toContain('alarms');
    expect(window.layers).not.toContain('incidents');
    expect(window.initial.alarms).toBeUndefined();
    expect(window.initial.incidents).toBeUndefined();
    expect(window.events.filter((event) => event.kind === 'alarm' || event.kind === 'incident')).toEqual([]);
    const publicIds = new Set(((await (await fetch(`${server.url}/api/v1/sensors`, { headers: { authorization: `Bearer ${TOKENS.kiosk}` } })).json()) as { sensors: { id: string }[] }).sensors.map((s) => s.id));
    for (const event of window.events) if (event.kind === 'reading') expect(publicIds.has(event.observation.sensorId)).toBe(true);
  });

  it("shows the hotline caller only to roles with personal data, like live", async () => {
    const reported = (window: ReplayWindow) => window.events.flatMap((event) => (event.kind === 'incident' && event.incident.source === 'hotline' ? [event.incident] : []));
    const planner = reported(await replay(TOKENS.planner, incidentAtMs - 1000, Date.now()));
    expect(planner[0]?.reporter).toEqual({ name: '王先生', phone: '138 0000 0000' });
    const wall = reported(await replay(TOKENS.viewer, incidentAtMs - 1000, Date.now()));
    expect(wall).toHaveLength(1);
    expect(wall[0]?.reporter).toBeUndefined();
  });

  it('refuses windows it cannot serve, with the reason', async () => {
    const now = Date.now();
    expect(await refusal(`?from=${iso(now - 60_000)}&to=${iso(now)}`)).toMatchObject({ status: 401 });
    expect(await refusal(`?from=${iso(now)}&to=${iso(now - 60_000)}`, TOKENS.viewer)).toEqual({ status: 400, message: 'from must be earlier than to' });
    expect(await refusal(`?from=${iso(now - 20 * 60_000)}&to=${iso(now)}`, TOKENS.viewer)).toMatchObject({ status: 400, message: expect.stringMatching(/15 minutes/) });
    expect(await refusal(`?from=${iso(now - 25 * 3_600_000)}&to=${iso(now - 25 * 3_600_000 + 60_000)}`, TOKENS.viewer)).toMatchObject({ status: 400, message: expect.stringMatching(/24 hours/) });
    expect(await refusal(`?from=yesterday&to=${iso(now)}`, TOKENS.viewer)).toMatchObject({ status: 400, message: expect.stringMatching(/^from:/) });
    expect(await refusal(`?from=${iso(now - 1000)}&to=${iso(now)}&layers=alarms`, TOKENS.viewer)).toMatchObject({ status: 400 });
  });
});
