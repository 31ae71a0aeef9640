import { z } from 'zod';
import { AssetId } from '../district/common.js';
import { QuantityName } from './sensors.js';

export const AlarmLevel = z.enum(['warning', 'alarm']);
export type AlarmLevel = z.infer<typeof AlarmLevel>;

/**
 * `raised`: breaching and not yet seen by an operator; `acknowledged`: seen, still breaching or
 * not; `cleared`: the value is back past the threshold by its hysteresis. A cleared alarm that was
 * never acknowledged keeps `acknowledgedAtMs` unset, so the list can still ask for it.
 */
export const AlarmState = z.enum(['raised', 'acknowledged', 'cleared']);
export type AlarmState = z.infer<typeof AlarmState>;

export const AuditEntry = z.object({
  atMs: z.number().int(),
  /** A user name, a device name, `system` for thresholds and dispatch, or the data source. */
  actor: z.string().min(1).max(64),
  action: z.string().min(1).max(32),
  from: z.string().max(32).optional(),
  to: z.string().max(32).optional(),
  note: z.string().max(2000).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A threshold breach of one sensor quantity; one alarm lives from the breach to its clearing. */
export const Alarm = z.object({
  id: AssetId,
  sensorId: AssetId,
  quantity: QuantityName,
  level: AlarmLevel,
  state: AlarmState,
  /** The threshold that was crossed, and the worst value seen while it lasted. */
  threshold: z.number(),
  peakValue: z.number(),
  lastValue: z.number(),
  raisedAtMs: z.number().int(),
  acknowledgedAtMs: z.number().int().optional(),
  acknowledgedBy: z.string().optional(),
  clearedAtMs: z.number().int().optional(),
  /** The incident this alarm opened, when its sensor watches a lifeline asset. */
  incidentId: AssetId.optional(),
  version: z.number().int().positive(),
  audit: z.array(AuditEntry),
});
export type Alarm = z.infer<typeof Alarm>;

export const AlarmListResponse = z.object({ alarms: z.array(Alarm) });
export type AlarmListResponse = z.infer<typeof AlarmListResponse>;

/** `POST /api/v1/alarms/{id}/acknowledge`. */
export const AcknowledgeAlarmRequest = z.object({ note: z.string().max(2000).optional() });
export type AcknowledgeAlarmRequest = z.infer<typeof AcknowledgeAlarmRequest>;
