import mqtt from 'mqtt';
import { observationJson, type ReadingStream } from './readings.js';

/** Whoever takes the messages in, seen from the publisher: how many it has handled so far. */
export interface Consumer {
  consumed(): number;
  /** Resolves when `consumed` may have changed (the next report), or after `maxWaitMs`. */
  changed(maxWaitMs: number): Promise<void>;
}

export interface PublishLoad {
  readonly url: string;
  /** The topic of a sensor's observations. */
  readonly topicOf: (sensorId: string) => string;
  /** Most messages published and not yet handled by the consumer. */
  readonly window: number;
  /** Stops earlier after this many messages. */
  readonly maxMessages: number;
}

/** A stretch of publishing: wall-clock bounds, and how many were published and consumed at each. */
export interface Span {
  readonly fromMs: number;
  readonly toMs: number;
  readonly publishedFrom: number;
  readonly publishedTo: number;
  readonly consumedFrom: number;
  readonly consumedTo: number;
}

export interface Publisher {
  /** Each message's sensor and time (its publish moment), in publishing order. */
  readonly sensorIds: readonly string[];
  readonly timesMs: Float64Array;
  /** Publications the broker refused or did not acknowledge. */
  failed(): number;
  /** Publishes for `seconds` (or until the message cap). */
  run(seconds: number): Promise<Span>;
  /** Waits for the broker's outstanding acknowledgements and disconnects. */
  close(): Promise<void>;
}

/**
 * Publishes one observation per QoS 1 message, each stamped with its publish moment, as fast as
 * the window lets: no more than `window` messages the consumer has not handled yet, so the
 * broker's queue for it stays bounded (Mosquitto drops QoS 1 messages beyond
 * max_queued_messages, 1000 by default) and latency measures queueing at that depth.
 */
export async function startPublisher(load: PublishLoad, readings: ReadingStream, consumer: Consumer): Promise<Publisher> {
  const client = await mqtt.connectAsync(load.url, { protocolVersion: 5, clean: true, clientId: `pengcheng-bench-pub-${process.pid}-${Date.now()}`, reconnectPeriod: 0 });
  const sensorIds: string[] = [];
  const timesMs = new Float64Array(load.maxMessages);
  let failed = 0;
  const base = consumer.consumed();
  const inFlight = () => sensorIds.length - (consumer.consumed() - base);
  const publishOne = (): void => {
    const reading = readings.nextNow();
    timesMs[sensorIds.length] = reading.timeMs;
    sensorIds.push(reading.sensor.id);
    client.publish(load.topicOf(reading.sensor.id), observationJson(reading), { qos: 1 }, (error) => {
      if (error) failed += 1;
    });
  };
  return {
    sensorIds,
    timesMs,
    failed: () => failed,
    async run(seconds) {
      const fromMs = Date.now();
      const publishedFrom = sensorIds.length;
      const consumedFrom = consumer.consumed() - base;
      const deadline = performance.now() + seconds * 1000;
      while (performance.now() < deadline && sensorIds.length < load.maxMessages) {
        const room = Math.min(load.window - inFlight(), load.maxMessages - sensorIds.length);
        if (room <= 0) {
          await consumer.changed(Math.max(1, deadline - performance.now()));
          continue;
        }
        for (let i = 0; i < room; i += 1) publishOne();
        // Lets the socket take the burst and the acknowledgements come back.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { fromMs, toMs: Date.now(), publishedFrom, publishedTo: sensorIds.length, consumedFrom, consumedTo: consumer.consumed() - base };
    },
    close: () => client.endAsync(),
  };
}

/** Waits (at most `timeoutMs`) until the consumer has handled `count` more than `base`. */
export async function drained(consumer: Consumer, base: number, count: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (consumer.consumed() - base < count) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    await consumer.changed(left);
  }
  return true;
}
