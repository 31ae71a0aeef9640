import { Alarm, AuditEntry, Incident, ObservationRollup, Sensor, StoredObservation } from '@pengcheng/protocol';
import type { z } from 'zod';
import type { LiveChange, NewAlarm, NewIncident } from './liveRepository.js';
import { ALARM_ID_PREFIX, INCIDENT_ID_PREFIX, formatRecordId } from './recordIds.js';
import { CorruptRecordError } from './storageErrors.js';

/*
 * Rows as both backends hand them over: JSON columns as text (PostgreSQL selects them `::text`),
 * numbers as numbers. Every record is checked against its protocol schema on the way out.
 */

export interface SensorRow {
  readonly id: string;
  readonly doc: string;
}

export interface ObservationRow {
  readonly sensor_id: string;
  readonly time_ms: number;
  readonly values_json: string;
  readonly quality: string;
  readonly source: string;
  readonly received_at_ms: number;
}

export interface RollupRow {
  readonly sensor_id: string;
  readonly quantity: string;
  readonly bucket_start_ms: number;
  readonly bucket_ms: number;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/** An alarm or incident: its sequence number, version, document and audit entries (a JSON array, in order). */
export interface VersionedRow {
  readonly seq: number;
  readonly version: number;
  readonly doc: string;
  readonly audit: string;
}

/** What an alarm stores besides its id, version and audit trail (those have columns and a table). */
const AlarmDoc = Alarm.omit({ id: true, version: true, audit: true });
export type AlarmDoc = z.infer<typeof AlarmDoc>;
const IncidentDoc = Incident.omit({ id: true, version: true, audit: true });
export type IncidentDoc = z.infer<typeof IncidentDoc>;

function parseJson(text: string, table: string, key: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CorruptRecordError(table, key, 'not JSON');
  }
}

function checked<T>(schema: z.ZodType<T>, value: unknown, table: string, key: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new CorruptRecordError(table, key, issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid');
}

function parseObject(text: string, table: string, key: string): Record<string, unknown> {
  const value = parseJson(text, table, key);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CorruptRecordError(table, key, 'not a JSON object');
  return value as Record<string, unknown>;
}

export function sensorFromRow(row: SensorRow): Sensor {
  return checked(Sensor, parseJson(row.doc, 'sensors', row.id), 'sensors', row.id);
}

export function observationFromRow(row: ObservationRow, table = 'observations'): StoredObservation {
  const key = `${row.sensor_id}@${row.time_ms}`;
  const candidate = {
    sensorId: row.sensor_id,
    timeMs: row.time_ms,
    values: parseJson(row.values_json, table, key),
    quality: row.quality,
    source: row.source,
    receivedAtMs: row.received_at_ms,
  };
  return checked(StoredObservation, candidate, table, key);
}

export function rollupFromRow(row: RollupRow): ObservationRollup {
  const candidate = {
    sensorId: row.sensor_id,
    quantity: row.quantity,
    bucketStartMs: row.bucket_start_ms,
    bucketMs: row.bucket_ms,
    count: row.count,
    min: row.min,
    max: row.max,
    mean: row.mean,
  };
  return checked(ObservationRollup, candidate, 'observation_rollups', `${row.sensor_id}/${row.quantity}@${row.bucket_start_ms}`);
}

export function alarmFromRow(row: VersionedRow): Alarm {
  const id = formatRecordId(ALARM_ID_PREFIX, row.seq);
  const candidate = { ...parseObject(row.doc, 'alarms', id), id, version: row.version, audit: parseJson(row.audit, 'audit', id) };
  return checked(Alarm, candidate, 'alarms', id);
}

export function incidentFromRow(row: VersionedRow): Incident {
  const id = formatRecordId(INCIDENT_ID_PREFIX, row.seq);
  const candidate = { ...parseObject(row.doc, 'incidents', id), id, version: row.version, audit: parseJson(row.audit, 'audit', id) };
  return checked(Incident, candidate, 'incidents', id);
}

export interface ChangeRow {
  readonly seq: number;
  readonly record_id: string;
  /** The record as written, JSON text. */
  readonly doc: string;
}

export function alarmChangeFromRow(row: ChangeRow): LiveChange<'alarms'> {
  return { seq: row.seq, record: checked(Alarm, parseJson(row.doc, 'live_changes', row.record_id), 'live_changes', row.record_id) };
}

export function incidentChangeFromRow(row: ChangeRow): LiveChange<'incidents'> {
  return { seq: row.seq, record: checked(Incident, parseJson(row.doc, 'live_changes', row.record_id), 'live_changes', row.record_id) };
}

/*
 * Writing: what a caller hands in is checked (and stripped of what the repository assigns)
 * before it is stored, so nothing is written that would not read back.
 */

/** Columns of an observation row, in the order of both backends' INSERT statements. */
export function observationColumns(observation: StoredObservation): ObservationRow {
  const o = StoredObservation.parse(observation);
  return {
    sensor_id: o.sensorId,
    time_ms: o.timeMs,
    values_json: JSON.stringify(o.values),
    quality: o.quality,
    source: o.source,
    received_at_ms: o.receivedAtMs,
  };
}

export function sensorColumns(sensor: Sensor): SensorRow {
  const s = Sensor.parse(sensor);
  return { id: s.id, doc: JSON.stringify(s) };
}

export function alarmDoc(alarm: NewAlarm): AlarmDoc {
  return AlarmDoc.parse(alarm);
}

/** An incident's document with the times the repository assigns (`next` cannot move `createdAtMs`). */
export function incidentDoc(incident: NewIncident, createdAtMs: number, updatedAtMs: number): IncidentDoc {
  return IncidentDoc.parse({ ...incident, createdAtMs, updatedAtMs });
}

export function auditEntry(entry: AuditEntry): AuditEntry {
  return AuditEntry.parse(entry);
}

/** The indexed columns of an alarm, besides its document. */
export function alarmColumns(doc: AlarmDoc): { sensor_id: string; quantity: string; state: string; raised_at_ms: number; acknowledged_at_ms: number | null; doc: string } {
  return {
    sensor_id: doc.sensorId,
    quantity: doc.quantity,
    state: doc.state,
    raised_at_ms: doc.raisedAtMs,
    acknowledged_at_ms: doc.acknowledgedAtMs ?? null,
    doc: JSON.stringify(doc),
  };
}

export function incidentColumns(doc: IncidentDoc): { state: string; created_at_ms: number; updated_at_ms: number; doc: string } {
  return { state: doc.state, created_at_ms: doc.createdAtMs, updated_at_ms: doc.updatedAtMs, doc: JSON.stringify(doc) };
}

export function alarmRecord(seq: number, version: number, doc: AlarmDoc, audit: readonly AuditEntry[]): Alarm {
  return { ...doc, id: formatRecordId(ALARM_ID_PREFIX, seq), version, audit: [...audit] };
}

export function incidentRecord(seq: number, version: number, doc: IncidentDoc, audit: readonly AuditEntry[]): Incident {
  return { ...doc, id: formatRecordId(INCIDENT_ID_PREFIX, seq), version, audit: [...audit] };
}
