import { z } from 'zod';

/** Why an input was refused; the same names label `ingest_rejected_total` in /metrics. */
export const INGEST_REJECT_REASONS = [
  'unauthorized',
  'unsupported_media_type',
  'payload_too_large',
  'malformed_json',
  'too_deep',
  'forbidden_key',
  'unknown_format',
  'invalid',
  'unknown_sensor',
  'unknown_quantity',
  'wrong_unit',
  'non_finite',
  'out_of_range',
  'coordinates_out_of_range',
  'future_timestamp',
  'bad_timestamp',
] as const;
export const IngestRejectReason = z.enum(INGEST_REJECT_REASONS);
export type IngestRejectReason = z.infer<typeof IngestRejectReason>;

/**
 * The fate of one item of a batch. `stored`: new and now the sensor's current value;
 * `history`: new but older than the current value (kept as history, current unchanged);
 * `duplicate`: already had (same sensor and time), nothing changed; `incident`: an NGSI-LD
 * `Alert` that opened an incident. `message` says what of a taken item was left out (attributes
 * we do not store). One NGSI-LD entity with values observed at different times yields one
 * result per time, all with the entity's index.
 */
export const IngestItemResult = z.discriminatedUnion('status', [
  z.object({ index: z.number().int(), status: z.enum(['stored', 'history', 'duplicate']), sensorId: z.string(), message: z.string().optional() }),
  z.object({ index: z.number().int(), status: z.literal('incident'), incidentId: z.string() }),
  z.object({ index: z.number().int(), status: z.literal('rejected'), reason: IngestRejectReason, message: z.string() }),
]);
export type IngestItemResult = z.infer<typeof IngestItemResult>;

/**
 * `POST /api/v1/observations` answer: 200 when every item was taken, 207 when some were refused
 * (the valid ones are stored, each refused one changes nothing and says why), 422 when none was.
 */
export const IngestResponse = z.object({
  format: z.enum(['pengcheng', 'ngsi-ld', 'sensorthings']),
  stored: z.number().int(),
  history: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  /** Incidents raised by NGSI-LD `Alert` entities in the batch. */
  incidents: z.array(z.string()),
  items: z.array(IngestItemResult),
});
export type IngestResponse = z.infer<typeof IngestResponse>;

/** The MQTT topic a field gateway publishes one sensor's observations to (QoS 1). */
export const MQTT_OBSERVATION_TOPIC = 'pengcheng/v1/sensors/{sensorId}/observations';
export function mqttObservationTopic(sensorId: string): string {
  return MQTT_OBSERVATION_TOPIC.replace('{sensorId}', sensorId);
}
/** The shared subscription the servers use, so several processes split the load. */
export const MQTT_SHARED_SUBSCRIPTION = '$share/pengcheng-ingest/pengcheng/v1/sensors/+/observations';
