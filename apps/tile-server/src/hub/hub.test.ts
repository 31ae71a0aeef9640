import {
  decodeVehicleFrame,
  SENSOR_QUANTITIES,
  snapBbox,
  type AlarmChange,
  type CreateIncidentRequest,
  type Kpis,
  type IncidentChange,
  type IncidentSync,
  type LiveBbox,
  type Sensor,
  type StoredObservation,
  type SubscribeResult,
  type VehicleState,
} from '@pengcheng/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connected, HUB_TOKENS, hubClient, OPERATOR, startHubServer, type HubTestClient } from '../../test-support/hubClients.js';
import type { TestServer } from '../../test-support/tileServerHarness.js';

let server: TestServer;
const clients: HubTestClient[] = [];
const open = (options: Parameters<typeof hubClient>[1]) => {
  const client = hubClient(server, options);
  clients.push(client);
  return client;
};
const as = (token: string) => connected(open({ token }));

beforeAll(async () => {
  server = await startHubServer({ HUB_ACK_TIMEOUT_MS: '1500', HUB_RATE_BURST: '30', HUB_RATE_PER_S: '10', HUB_RESUME_LIMIT: '5' });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(() => server.close());

const T0 = Date.now();
let tick = 0;
const observe = (sensor: Sensor, value: number): StoredObservation => ({
  sensorId: sensor.id,
  timeMs: T0 + ++tick,
  values: { [Object.keys(SENSOR_QUANTITIES[sensor.kind])[0] ?? 'value']: value },
  quality: 'good',
  source: 'test',
  receivedAtMs: T0 + tick,
});
const vehicle = (id: string, lon: number, lat: number): VehicleState => ({ id, type: 'car', lon, lat, headingDeg: 90, speedMs: 10, linkId: 'RDE-000001' });
const incident = (title: string, lon = 117.2784, lat = 34.205): CreateIncidentRequest => ({
  category: 'waterlogging',
  source: 'hotline',
  severity: 'high',
  title,
  place: { lon, lat, height: 0 },
  linkedSensors: [],
  linkedAssets: [],
  reporter: { name: '张先生', phone: '+86 138 0000 0000' },
});

function snapshotOf(answer: unknown): SubscribeResult {
  const ack = answer as { data?: SubscribeResult; error?: unknown };
  if (!ack.data) throw new Error(`subscribe refused: ${JSON.stringify(ack.error)}`);
  return ack.data;
}

/** Two sensors of the registry in different grid cells, one public and one not, and a box around the first. */
function twoSensors(): { inside: Sensor; outside: Sensor; hidden: Sensor; box: LiveBbox } {
  const list = server.live.sensors.list();
  const inside = list.find((s) => s.public);
  if (!inside) throw new Error('the registry has no public sensor');
  const box = snapBbox([inside.position.lon - 0.0001, inside.position.lat - 0.0001, inside.position.lon + 0.0001, inside.position.lat + 0.0001]);
  const outOfBox = (s: Sensor) => s.position.lon < box[0] || s.position.lon >= box[2] || s.position.lat < box[1] || s.position.lat >= box[3];
  const outside = list.find((s) => s.public && outOfBox(s));
  const hidden = list.find((s) => !s.public);
  if (!outside || !hidden) throw new Error('the registry lacks the sensors this test needs');
  return { inside, outside, hidden, box };
}

describe('handshake', () => {
  it('refuses a client without a token, or with a wrong one, and one from a foreign origin', async () => {
    for (const token of [undefined, 'not-a-token-at-all']) {
      const client = open(token === undefined ? {} : { token });
      await client.waitFor((events) => events.some((e) => e.event === 'connect_error'), 'the refusal');
      expect((client.of('connect_error')[0]?.[0] as Error).message).toBe('unauthorized');
      expect(client.socket.connected).toBe(false);
    }
    for (const transports of [['websocket'], ['polling']] as const) {
      const foreign = open({ token: HUB_TOKENS.viewer, extraHeaders: { origin: 'https://evil.example' }, transports: [...transports] });
      await foreign.waitFor((events) => events.some((e) => e.event === 'connect_error'), `the origin refusal over ${transports[0]}`);
      expect(foreign.socket.connected).toBe(false);
    }
    // The viewer's own page, same origin, is let in.
    await connected(open({ token: HUB_TOKENS.viewer, extraHeaders: { origin: server.url } }));
    expect(server.logs().some((line) => line.level === 50)).toBe(false);
  });
});

describe('subscriptions', () => {
  it('snapshot, then deltas of what was asked for, inside the box only; unsubscribe stops them', async () => {
    const { inside, outside, box } = twoSensors();
    server.live.events.emit('readings', [observe(inside, 1), observe(outside, 2)]);
    const client = await as(HUB_TOKENS.viewer);
    const snapshot = snapshotOf(await client.request('live:subscribe', { layers: ['sensors', 'vehicles'], bbox: box }));
    expect(snapshot.bbox).toEqual(box);
    expect(snapshot.sensors?.map((o) => o.sensorId)).toEqual([inside.id]);

    server.live.events.emit('readings', [observe(outside, 3), observe(inside, 4)]);
    server.live.events.emit('traffic', { timeMs: T0 + 100, vehicles: [vehicle('V-IN', inside.position.lon, inside.position.lat), vehicle('V-OUT', outside.position.lon, outside.position.lat)], links: [] });
    // Both: a reading that follows another within the hub's batching window can go out after the next traffic tick.
    await client.waitFor((events) => events.some((e) => e.event === 'vehicles:frame') && events.some((e) => e.event === 'sensors:observed'), 'a vehicle frame and the readings');
    const observed = client.of('sensors:observed').map(([payload]) => (payload as { observations: StoredObservation[] }).observations);
    expect(observed.flat().map((o) => [o.sensorId, Object.values(o.values)[0]])).toEqual([[inside.id, 4]]);
    const frame = decodeVehicleFrame(client.of('vehicles:frame')[0]?.[0] as Buffer);
    expect(frame.vehicles.map((v) => v.id)).toEqual(['V-IN']);

    expect(await client.request('live:unsubscribe', { layers: ['sensors'] })).toEqual({ data: { layers: ['vehicles'] } });
    client.events.length = 0;
    server.live.events.emit('readings', [observe(inside, 5)]);
    server.live.events.emit('traffic', { timeMs: T0 + 200, vehicles: [vehicle('V-IN', inside.position.lon, inside.position.lat)], links: [] });
    await client.waitFor((events) => events.some((e) => e.event === 'vehicles:frame'), 'the next frame');
    expect(client.of('sensors:observed')).toEqual([]);
  });

  it('shows a sensor\'s newest reading only: a late or repeated one, as ingest hands it over before storing, changes nothing on screen', async () => {
    const { inside, box } = twoSensors();
    const current = observe(inside, 11);
    server.live.events.emit('readings', [current]);
    const client = await as(HUB_TOKENS.viewer);
    snapshotOf(await client.request('live:subscribe', { layers: ['sensors'], bbox: box }));
    const late = { ...current, timeMs: current.timeMs - 60_000, values: { ...current.values, x: 1 } };
    const repeated = { ...current, receivedAtMs: current.receivedAtMs + 5 };
    const newer = observe(inside, 12);
    server.live.events.emit('readings', [late, repeated]);
    server.live.events.emit('readings', [newer]);
    await client.waitFor((events) => events.some((e) => e.event === 'sensors:observed'), 'the newer reading');
    const observed = client.of('sensors:observed').flatMap(([payload]) => (payload as { observations: StoredObservation[] }).observations);
    expect(observed).toEqual([newer]);
  });

  it('sends a burst of readings in a message or two, with each sensor\'s newest value', async () => {
    const { inside, outside } = twoSensors();
    const client = await as(HUB_TOKENS.viewer);
    snapshotOf(await client.request('live:subscribe', { layers: ['sensors'] }));
    const burst = Array.from({ length: 100 }, (_, i) => observe(i % 2 === 0 ? inside : outside, i));
    for (const reading of burst) server.live.events.emit('readings', [reading]);
    const newest = burst.slice(-2);
    await client.waitFor((events) => events.some((e) => e.event === 'sensors:observed' && (e.args[0] as { observations: StoredObservation[] }).observations.some((o) => o.timeMs === newest[1]?.timeMs)), 'the last reading');
    const messages = client.of('sensors:observed').map(([payload]) => (payload as { observations: StoredObservation[] }).observations);
    expect(messages.length).toBeLessThanOrEqual(2);
    expect(messages.at(-1)).toEqual(expect.arrayContaining(newest));
  });

  it('refuses what fails its schema with an error answer, and keeps the socket', async () => {
    const client = await as(HUB_TOKENS.viewer);
    for (const payload of [{ layers: ['weather'] }, { layers: [] }, { layers: ['sensors'], bbox: [117.3, 34.3, 117.2, 34.2] }, 'sensors', { layers: ['sensors'], resume: { alarms: -1 } }]) {
      expect(await client.request('live:subscribe', payload)).toMatchObject({ error: { code: 'invalid_payload' } });
    }
    expect(client.socket.connected).toBe(true);
  });

  it('gives a kiosk public sensors only and refuses it alarms and incidents', async () => {
    const { inside, hidden } = twoSensors();
    server.live.events.emit('readings', [observe(inside, 6), observe(hidden, 7)]);
    const kiosk = await as(HUB_TOKENS.kiosk);
    expect(await kiosk.request('live:subscribe', { layers: ['sensors', 'incidents'] })).toMatchObject({ error: { code: 'forbidden_layer' } });
    const snapshot = snapshotOf(await kiosk.request('live:subscribe', { layers: ['sensors', 'kpis'] }));
    const publicIds = new Set(server.live.sensors.list().filter((s) => s.public).map((s) => s.id));
    expect(snapshot.sensors?.length).toBeGreaterThan(0);
    expect(snapshot.sensors?.every((o) => publicIds.has(o.sensorId))).toBe(true);
    expect(snapshot.kpis?.incidents).toBeDefined();
    server.live.events.emit('readings', [observe(hidden, 8), observe(inside, 9)]);
    await kiosk.waitFor((events) => events.some((e) => e.event === 'sensors:observed'), 'the public observation');
    const got = kiosk.of('sensors:observed').flatMap(([payload]) => (payload as { observations: StoredObservation[] }).observations.map((o) => o.sensorId));
    expect(got).toEqual([inside.id]);
  });
});

describe('traffic and KPIs', () => {
  it('sends link states inside the box and pushes KPIs when they change', async () => {
    const client = await as(HUB_TOKENS.viewer);
    const box = snapBbox([117.27, 34.2, 117.2705, 34.2005]);
    snapshotOf(await client.request('live:subscribe', { layers: ['links', 'kpis'], bbox: box }));
    const link = (linkId: string, speedKmh: number) => ({ linkId, speedKmh, flowVehH: 600, congestion: 2, timeMs: T0 + 500 });
    // RDE-000001's middle is at 117.25676, 34.18881 in the district's road file.
    server.live.events.emit('traffic', { timeMs: T0 + 500, vehicles: [], links: [link('RDE-000001', 20)] });
    await client.waitFor((events) => events.some((e) => e.event === 'kpis:updated' && (e.args[0] as Kpis).traffic?.averageSpeedKmh === 20), 'KPIs with the first speed');
    const near = await as(HUB_TOKENS.viewer);
    const nearBox = snapBbox([117.2567, 34.1888, 117.2568, 34.1889]);
    expect(snapshotOf(await near.request('live:subscribe', { layers: ['links'], bbox: nearBox })).links?.map((l) => l.linkId)).toEqual(['RDE-000001']);
    server.live.events.emit('traffic', { timeMs: T0 + 600, vehicles: [], links: [link('RDE-000001', 25)] });
    await near.waitFor((events) => events.some((e) => e.event === 'links:updated'), 'the link update');
    await client.waitFor((events) => events.some((e) => e.event === 'kpis:updated' && (e.args[0] as Kpis).traffic?.averageSpeedKmh === 25), 'KPIs with the new speed');
    expect(client.of('links:updated')).toEqual([]);
  });
});

describe('reliable streams', () => {
  const changes = (client: HubTestClient) => client.of('incidents:changed').map(([change]) => change as IncidentChange);

  it('a snapshot at a sequence number, then every change after it in order, chained by prevSeq', async () => {
    await server.live.incidents.create(incident('开始之前'), OPERATOR);
    const operator = await as(HUB_TOKENS.operator);
    const wall = await as(HUB_TOKENS.viewer);
    const sync = snapshotOf(await operator.request('live:subscribe', { layers: ['incidents'] })).incidents as IncidentSync;
    snapshotOf(await wall.request('live:subscribe', { layers: ['incidents'] }));
    expect(sync.mode).toBe('snapshot');
    if (sync.mode !== 'snapshot') return;
    expect(sync.items.map((i) => i.title)).toContain('开始之前');

    const created = [];
    for (let i = 0; i < 4; i++) created.push(await server.live.incidents.create(incident(`事件 ${i}`), OPERATOR));
    await operator.waitFor(() => changes(operator).length === 4, 'four incident changes');
    const got = changes(operator);
    expect(got.map((c) => c.incident?.id)).toEqual(created.map((i) => i.id));
    expect(got[0]?.prevSeq).toBe(sync.seq);
    got.slice(1).forEach((change, i) => expect(change.prevSeq).toBe(got[i]?.seq));
    // Personal data only for roles that may read it.
    expect(got[0]?.incident?.reporter).toBeDefined();
    await wall.waitFor(() => changes(wall).length === 4, 'the wall too');
    expect(changes(wall)[0]?.incident?.reporter).toBeUndefined();
  });

  it('a client back with its last sequence number gets exactly what it missed; too far behind, a snapshot', async () => {
    const first = await as(HUB_TOKENS.operator);
    const sync = snapshotOf(await first.request('live:subscribe', { layers: ['incidents'] })).incidents as IncidentSync;
    await server.live.incidents.create(incident('断线之前'), OPERATOR);
    await first.waitFor(() => changes(first).length === 1, 'the change before the cut');
    const lastSeq = changes(first)[0]?.seq ?? sync.seq;
    first.close();

    const missed = [];
    for (let i = 0; i < 3; i++) missed.push(await server.live.incidents.create(incident(`断线期间 ${i}`), OPERATOR));
    const back = await as(HUB_TOKENS.operator);
    const resumed = snapshotOf(await back.request('live:subscribe', { layers: ['incidents'], resume: { incidents: lastSeq } })).incidents as IncidentSync;
    expect(resumed.mode).toBe('changes');
    if (resumed.mode !== 'changes') return;
    expect(resumed.changes.map((c) => c.incident?.id)).toEqual(missed.map((i) => i.id));
    expect(resumed.changes[0]?.prevSeq).toBe(lastSeq);
    expect(resumed.seq).toBe(resumed.changes.at(-1)?.seq);

    const after = await server.live.incidents.create(incident('重连之后'), OPERATOR);
    await back.waitFor(() => changes(back).length === 1, 'the change after the resume');
    expect(changes(back)[0]).toMatchObject({ prevSeq: resumed.seq, incident: { id: after.id } });

    for (let i = 0; i < 6; i++) await server.live.incidents.create(incident(`很久 ${i}`), OPERATOR);
    const late = await as(HUB_TOKENS.operator);
    const fresh = snapshotOf(await late.request('live:subscribe', { layers: ['incidents'], resume: { incidents: lastSeq } })).incidents as IncidentSync;
    expect(fresh.mode).toBe('snapshot');

    // Within the resume limit, but pruned from the log: what it missed cannot be told, a snapshot can.
    await server.live.repository.pruneChanges(Date.now() + 1);
    const through = await server.live.repository.changesPrunedThrough('incidents');
    const pruned = await as(HUB_TOKENS.operator);
    const resumeFrom = async (seq: number) => (snapshotOf(await pruned.request('live:subscribe', { layers: ['incidents'], resume: { incidents: seq } })).incidents as IncidentSync).mode;
    expect(await resumeFrom(through - 1)).toBe('snapshot');
    expect(await resumeFrom(through)).toBe('changes');
  });

  it('sends an alarm outside the box as a change without the alarm, so the chain stays whole', async () => {
    const { inside, outside, box } = twoSensors();
    const client = await as(HUB_TOKENS.operator);
    const sync = snapshotOf(await client.request('live:subscribe', { layers: ['alarms'], bbox: box })).alarms;
    const raise = async (sensor: Sensor, quantity: string) => {
      const alarm = await server.live.repository.createAlarm(
        { sensorId: sensor.id, quantity, level: 'alarm', state: 'raised', threshold: 1, peakValue: 2, lastValue: 2, raisedAtMs: Date.now() },
        { atMs: Date.now(), actor: 'system', action: 'raise' },
      );
      server.live.events.emit('alarm', alarm);
      return alarm;
    };
    await raise(outside, 'q1');
    const shown = await raise(inside, 'q2');
    await client.waitFor(() => client.of('alarms:changed').length === 2, 'two alarm changes');
    const [first, second] = client.of('alarms:changed').map(([change]) => change as AlarmChange);
    expect(first).toEqual({ seq: expect.any(Number), prevSeq: sync?.seq });
    expect(second).toMatchObject({ prevSeq: first?.seq, alarm: { id: shown.id } });
  });

  it('does not take a wall acknowledging a burst of changes for a flooder', async () => {
    const wall = await as(HUB_TOKENS.viewer);
    snapshotOf(await wall.request('live:subscribe', { layers: ['incidents'] }));
    // More than the test's burst (30) and rate (10/s) allow for other messages.
    await Promise.all(Array.from({ length: 80 }, (_, i) => server.live.incidents.create(incident(`暴雨 ${i}`), OPERATOR)));
    await wall.waitFor(() => changes(wall).length === 80, 'every change of the burst');
    expect(await wall.request('live:resume', { incidents: changes(wall).at(-1)?.seq ?? 0 })).toMatchObject({ data: { incidents: { mode: 'changes', changes: [] } } });
    expect(wall.socket.connected).toBe(true);
  });

  it('drops a socket that does not acknowledge a reliable change, so that it resumes', async () => {
    const silent = await as(HUB_TOKENS.operator);
    silent.acknowledge = false;
    snapshotOf(await silent.request('live:subscribe', { layers: ['incidents'] }));
    await server.live.incidents.create(incident('无人确认'), OPERATOR);
    await silent.waitFor((events) => events.some((e) => e.event === 'disconnect'), 'the drop');
    expect(changes(silent)).toHaveLength(1);
  });
});

describe('abuse', () => {
  it('drops a socket that sends an oversized packet; the server keeps serving', async () => {
    const big = await as(HUB_TOKENS.viewer);
    big.socket.emit('live:subscribe', { layers: ['sensors'], padding: 'x'.repeat(64 * 1024) }, () => undefined);
    await big.waitFor((events) => events.some((e) => e.event === 'disconnect'), 'the drop');
    const other = await as(HUB_TOKENS.viewer);
    expect(snapshotOf(await other.request('live:subscribe', { layers: ['kpis'] })).kpis).toBeDefined();
  });

  it('drops a socket that sends a malformed packet, or no acknowledgement callback; the server keeps serving', async () => {
    const url = `${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const raw = new WebSocket(url);
    const closed = new Promise<void>((resolve) => raw.on('close', () => resolve()));
    raw.on('message', (data: Buffer) => {
      // Engine.IO's open packet: then a Socket.IO packet that is not one.
      if (data.toString().startsWith('0')) raw.send('42/live,{"not":"an array"');
    });
    await closed;

    const rude = await as(HUB_TOKENS.viewer);
    rude.socket.emit('live:subscribe', { layers: ['kpis'] });
    await rude.waitFor((events) => events.some((e) => e.event === 'disconnect'), 'the drop');
    const other = await as(HUB_TOKENS.viewer);
    expect(snapshotOf(await other.request('live:subscribe', { layers: ['kpis'] })).kpis).toBeDefined();
  });

  it('drops a WebSocket that stops reading, while another keeps receiving', async () => {
    const { inside } = twoSensors();
    const calm = await as(HUB_TOKENS.viewer);
    snapshotOf(await calm.request('live:subscribe', { layers: ['vehicles'], bbox: snapBbox([inside.position.lon, inside.position.lat, inside.position.lon + 0.001, inside.position.lat + 0.001]) }));
    const stuck = await as(HUB_TOKENS.viewer);
    snapshotOf(await stuck.request('live:subscribe', { layers: ['vehicles'] }));
    // The client stops reading its TCP socket: the server's writes back up.
    (stuck.socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void } } }).ws._socket.pause();
    const many = Array.from({ length: 5000 }, (_, i) => vehicle(`V-${i}`, 117.2 + (i % 100) * 1e-3, 34.15 + Math.floor(i / 100) * 1e-3));
    const load = setInterval(() => server.live.events.emit('traffic', { timeMs: Date.now(), vehicles: [...many, vehicle('V-CALM', inside.position.lon, inside.position.lat)], links: [] }), 60);
    const stuckId = stuck.socket.id;
    try {
      await calm.waitFor(() => !server.hub.io.of('/live').sockets.has(stuckId ?? ''), 'the slow consumer dropped', 20_000);
    } finally {
      clearInterval(load);
    }
    calm.events.length = 0;
    server.live.events.emit('traffic', { timeMs: Date.now(), vehicles: [vehicle('V-CALM', inside.position.lon, inside.position.lat)], links: [] });
    await calm.waitFor((events) => events.some((e) => e.event === 'vehicles:frame'), 'a frame for the calm client');
    expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/hub_slow_consumer_disconnects_total [1-9]/);
  });

  it('cuts a flooding client off while another keeps receiving', async () => {
    const { inside } = twoSensors();
    const calm = await as(HUB_TOKENS.viewer);
    snapshotOf(await calm.request('live:subscribe', { layers: ['vehicles'] }));
    const flood = await as(HUB_TOKENS.viewer);
    for (let i = 0; i < 500; i++) flood.socket.emit('live:subscribe', { layers: ['vehicles'] }, () => undefined);
    await flood.waitFor((events) => events.some((e) => e.event === 'disconnect'), 'the cut');
    calm.events.length = 0;
    server.live.events.emit('traffic', { timeMs: T0 + 300, vehicles: [vehicle('V-CALM', inside.position.lon, inside.position.lat)], links: [] });
    await calm.waitFor((events) => events.some((e) => e.event === 'vehicles:frame'), 'a frame for the calm client');
    expect(calm.socket.connected).toBe(true);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/hub_rate_limit_disconnects_total [1-9]/);
  });
});
