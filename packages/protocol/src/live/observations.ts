import { z } from 'zod';
import { AssetId } from '../district/common.js';
import { QuantityName, Unit } from './sensors.js';

/** ISO 8601 date-time with a zone (`Z` or `+08:00`): a time without one is ambiguous. */
export const Timestamp = z.iso.datetime({ offset: true, message: 'time must be ISO 8601 with a zone, like 2026-12-01T08:00:00+08:00' });

/** `good`: as measured; `suspect`: plausible but doubtful (drift, a gateway flag); `bad`: a known fault. */
export const ObservationQuality = z.enum(['good', 'suspect', 'bad']);
export type ObservationQuality = z.infer<typeof ObservationQuality>;

export const ObservedValue = z.object({
  quantity: QuantityName,
  value: z.number().finite(),
  unit: Unit,
});
export type ObservedValue = z.infer<typeof ObservedValue>;

/** One reading of one sensor at one time, in our own format. */
export const Observation = z.object({
  sensorId: AssetId,
  time: Timestamp,
  values: z.array(ObservedValue).min(1).max(32),
  quality: ObservationQuality.default('good'),
});
export type Observation = z.infer<typeof Observation>;

/** `POST /api/v1/observations` in our own format. */
export const ObservationBatch = z.object({
  observations: z.array(z.unknown()).min(1).max(5000),
});

/**
 * An observation as stored and served: time in epoch milliseconds, values by quantity in the
 * quantity's own unit.
 */
export const StoredObservation = z.object({
  sensorId: AssetId,
  timeMs: z.number().int(),
  values: z.record(QuantityName, z.number().finite()),
  quality: ObservationQuality,
  /** The data source (an INGEST_API_KEYS name, `mqtt`, `simulator`). */
  source: z.string().min(1).max(64),
  receivedAtMs: z.number().int(),
});
export type StoredObservation = z.infer<typeof StoredObservation>;

/** Aggregates of one sensor's quantity over a bucket, kept once raw history has expired. */
export const ObservationRollup = z.object({
  sensorId: AssetId,
  quantity: QuantityName,
  bucketStartMs: z.number().int(),
  bucketMs: z.number().int().positive(),
  count: z.number().int().positive(),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
});
export type ObservationRollup = z.infer<typeof ObservationRollup>;

/** `GET /api/v1/sensors/{id}/observations?from&to`. */
export const ObservationHistoryResponse = z.object({
  sensorId: AssetId,
  observations: z.array(StoredObservation),
  rollups: z.array(ObservationRollup),
});
export type ObservationHistoryResponse = z.infer<typeof ObservationHistoryResponse>;

/** `GET /api/v1/observations/latest`: each sensor's current value. */
export const LatestObservationsResponse = z.object({ observations: z.array(StoredObservation) });
export type LatestObservationsResponse = z.infer<typeof LatestObservationsResponse>;
