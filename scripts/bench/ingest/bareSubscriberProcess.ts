/**
 * The MQTT baseline's consumer, in its own process as our server is: a bare mqtt.js QoS 1
 * subscriber that only counts, and for each message notes its latency (now minus the `time`
 * the publisher stamped in it, in whole milliseconds as the server's receivedAtMs is).
 * Started by bareSubscriber.ts with an IPC channel: argv = broker URL, topic filter.
 */
import mqtt from 'mqtt';
import { Latencies } from './latencies.js';

const MAX_MESSAGES = 2_000_000;
const REPORT_EVERY_MS = Number(process.argv[4] ?? 10);

const [url, filter] = process.argv.slice(2);
if (!url || !filter || !process.send) throw new Error('usage: bareSubscriberProcess.ts <url> <filter> [reportEveryMs], with an IPC channel');
const send = (message: unknown) => process.send?.(message);

const client = await mqtt.connectAsync(url, { protocolVersion: 5, clean: true, clientId: `pengcheng-bench-sub-${process.pid}`, reconnectPeriod: 0 });
const timesMs = new Float64Array(MAX_MESSAGES);
const latenciesMs = new Float64Array(MAX_MESSAGES);
let count = 0;
client.on('message', (_topic, payload) => {
  const receivedMs = Date.now();
  if (count < MAX_MESSAGES) {
    const { time } = JSON.parse(payload.toString('utf8')) as { time: string };
    const timeMs = Date.parse(time);
    timesMs[count] = timeMs;
    latenciesMs[count] = receivedMs - timeMs;
  }
  count += 1;
});
await client.subscribeAsync(filter, { qos: 1 });
const reporter = setInterval(() => send({ type: 'count', count }), REPORT_EVERY_MS);

process.on('message', (message: { type: 'report'; fromMs: number; toMs: number }) => {
  if (message.type !== 'report') return;
  const window = new Latencies(MAX_MESSAGES);
  for (let i = 0; i < Math.min(count, MAX_MESSAGES); i += 1) {
    const timeMs = timesMs[i] as number;
    if (timeMs >= message.fromMs && timeMs < message.toMs) window.add(latenciesMs[i] as number);
  }
  const [p50, p99] = window.percentiles([0.5, 0.99]);
  send({ type: 'report', count: window.count, p50, p99 });
});
// Stopped with SIGTERM: the clean session leaves nothing behind on the broker.
process.once('SIGTERM', () => {
  clearInterval(reporter);
  void client.endAsync().finally(() => process.exit(0));
});
// The parent went away (Ctrl-C, a crash): nobody needs the counts any more.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
