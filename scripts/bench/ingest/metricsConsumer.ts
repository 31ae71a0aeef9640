import type { Consumer } from './mqttPublisher.js';
import { scrapeMetrics, total } from './serverMetrics.js';

/** The consumer is our server: MQTT messages it has handled (stored or refused, then acknowledged), read from /metrics. */
export interface MetricsConsumer extends Consumer {
  stop(): Promise<void>;
}

/** Polls `/metrics` every `everyMs`, one scrape at a time. */
export function pollMqttHandled(baseUrl: string, everyMs: number): MetricsConsumer {
  let handled = 0;
  const waiting: Array<() => void> = [];
  let stopped = false;
  const wake = () => {
    for (const resolve of waiting.splice(0)) resolve();
  };
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        handled = total(await scrapeMetrics(baseUrl), 'ingest_mqtt_messages_total');
      } catch (error) {
        console.error(`polling /metrics: ${(error as Error).message}`);
      }
      wake();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (performance.now() - started))));
    }
  })();
  return {
    consumed: () => handled,
    changed: (maxWaitMs) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, maxWaitMs);
        waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    async stop() {
      stopped = true;
      await loop;
      wake();
    },
  };
}
