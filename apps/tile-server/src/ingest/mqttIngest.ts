import { MQTT_SHARED_SUBSCRIPTION } from '@pengcheng/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { IngestMetrics } from './ingestMetrics.js';
import type { IngestService } from './ingestService.js';
import { ingestMqttMessage, type MqttMessageLimits } from './mqttMessage.js';
import { observationTopics } from './mqttTopics.js';

export interface MqttIngestOptions {
  /** MQTT_URL; credentials may be in it (`mqtt://user:password@host:1883`). */
  readonly url: string;
  readonly service: IngestService;
  readonly metrics: IngestMetrics;
  readonly logger: Logger;
  /**
   * The client id, stable across restarts of this process (not across processes): the broker
   * keeps the session under it, so what was delivered but not acknowledged before a crash is
   * delivered again when the process comes back.
   */
  readonly clientId: string;
  /** Defaults to the protocol's shared subscription; tests give their own topic prefix. */
  readonly subscription?: string;
  /** Connections in the share group; the broker splits messages between them and their writes share transactions. */
  readonly connections?: number;
  /** The source recorded with each observation. */
  readonly source?: string;
  /**
   * How long the broker keeps the session of a process that went away without closing (and
   * routes it its share of messages, held for a restart under the same id), in seconds.
   */
  readonly sessionExpirySeconds?: number;
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  readonly limits?: Partial<MqttMessageLimits>;
}

export interface MqttIngest {
  /** For /readyz: every connection is up and subscribed. */
  status(): { readonly connected: boolean };
  /** Leaves the share group, lets the messages being stored finish and be acknowledged, disconnects. */
  close(): Promise<void>;
}

/**
 * Subscribes to the observation topics with QoS 1 (MQTT 5, persistent session) and stores what
 * arrives. A message is acknowledged (PUBACK) only once stored; a bad payload is counted, logged
 * and acknowledged (a redelivery would be just as bad); when storage fails the connection is
 * dropped without acknowledging, so the broker delivers the message again after the reconnect.
 * Reconnects with exponential backoff and jitter.
 */
export function startMqttIngest(options: MqttIngestOptions): MqttIngest {
  const { service, metrics, logger } = options;
  const topics = observationTopics(options.subscription ?? MQTT_SHARED_SUBSCRIPTION);
  const source = options.source ?? 'mqtt';
  const limits: MqttMessageLimits = { maxPayloadBytes: 256 * 1024, maxDepth: 32, maxItems: 1000, ...options.limits };
  const minDelay = options.reconnectMinMs ?? 1000;
  const maxDelay = options.reconnectMaxMs ?? 30_000;
  const count = options.connections ?? 1;
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  const track = (task: Promise<void>): void => {
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  const clients: MqttClient[] = [];
  const subscribed = new Set<MqttClient>();
  const markSubscribed = (client: MqttClient, value: boolean): void => {
    if (value) subscribed.add(client);
    else subscribed.delete(client);
    metrics.mqttConnected(subscribed.size === clients.length);
  };

  const handle = async (client: MqttClient, topic: string, payload: Buffer, acknowledge: () => void): Promise<void> => {
    const stopTimer = metrics.startTimer('mqtt');
    try {
      const result = await ingestMqttMessage(topic, payload, { service, topics, source, limits });
      if (!result.ok) {
        metrics.rejected(result.reason);
        metrics.mqttMessage('rejected');
        logger.warn({ topic: topic.slice(0, 200), reason: result.reason, message: result.message }, 'MQTT message refused');
      } else {
        const refused = result.response.items.find((item) => item.status === 'rejected');
        metrics.mqttMessage(refused ? 'rejected' : 'stored');
        if (refused) logger.warn({ topic: topic.slice(0, 200), refused: result.response.rejected, first: refused }, 'MQTT observations refused');
      }
      acknowledge();
    } catch (error) {
      metrics.mqttMessage('failed');
      logger.error({ err: error, topic: topic.slice(0, 200) }, 'storing an MQTT message failed: reconnecting so that the broker delivers it again');
      client.stream.destroy();
    } finally {
      stopTimer();
    }
  };

  const connect = (clientId: string): MqttClient => {
    const client = mqtt.connect(options.url, {
      clientId,
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: options.sessionExpirySeconds ?? 300 },
      reconnectPeriod: minDelay,
      connectTimeout: 10_000,
      resubscribe: false,
      customHandleAcks: (topic, payload, _packet, callback) => {
        // While closing, a message is left unacknowledged: the broker keeps it for this session.
        if (!closing) track(handle(client, topic, payload, () => callback(0)));
      },
    });
    // A QoS 0 publication arrives at QoS 0 whatever the subscription: nothing to acknowledge.
    client.on('message', (topic, payload, packet) => {
      if (packet.qos === 0 && !closing) track(handle(client, topic, payload, () => undefined));
    });
    client.on('connect', (connack) => {
      client.options.reconnectPeriod = minDelay;
      logger.info({ clientId, sessionPresent: connack.sessionPresent }, 'MQTT connected');
      // Also on a resumed session (the broker then redelivers what was not acknowledged at once):
      // subscribing again is harmless and takes up a subscription changed since.
      client.subscribe(topics.filter, { qos: 1 }, (error, granted) => {
        const refused = error ? error.message : granted?.some((g) => g.qos > 2) ? `reason code ${granted.map((g) => g.qos).join(',')}` : undefined;
        if (refused === undefined) markSubscribed(client, true);
        else logger.error({ filter: topics.filter, refused }, 'MQTT subscription refused');
      });
    });
    client.on('close', () => {
      markSubscribed(client, false);
      const next = Math.min(maxDelay, (client.options.reconnectPeriod ?? minDelay) * 2);
      client.options.reconnectPeriod = Math.round(next * (0.75 + Math.random() * 0.25));
    });
    client.on('error', (error) => logger.warn({ err: error, clientId }, 'MQTT client error'));
    return client;
  };

  for (let i = 0; i < count; i += 1) clients.push(connect(count === 1 ? options.clientId : `${options.clientId}-${i}`));

  return {
    status: () => ({ connected: subscribed.size === clients.length }),
    async close() {
      // Leave the share group first, so the broker stops routing messages to a session that
      // would only hold them until this process came back (or its expiry); the session itself
      // stays, with anything unacknowledged, for a restart under the same client id.
      await Promise.all(
        clients.filter((client) => client.connected).map((client) =>
          client.unsubscribeAsync(topics.filter).catch((error: unknown) => logger.warn({ err: error }, 'MQTT unsubscribe failed')),
        ),
      );
      closing = true;
      await Promise.allSettled([...inFlight]);
      await Promise.all(clients.map((client) => client.endAsync()));
      metrics.mqttConnected(false);
    },
  };
}
