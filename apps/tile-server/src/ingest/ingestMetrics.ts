import { INGEST_REJECT_REASONS, type IngestRejectReason } from '@pengcheng/protocol';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { IngestFormat } from './ingestTypes.js';

export type IngestOutcome = 'stored' | 'history' | 'duplicate' | 'incident' | 'rejected';
export type IngestTransport = 'http' | 'mqtt';
/** `stored`: taken and acknowledged; `rejected`: a bad payload, acknowledged and dropped; `failed`: not acknowledged (storage failed), the broker redelivers. */
export type MqttMessageOutcome = 'stored' | 'rejected' | 'failed';

export interface IngestMetrics {
  rejected(reason: IngestRejectReason, count?: number): void;
  items(format: IngestFormat, outcome: IngestOutcome, count: number): void;
  /** Starts the clock of one request or message; the returned function stops it. */
  startTimer(transport: IngestTransport): () => void;
  mqttMessage(outcome: MqttMessageOutcome): void;
  mqttConnected(connected: boolean): void;
  /** The `onStored` hook (alarms) failed after the observations were stored. */
  hookFailed(): void;
}

/** The ingest's series on the app's registry; every reject reason starts at 0 so dashboards see it. */
export function createIngestMetrics(registry: Registry): IngestMetrics {
  const rejected = new Counter({
    name: 'ingest_rejected_total',
    help: 'Requests, messages and items refused by ingest, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  for (const reason of INGEST_REJECT_REASONS) rejected.inc({ reason }, 0);
  const items = new Counter({
    name: 'ingest_observations_total',
    help: 'Ingested items by format and outcome (stored, history, duplicate, incident, rejected)',
    labelNames: ['format', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'ingest_duration_seconds',
    help: 'Time from a request or message arriving to its answer or acknowledgement, storage included',
    labelNames: ['transport'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const mqttMessages = new Counter({
    name: 'ingest_mqtt_messages_total',
    help: 'MQTT messages received, by outcome (stored, rejected, failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const connected = new Gauge({ name: 'ingest_mqtt_connected', help: '1 while the MQTT subscriber is connected to the broker', registers: [registry] });
  const hookFailures = new Counter({
    name: 'ingest_hook_failures_total',
    help: 'Batches stored whose after-store hook (threshold evaluation) failed',
    registers: [registry],
  });

  return {
    rejected: (reason, count = 1) => rejected.inc({ reason }, count),
    items: (format, outcome, count) => {
      if (count > 0) items.inc({ format, outcome }, count);
    },
    startTimer: (transport) => latency.startTimer({ transport }),
    mqttMessage: (outcome) => mqttMessages.inc({ outcome }),
    mqttConnected: (value) => connected.set(value ? 1 : 0),
    hookFailed: () => hookFailures.inc(),
  };
}
