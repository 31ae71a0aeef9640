/**
 * A child process holding many clients of one target (the hub over Socket.IO, the raw `ws`
 * baseline, or MQTT subscribers straight on the broker), counting what they receive and how late.
 * Run by scripts/bench/live.ts:
 *   tsx clientFleet.ts <hub|ws|mqtt> <url> <clients> [token]
 * It tells its parent `{ ready }` once every client is subscribed, then answers `{ reset }` and
 * `{ report }` messages. Latency is receive time minus the observation's `timeMs` (same machine,
 * same clock): the time the bench's source was due to send it, or the MQTT publisher's time.
 * The clients parse the payload and nothing more (no schema check), so the figures are the
 * server's, not our client module's.
 */
import { LIVE_CLIENT_EVENTS, LIVE_NAMESPACE, LIVE_SERVER_EVENTS, LIVE_SOCKET_PATH } from '@pengcheng/protocol';
import mqtt, { MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

interface Payload {
  readonly observations: readonly { readonly timeMs: number }[];
}

const [kind, url, countText, token = ''] = process.argv.slice(2);
const count = Number(countText);
if ((kind !== 'hub' && kind !== 'ws' && kind !== 'mqtt') || url === undefined || !Number.isInteger(count) || count < 1) {
  throw new Error('usage: clientFleet.ts <hub|ws|mqtt> <url> <clients> [token]');
}

let latencies: number[] = [];
let deliveries = 0;
let messages = 0;
let lastMs = 0;
let cpuFrom = process.cpuUsage();
let wallFrom = performance.now();

function received(payload: Payload): void {
  const now = Date.now();
  lastMs = now;
  messages++;
  for (const observation of payload.observations) {
    deliveries++;
    latencies.push(now - observation.timeMs);
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function openHubClient(): Promise<Socket> {
  const socket = io(new URL(LIVE_NAMESPACE, url).toString(), { path: LIVE_SOCKET_PATH, auth: { token }, transports: ['websocket'], reconnection: false });
  socket.on(LIVE_SERVER_EVENTS.sensorsObserved, (payload: Payload) => received(payload));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      socket.timeout(30_000).emit(LIVE_CLIENT_EVENTS.subscribe, { layers: ['sensors'] }, (error: Error | null, answer: { error?: { message: string } }) => {
        if (error) reject(error);
        else if (answer.error) reject(new Error(answer.error.message));
        else resolve();
      });
    });
    socket.once('connect_error', reject);
  });
  return socket;
}

async function openWsClient(): Promise<WebSocket> {
  const socket = new WebSocket(url ?? '');
  socket.on('message', (data: Buffer) => received(JSON.parse(data.toString('utf8')) as Payload));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

const OBSERVATION_FILTER = 'pengcheng/v1/sensors/+/observations';

/** A screen on the broker itself: every observation topic at QoS 1, as the ingest subscribes. */
async function openMqttClient(): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url ?? '', { protocolVersion: 5, clean: true, reconnectPeriod: 0 });
  client.on('message', (_topic, payload) => received({ observations: [{ timeMs: Date.parse((JSON.parse(payload.toString('utf8')) as { time: string }).time) }] }));
  await client.subscribeAsync(OBSERVATION_FILTER, { qos: 1 });
  return client;
}

const open = { hub: openHubClient, ws: openWsClient, mqtt: openMqttClient }[kind];
const sockets: Array<Socket | WebSocket | MqttClient> = [];
// A few at a time: 500 handshakes at once would time out on a loaded 2-core machine.
for (let i = 0; i < count; i += 25) {
  const batch = Array.from({ length: Math.min(25, count - i) }, () => open());
  sockets.push(...(await Promise.all(batch)));
}

process.on('message', (message: { type: 'reset' | 'report' | 'close' }) => {
  if (message.type === 'reset') {
    latencies = [];
    deliveries = 0;
    messages = 0;
    lastMs = 0;
    cpuFrom = process.cpuUsage();
    wallFrom = performance.now();
    process.send?.({ type: 'reset' });
  } else if (message.type === 'report') {
    const sorted = Float64Array.from(latencies).sort();
    const cpu = process.cpuUsage(cpuFrom);
    // Share of one core since the reset: near 1 means the clients, not the server, set the pace.
    const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wallFrom);
    process.send?.({ type: 'report', deliveries, messages, lastMs, cpuShare, p50: percentile([...sorted], 50), p99: percentile([...sorted], 99), max: sorted.at(-1) ?? Number.NaN });
  } else {
    for (const socket of sockets) {
      if (socket instanceof WebSocket) socket.terminate();
      else if (socket instanceof MqttClient) socket.end(true);
      else socket.disconnect();
    }
    process.exit(0);
  }
});
process.send?.({ type: 'ready', clients: sockets.length });
