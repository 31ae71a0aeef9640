import type { Alarm, AuditEntry, Incident, ObservationRollup, ReliableStream, Sensor, StoredObservation } from '@pengcheng/protocol';

/**
 * What storing one observation did. `stored`: new and now the sensor's current value;
 * `history`: new but not newer than the current value; `duplicate`: the same sensor and time
 * were already stored (the first one wins), nothing changed.
 */
export type ObservationOutcome = 'stored' | 'history' | 'duplicate';

export interface HistoryQuery {
  readonly sensorId: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** Most recent first beyond this many raw observations are dropped. */
  readonly limit: number;
}

export interface AlarmQuery {
  /** Only alarms not cleared, or not acknowledged. */
  readonly open?: boolean;
  readonly sensorId?: string;
  readonly limit: number;
}

export interface IncidentQuery {
  readonly states?: readonly Incident['state'][];
  readonly limit: number;
}

/** A new incident without what the repository assigns (id, version, times). */
export type NewIncident = Omit<Incident, 'id' | 'version' | 'createdAtMs' | 'updatedAtMs' | 'audit'>;
export type NewAlarm = Omit<Alarm, 'id' | 'version' | 'audit'>;

/**
 * The result of a conditional write: `stale` when the stored version is not the one the writer
 * read (somebody else wrote first), `missing` when there is no such record.
 */
export type VersionedWrite<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: 'stale' | 'missing' };

/** What a reliable stream's change carries: the record as that write left it. */
export interface LiveChangeRecord {
  readonly alarms: Alarm;
  readonly incidents: Incident;
}

/**
 * One entry of the change log: every alarm and incident write appends one, in the same
 * transaction. `seq` is shared by both streams and by every node; it grows in commit order but
 * may skip numbers (a rolled-back write), so a stream's changes are chained by position, not +1.
 */
export interface LiveChange<S extends ReliableStream> {
  readonly seq: number;
  readonly record: LiveChangeRecord[S];
}

/**
 * The live data's storage: one interface, an embedded SQLite implementation and a PostgreSQL
 * one, both run through the same test suite. Every write that resolves is durable: it survives a
 * kill -9 of the process the moment the promise resolves.
 */
export interface LiveRepository {
  readonly kind: 'sqlite' | 'postgres';

  /** Creates or upgrades the schema; safe to run on every start and from several nodes at once. */
  migrate(): Promise<void>;
  /** Answers whether the database is reachable (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;

  upsertSensors(sensors: readonly Sensor[]): Promise<void>;
  listSensors(): Promise<Sensor[]>;

  /**
   * Stores a batch in one transaction and says what happened to each, in order. Within a batch
   * and across batches, any order of arrival ends with the same current values.
   */
  insertObservations(observations: readonly StoredObservation[]): Promise<ObservationOutcome[]>;
  /** The current value of each sensor (of the given ones, or all). */
  latestObservations(sensorIds?: readonly string[]): Promise<StoredObservation[]>;
  /** Raw observations in [fromMs, toMs], oldest first, and the rollups of the same range. */
  observationHistory(query: HistoryQuery): Promise<{ observations: StoredObservation[]; rollups: ObservationRollup[] }>;
  /**
   * Rolls raw observations older than `beforeMs` into buckets of `bucketMs` (min, max, mean,
   * count per quantity) and deletes them; current values are kept. Returns how many raw rows went.
   */
  downsampleObservations(beforeMs: number, bucketMs: number): Promise<number>;

  createAlarm(alarm: NewAlarm, audit: AuditEntry): Promise<Alarm>;
  /** Writes `next` if the stored alarm still has `expectedVersion`, appending `audit`. */
  updateAlarm(id: string, expectedVersion: number, next: (current: Alarm) => NewAlarm, audit: AuditEntry): Promise<VersionedWrite<Alarm>>;
  getAlarm(id: string): Promise<Alarm | undefined>;
  /** Newest first. */
  listAlarms(query: AlarmQuery): Promise<Alarm[]>;
  /** The alarm of a sensor quantity that is not cleared yet, if any (there is at most one). */
  activeAlarm(sensorId: string, quantity: string): Promise<Alarm | undefined>;

  createIncident(incident: NewIncident, audit: AuditEntry): Promise<Incident>;
  updateIncident(id: string, expectedVersion: number, next: (current: Incident) => NewIncident, audit: AuditEntry): Promise<VersionedWrite<Incident>>;
  getIncident(id: string): Promise<Incident | undefined>;
  /** Newest first. */
  listIncidents(query: IncidentQuery): Promise<Incident[]>;

  /** The stream's changes with `seq > afterSeq`, oldest first, at most `limit`. */
  changesSince<S extends ReliableStream>(stream: S, afterSeq: number, limit: number): Promise<LiveChange<S>[]>;
  /** The stream's last change's `seq`, or 0 before its first. */
  latestChangeSeq(stream: ReliableStream): Promise<number>;
  /**
   * Deletes the changes written before `beforeMs` (a prefix of the log, by `seq`), always keeping
   * each stream's newest; returns how many went.
   */
  pruneChanges(beforeMs: number): Promise<number>;
  /** The highest `seq` pruned from the stream, or 0: a client behind it cannot be told what it missed. */
  changesPrunedThrough(stream: ReliableStream): Promise<number>;
}
