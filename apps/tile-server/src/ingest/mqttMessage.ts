import type { IngestResponse } from '@pengcheng/protocol';
import { isPengchengBody, parsePengchengObservation, pengchengItems } from './formats/pengcheng.js';
import type { IngestService } from './ingestService.js';
import { rejected, type ParsedItem, type Rejection } from './ingestTypes.js';
import type { ObservationTopics } from './mqttTopics.js';
import { parseSafeJson } from './safeJson.js';

export interface MqttMessageLimits {
  readonly maxPayloadBytes: number;
  readonly maxDepth: number;
  readonly maxItems: number;
}

export type MqttMessageResult = { readonly ok: true; readonly response: IngestResponse } | ({ readonly ok: false } & Rejection);

/** The items of one message: our format, every observation for the sensor its topic names. */
function itemsOf(topic: string, payload: Buffer, topics: ObservationTopics, limits: MqttMessageLimits): ParsedItem[] | Rejection {
  const sensorId = topics.sensorIdOf(topic);
  if (sensorId === undefined) return { reason: 'invalid', message: `The topic ${topic.slice(0, 120)} is not an observation topic.` };
  if (payload.length > limits.maxPayloadBytes) return { reason: 'payload_too_large', message: `A message may be at most ${limits.maxPayloadBytes} bytes.` };
  const json = parseSafeJson(payload, limits.maxDepth);
  if (!json.ok) return json;
  if (!isPengchengBody(json.value)) return { reason: 'unknown_format', message: 'A message is one observation or {"observations": [...]} in our format.' };
  const list = pengchengItems(json.value);
  if (!list || list.length === 0) return { reason: 'invalid', message: '"observations" must be a non-empty list.' };
  if (list.length > limits.maxItems) return { reason: 'payload_too_large', message: `A message may carry at most ${limits.maxItems} observations.` };
  return list.map((item, index) => {
    const parsed = parsePengchengObservation(item, index);
    if (parsed.kind !== 'reading' || parsed.reading.sensorId === sensorId) return parsed;
    return rejected(index, 'invalid', `The topic names sensor ${sensorId} but the observation names another one.`);
  });
}

/** Reads, checks and stores one MQTT message. Throws only when storage fails (then it must not be acknowledged). */
export async function ingestMqttMessage(
  topic: string,
  payload: Buffer,
  deps: { readonly service: IngestService; readonly topics: ObservationTopics; readonly source: string; readonly limits: MqttMessageLimits },
): Promise<MqttMessageResult> {
  const items = itemsOf(topic, payload, deps.topics, deps.limits);
  if (!Array.isArray(items)) return { ok: false, ...items };
  return { ok: true, response: await deps.service.ingest(items, deps.source, 'pengcheng') };
}
