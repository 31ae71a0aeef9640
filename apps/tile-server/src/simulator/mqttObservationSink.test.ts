import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { MQTT_OBSERVATION_TOPIC, Observation, mqttObservationTopic } from '@pengcheng/protocol';
import { connectAsync, type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorUnderTest } from '../../test-support/simulatorFixtures.js';
import { createMqttObservationSink, type MqttObservationSink } from './mqttObservationSink.js';

const BROKER = process.env['TEST_MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const logger = pino({ level: 'silent' });

/** Every message on the observation topics, by topic; other tests may publish there too, so tests look for their own. */
let subscriber: MqttClient;
const received: { topic: string; payload: string }[] = [];
beforeAll(async () => {
  subscriber = await connectAsync(BROKER, { protocolVersion: 5, clientId: `pc-test-sub-${randomBytes(4).toString('hex')}`, reconnectPeriod: 0 });
  subscriber.on('message', (topic, payload) => received.push({ topic, payload: payload.toString('utf8') }));
  await subscriber.subscribeAsync(MQTT_OBSERVATION_TOPIC.replace('{sensorId}', '+'), { qos: 1 });
});
afterAll(async () => {
  await subscriber?.endAsync();
});

/** Observations of sensors no other test uses. */
function observations(count: number, tag = randomBytes(3).toString('hex').toUpperCase()): Observation[] {
  return Array.from({ length: count }, (_, i) => ({
    sensorId: `SNS-T${tag}-${String(i % 5).padStart(3, '0')}`,
    time: new Date(Date.UTC(2026, 11, 1, 8, 0, i)).toISOString(),
    values: [{ quantity: 'ch4', value: i / 10, unit: '%LEL' }],
    quality: 'good',
  }));
}

function arrived(sent: readonly Observation[]): Observation[] {
  const wanted = new Set(sent.map((o) => JSON.stringify(o)));
  return received.filter((m) => wanted.has(m.payload)).map((m) => {
    const o = Observation.parse(JSON.parse(m.payload));
    expect(m.topic).toBe(mqttObservationTopic(o.sensorId));
    return o;
  });
}

describe('the MQTT observation sink (real Mosquitto)', () => {
  it('publishes each observation in our format on its sensor’s topic, and closes', async () => {
    const sink = createMqttObservationSink({ url: BROKER, logger });
    await expect.poll(() => sink.connected(), { timeout: 10_000 }).toBe(true);
    const sent = observations(40);
    sink.publish(sent);
    await expect.poll(() => arrived(sent).length, { timeout: 10_000 }).toBe(40);
    expect(new Set(arrived(sent).map((o) => o.sensorId)).size).toBe(5);
    await sink.close();
    expect(sink.connected()).toBe(false);
  });

  it('reconnects after the connection drops and delivers what was published meanwhile', async () => {
    const [host, port] = new URL(BROKER).host.split(':') as [string, string];
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(port || 1883), host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const sink: MqttObservationSink = createMqttObservationSink({ url: `mqtt://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`, logger, reconnectMs: 100 });
    try {
      await expect.poll(() => sink.connected(), { timeout: 10_000 }).toBe(true);
      const before = observations(10);
      sink.publish(before);
      await expect.poll(() => arrived(before).length, { timeout: 10_000 }).toBe(10);

      for (const s of sockets) s.destroy();
      await expect.poll(() => sink.connected(), { timeout: 10_000 }).toBe(false);
      const meanwhile = observations(10);
      sink.publish(meanwhile);
      await expect.poll(() => arrived(meanwhile).length, { timeout: 15_000 }).toBe(10);
      expect(sink.connected()).toBe(true);
    } finally {
      await sink.close();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('carries the simulator’s observations to a subscriber like a field gateway', async () => {
    const sink = createMqttObservationSink({ url: BROKER, logger });
    const sent: Observation[] = [];
    const sim = await simulatorUnderTest({ transport: 'mqtt', sink: { publish: (batch) => (sent.push(...batch), sink.publish(batch)) }, startTimeMs: Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1e9) });
    try {
      sim.simulator.start();
      await sim.fire(5);
      expect(sim.simulator.status().transport).toBe('mqtt');
      expect(sent.length).toBeGreaterThan(200);
      await expect.poll(() => arrived(sent).length, { timeout: 15_000 }).toBe(sent.length);
    } finally {
      await sim.simulator.stop();
      await sink.close();
    }
  });
});
