import { randomBytes } from 'node:crypto';
import { mqttObservationTopic, type Observation } from '@pengcheng/protocol';
import { connect } from 'mqtt';
import type { Logger } from 'pino';
import type { ObservationSink } from './observationSink.js';

export interface MqttObservationSinkOptions {
  /** `mqtt://host:1883` (or `mqtts://`, `ws://`). */
  readonly url: string;
  readonly clientId?: string;
  readonly username?: string;
  readonly password?: string;
  readonly logger: Logger;
  /** Milliseconds between reconnection attempts while the broker is away. */
  readonly reconnectMs?: number;
  /**
   * Messages still waiting for the broker's PUBACK beyond this are dropped (and logged): while
   * the broker is away they queue in memory, and a long outage must not exhaust it.
   */
  readonly maxInFlight?: number;
  /** How long `close()` waits for outstanding acknowledgements before it cuts the connection. */
  readonly closeTimeoutMs?: number;
}

export interface MqttObservationSink extends ObservationSink {
  readonly connected: () => boolean;
  close(): Promise<void>;
}

/**
 * Publishes observations like a field gateway: our JSON format, one message per observation on
 * `pengcheng/v1/sensors/{id}/observations`, QoS 1 over MQTT 5. mqtt.js keeps what is not yet
 * acknowledged and sends it again after a reconnection.
 */
export function createMqttObservationSink(options: MqttObservationSinkOptions): MqttObservationSink {
  const { logger } = options;
  const maxInFlight = options.maxInFlight ?? 20_000;
  const client = connect(options.url, {
    protocolVersion: 5,
    clientId: options.clientId ?? `pengcheng-sim-${randomBytes(4).toString('hex')}`,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    reconnectPeriod: options.reconnectMs ?? 1000,
    connectTimeout: 10_000,
    queueQoSZero: false,
  });
  let inFlight = 0;
  let dropped = 0;
  let wasConnected = false;
  client.on('connect', () => {
    logger.info({ url: options.url, reconnected: wasConnected }, 'simulator: MQTT connected');
    wasConnected = true;
  });
  client.on('offline', () => logger.warn({ url: options.url }, 'simulator: MQTT broker unreachable, retrying'));
  client.on('error', (err) => logger.warn({ err: { message: err.message } }, 'simulator: MQTT error'));

  const drop = (reason: string): void => {
    dropped++;
    if (dropped === 1 || dropped % 1000 === 0) logger.warn({ dropped, reason }, 'simulator: MQTT observations dropped');
  };

  return {
    connected: () => client.connected,
    publish(observations: readonly Observation[]) {
      for (const observation of observations) {
        if (inFlight >= maxInFlight) {
          drop('too many unacknowledged');
          continue;
        }
        inFlight++;
        client.publish(mqttObservationTopic(observation.sensorId), JSON.stringify(observation), { qos: 1, properties: { contentType: 'application/json' } }, (err) => {
          inFlight--;
          if (err) drop(err.message);
        });
      }
    },
    async close() {
      let timer: NodeJS.Timeout | undefined;
      const gentle = client.endAsync(false).then(
        () => true,
        () => false,
      );
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), options.closeTimeoutMs ?? 2000);
      });
      const ended = await Promise.race([gentle, timeout]);
      clearTimeout(timer);
      if (!ended) await client.endAsync(true);
    },
  };
}
