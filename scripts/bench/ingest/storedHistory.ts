import { ObservationHistoryResponse } from '@pengcheng/protocol';
import { Latencies } from './latencies.js';
import type { Publisher, Span } from './mqttPublisher.js';

export interface StoredMatch {
  /** Published observations found in the server's history (same sensor and time). */
  readonly found: number;
  /** Of the measured part: latency = receivedAtMs (the server's clock when its ingest took the message, before validation and storage) minus the publish time. */
  readonly latencies: Latencies;
}

const PARALLEL = 4;
const LIMIT = 10_000;

/**
 * Reads every published sensor's history back through `GET /api/v1/sensors/:id/observations`
 * (as a planner device) and matches it with what was published.
 */
export async function matchStored(baseUrl: string, token: string, published: Pick<Publisher, 'sensorIds' | 'timesMs'>, measured: Span): Promise<StoredMatch> {
  const bySensor = new Map<string, Map<number, number>>();
  let firstMs = Infinity;
  let lastMs = -Infinity;
  published.sensorIds.forEach((sensorId, i) => {
    const timeMs = published.timesMs[i] as number;
    let times = bySensor.get(sensorId);
    if (!times) bySensor.set(sensorId, (times = new Map()));
    times.set(timeMs, i);
    firstMs = Math.min(firstMs, timeMs);
    lastMs = Math.max(lastMs, timeMs);
  });
  const { publishedFrom, publishedTo } = measured;
  const latencies = new Latencies(published.sensorIds.length);
  let found = 0;
  const query = new URLSearchParams({ from: new Date(firstMs).toISOString(), to: new Date(lastMs + 1).toISOString(), limit: String(LIMIT) });
  const sensors = [...bySensor.keys()];
  const worker = async (): Promise<void> => {
    for (let sensorId = sensors.pop(); sensorId !== undefined; sensorId = sensors.pop()) {
      const res = await fetch(new URL(`/api/v1/sensors/${encodeURIComponent(sensorId)}/observations?${query}`, baseUrl), {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`history of ${sensorId}: ${res.status} ${await res.text()}`);
      const history = ObservationHistoryResponse.parse(await res.json());
      if (history.observations.length === LIMIT) console.error(`history of ${sensorId}: ${LIMIT} observations, the most the API returns: some were not matched`);
      const times = bySensor.get(sensorId);
      for (const observation of history.observations) {
        const index = times?.get(observation.timeMs);
        if (index === undefined) continue;
        found += 1;
        if (index >= publishedFrom && index < publishedTo) latencies.add(observation.receivedAtMs - observation.timeMs);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return { found, latencies };
}
