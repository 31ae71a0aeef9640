import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIngestHarness, repositoryState, type IngestHarness } from '../../test-support/ingest/ingestFixtures.js';
import type { IngestService } from './ingestService.js';
import { startMqttIngest, type MqttIngest, type MqttIngestOptions } from './mqttIngest.js';

/** Through the real broker (Mosquitto 2.0 on TEST_MQTT_URL); each test its own topics, group and client ids. */
const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const NOW = Date.parse('2026-06-01T08:00:00+08:00');
const logger = pino({ level: 'silent' });

let harness: IngestHarness;
let run: string;
let publisher: MqttClient;
const started: MqttIngest[] = [];

const topicOf = (sensorId: string) => `test-${run}/sensors/${sensorId}/observations`;
const pm25 = (offsetMs: number, value: number) => ({ sensorId: 'AQS-0001', time: new Date(NOW + offsetMs).toISOString(), values: [{ quantity: 'pm25', value, unit: 'ug/m3' }] });

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function subscriber(overrides: Partial<MqttIngestOptions> = {}): Promise<MqttIngest> {
  const ingest = startMqttIngest({
    url: MQTT_URL,
    service: harness.service,
    metrics: harness.metrics,
    logger,
    clientId: `ingest-${run}`,
    subscription: `$share/group-${run}/test-${run}/sensors/+/observations`,
    sessionExpirySeconds: 60,
    reconnectMinMs: 50,
    ...overrides,
  });
  started.push(ingest);
  await waitFor('the subscription', () => ingest.status().connected);
  return ingest;
}

function publish(topic: string, payload: unknown, qos: 0 | 1 = 1): Promise<void> {
  const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
  return publisher.publishAsync(topic, body, { qos }).then(() => undefined);
}

const count = (outcome: string) => harness.metric('ingest_mqtt_messages_total', { outcome });

beforeEach(async () => {
  harness = await createIngestHarness({ nowMs: NOW });
  run = randomUUID().slice(0, 8);
  publisher = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5, clientId: `publisher-${run}` });
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((ingest) => ingest.close()));
  await publisher.endAsync();
  await harness.close();
});

describe('MQTT ingest through Mosquitto', () => {
  it('stores one observation, or a batch, published for the sensor the topic names', async () => {
    await subscriber();
    await publish(topicOf('AQS-0001'), pm25(-60_000, 30));
    await publish(topicOf('AQS-0001'), { observations: [pm25(-50_000, 31), pm25(-40_000, 32)] });
    await waitFor('both messages stored', async () => (await count('stored')) === 2);
    const [latest] = await harness.repository.latestObservations(['AQS-0001']);
    expect(latest).toMatchObject({ timeMs: NOW - 40_000, values: { pm25: 32 }, source: 'mqtt' });
    expect(harness.hooked.flat()).toHaveLength(3);
  });

  it('takes QoS 0 publications too', async () => {
    await subscriber();
    await publish(topicOf('AQS-0001'), pm25(-1000, 12), 0);
    await waitFor('stored', async () => (await count('stored')) === 1);
  });

  it('counts, logs and acknowledges bad payloads without storing them, and goes on with the next message', async () => {
    const ingest = await subscriber();
    const before = await repositoryState(harness.repository);
    await publish(topicOf('AQS-0001'), '{"observations": [');
    await publish(topicOf('AQS-0001'), `${'['.repeat(100)}${']'.repeat(100)}`);
    await publish(topicOf('AQS-0001'), { id: 'urn:ngsi-ld:AirQualityObserved:x', type: 'AirQualityObserved' });
    await publish(topicOf('NOI-0001'), pm25(-1000, 20));
    await publish(topicOf('AQS-0001'), { ...pm25(-1000, 20), values: [{ quantity: 'pm25', value: 'NaN', unit: 'ug/m3' }] });
    await publish(topicOf('AQS-0001'), JSON.stringify(pm25(-1000, 20)).replace('"value":20', '"value":1e400'));
    await waitFor('six refused', async () => (await count('rejected')) === 6);
    expect(await repositoryState(harness.repository)).toEqual(before);
    expect(await harness.metric('ingest_rejected_total', { reason: 'malformed_json' })).toBe(1);
    expect(await harness.metric('ingest_rejected_total', { reason: 'too_deep' })).toBe(1);
    expect(await harness.metric('ingest_rejected_total', { reason: 'unknown_format' })).toBe(1);
    expect(await harness.metric('ingest_rejected_total', { reason: 'invalid' })).toBe(1);
    expect(await harness.metric('ingest_rejected_total', { reason: 'non_finite' })).toBe(2);
    // The pump only moves on once a message is acknowledged: this one arriving proves the others were.
    await publish(topicOf('AQS-0001'), pm25(-500, 21));
    await waitFor('the good one stored', async () => (await count('stored')) === 1);
    expect(ingest.status().connected).toBe(true);
  });

  it('does not acknowledge when storing fails: after the reconnect the broker delivers the message again, and it is stored', async () => {
    let failures = 1;
    const flaky: IngestService = {
      ingest: async (...args) => {
        if (failures-- > 0) throw new Error('database is locked');
        return harness.service.ingest(...args);
      },
    };
    await subscriber({ service: flaky });
    await publish(topicOf('AQS-0001'), pm25(-1000, 44));
    await waitFor('stored after redelivery', async () => (await count('stored')) === 1);
    expect(await count('failed')).toBe(1);
    expect((await harness.repository.latestObservations(['AQS-0001']))[0]?.values).toEqual({ pm25: 44 });
  });

  it('a message stored but not acknowledged before a crash comes again to the restarted process, and changes nothing', async () => {
    let frozen: (error: Error) => void = () => undefined;
    let storedOnce = false;
    // The first process stores the observation, then stops dead before its PUBACK goes out.
    const crashing: IngestService = {
      ingest: async (...args) => {
        await harness.service.ingest(...args);
        storedOnce = true;
        return new Promise((_, reject) => {
          frozen = reject;
        });
      },
    };
    const first = await subscriber({ service: crashing, reconnectMinMs: 600_000 });
    await publish(topicOf('AQS-0001'), pm25(-1000, 55));
    await waitFor('stored by the first process', () => storedOnce);
    const afterFirst = await repositoryState(harness.repository);

    // The restarted process takes over the session under the same client id.
    await subscriber();
    await waitFor('the redelivery seen as a duplicate', async () => (await harness.metric('ingest_observations_total', { format: 'pengcheng', outcome: 'duplicate' })) === 1);

    expect(await repositoryState(harness.repository)).toEqual(afterFirst);
    expect(harness.hooked).toHaveLength(1);
    frozen(new Error('the first process is gone'));
    await first.close();
  });

  it('splits a shared subscription between processes: each message is stored once', async () => {
    await subscriber({ clientId: `ingest-${run}-a` });
    await subscriber({ clientId: `ingest-${run}-b`, connections: 2 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => publish(topicOf('AQS-0001'), pm25(-100_000 + i * 1000, i))));
    await waitFor('all stored', async () => (await count('stored')) === 30);
    expect(await harness.metric('ingest_observations_total', { format: 'pengcheng', outcome: 'duplicate' })).toBe(0);
    const history = await harness.repository.observationHistory({ sensorId: 'AQS-0001', fromMs: 0, toMs: NOW, limit: 100 });
    expect(history.observations).toHaveLength(30);
  });

  it('leaves the share group on close, so the processes still running get every message', async () => {
    const leaving = await subscriber({ clientId: `ingest-${run}-leaving` });
    await subscriber({ clientId: `ingest-${run}-staying` });
    await leaving.close();
    await Promise.all(Array.from({ length: 10 }, (_, i) => publish(topicOf('AQS-0001'), pm25(-100_000 + i * 1000, i))));
    await waitFor('all stored by the one still running', async () => (await count('stored')) === 10);
  });

  it('reports not connected once closed', async () => {
    const ingest = await subscriber();
    await ingest.close();
    expect(ingest.status().connected).toBe(false);
    expect(await harness.metric('ingest_mqtt_connected')).toBe(0);
  });
});
