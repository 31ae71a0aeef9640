import type { Alarm, AuditEntry, Incident, ObservationRollup, ReliableStream, Sensor, StoredObservation } from '@pengcheng/protocol';
import { RELIABLE_STREAMS } from '@pengcheng/protocol';
import pg from 'pg';
import type { Logger } from 'pino';
import type {
  AlarmQuery,
  HistoryQuery,
  IncidentQuery,
  LiveChange,
  LiveRepository,
  NewAlarm,
  NewIncident,
  ObservationOutcome,
  VersionedWrite,
} from './liveRepository.js';
import { pendingMigrations } from './migration.js';
import { firstArrivals, settleBatch } from './observationBatch.js';
import { POSTGRES_MIGRATIONS } from './postgresMigrations.js';
import { CHANGE_LOG_LOCK_KEY, MIGRATION_LOCK_KEY, POSTGRES } from './postgresStatements.js';
import {
  alarmChangeFromRow,
  alarmColumns,
  alarmDoc,
  alarmFromRow,
  alarmRecord,
  auditEntry,
  incidentChangeFromRow,
  incidentColumns,
  incidentDoc,
  incidentFromRow,
  incidentRecord,
  observationColumns,
  observationFromRow,
  rollupFromRow,
  sensorColumns,
  sensorFromRow,
  type AlarmDoc,
  type ChangeRow,
  type ObservationRow,
  type RollupRow,
  type SensorRow,
  type VersionedRow,
} from './recordMapping.js';
import { ALARM_ID_PREFIX, INCIDENT_ID_PREFIX, parseRecordId } from './recordIds.js';
import { MAX_BUCKET_MS, assertDownsample, assertLimit, assertTimeRange } from './repositoryArguments.js';
import { DuplicateActiveAlarmError } from './storageErrors.js';

export interface PostgresRepositoryOptions {
  /** `postgres://user@host:5432/db` (DATABASE_URL). */
  readonly connectionString: string;
  /** Connections this node keeps at most (DATABASE_POOL_SIZE). */
  readonly poolSize: number;
  readonly logger: Logger;
  /** The clock that stamps incidents' `createdAtMs` and `updatedAtMs`. */
  readonly now?: () => number;
  /** How long a query waits for a connection before failing (an unreachable database). */
  readonly connectTimeoutMs?: number;
}

const MISSING = { ok: false, reason: 'missing' } as const;
const STALE = { ok: false, reason: 'stale' } as const;
const UNIQUE_VIOLATION = '23505';
const INT8_OID = 20;

/*
 * bigint columns (times in ms, sequence numbers, counts) as numbers: they stay far below 2^53,
 * and the shared row mapping expects numbers from both backends.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (text: string) => Number(text) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Column arrays for the `unnest` of a batch, in the statements' column order. */
function observationArrays(rows: readonly ObservationRow[]): unknown[] {
  return [
    rows.map((r) => r.sensor_id),
    rows.map((r) => r.time_ms),
    rows.map((r) => r.values_json),
    rows.map((r) => r.quality),
    rows.map((r) => r.source),
    rows.map((r) => r.received_at_ms),
  ];
}

function alarmParams(doc: AlarmDoc): unknown[] {
  const c = alarmColumns(doc);
  return [c.sensor_id, c.quantity, c.state, c.raised_at_ms, c.acknowledged_at_ms, c.doc];
}

/** The one uncleared alarm per sensor quantity is a unique index: its violation is the domain error. */
function translateAlarmError(error: unknown, doc: AlarmDoc): unknown {
  const clash = error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION && error.constraint === 'alarms_one_active';
  return clash ? new DuplicateActiveAlarmError(doc.sensorId, doc.quantity) : error;
}

/**
 * The live store on PostgreSQL, for several server nodes sharing one database. Each write is one
 * transaction and resolves after its COMMIT. Ids come from identity sequences, the uncleared
 * alarm per sensor quantity is a unique index, and incident/alarm updates are conditional on the
 * version read (`UPDATE … WHERE version = $n`), so concurrent nodes cannot overwrite each other.
 */
class PostgresRepository implements LiveRepository {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;
  readonly #now: () => number;
  #closed = false;

  constructor(pool: pg.Pool, now: () => number) {
    this.#pool = pool;
    this.#now = now;
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped rather than handed to the next caller.
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Appends a record to the change log, last in its transaction: the lock, held until COMMIT,
   * makes nodes take sequence numbers one transaction at a time, so a reader that has seen a
   * change has seen every change before it.
   */
  async #logChange(client: pg.PoolClient, stream: ReliableStream, record: Alarm | Incident): Promise<void> {
    await client.query(POSTGRES.lockChangeLog, [CHANGE_LOG_LOCK_KEY]);
    await client.query(POSTGRES.insertChange, [stream, record.id, this.#now(), JSON.stringify(record)]);
  }

  async #rows<R>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.#pool.query(text, values)).rows as R[];
  }

  /** Under a session advisory lock, so nodes starting together apply each step exactly once. */
  async migrate(): Promise<void> {
    const client = await this.#pool.connect();
    let failed = true;
    try {
      await client.query(POSTGRES.lockMigrations, [MIGRATION_LOCK_KEY]);
      await client.query(POSTGRES.migrationsTable);
      const applied = (await client.query<{ version: number }>(POSTGRES.appliedMigrations)).rows.map((row) => row.version);
      for (const migration of pendingMigrations(POSTGRES_MIGRATIONS, applied)) {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query(POSTGRES.recordMigration, [migration.version, migration.name, this.#now()]);
        await client.query('COMMIT');
      }
      await client.query(POSTGRES.unlockMigrations, [MIGRATION_LOCK_KEY]);
      failed = false;
    } finally {
      // On failure the connection is closed: that rolls back and releases the lock.
      client.release(failed);
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.#pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async upsertSensors(sensors: readonly Sensor[]): Promise<void> {
    // One row per id (the last given wins): an upsert may not touch a row twice.
    const rows = [...new Map(sensors.map(sensorColumns).map((row) => [row.id, row])).values()];
    if (rows.length === 0) return;
    await this.#pool.query(POSTGRES.upsertSensors, [rows.map((r) => r.id), rows.map((r) => r.doc)]);
  }

  async listSensors(): Promise<Sensor[]> {
    return (await this.#rows<SensorRow>(POSTGRES.listSensors)).map(sensorFromRow);
  }

  async insertObservations(observations: readonly StoredObservation[]): Promise<ObservationOutcome[]> {
    const rows = observations.map(observationColumns);
    if (rows.length === 0) return [];
    const sensorIds = [...new Set(rows.map((row) => row.sensor_id))];
    return this.#transaction(async (client) => {
      await client.query(POSTGRES.lockSensors, [sensorIds]);
      const inserted = (await client.query<{ sensor_id: string; time_ms: number }>(POSTGRES.insertObservations, observationArrays(firstArrivals(rows)))).rows;
      const before = inserted.length === 0 ? [] : (await client.query<{ sensor_id: string; time_ms: number }>(POSTGRES.latestTimes, [sensorIds])).rows;
      const { outcomes, newLatest } = settleBatch(rows, inserted, new Map(before.map((row) => [row.sensor_id, row.time_ms])));
      if (newLatest.length > 0) await client.query(POSTGRES.upsertLatest, observationArrays(newLatest));
      return outcomes;
    });
  }

  async latestObservations(sensorIds?: readonly string[]): Promise<StoredObservation[]> {
    if (sensorIds?.length === 0) return [];
    const rows = sensorIds ? await this.#rows<ObservationRow>(POSTGRES.latestOf, [sensorIds]) : await this.#rows<ObservationRow>(POSTGRES.latestAll);
    return rows.map((row) => observationFromRow(row, 'sensor_latest'));
  }

  async observationHistory(query: HistoryQuery): Promise<{ observations: StoredObservation[]; rollups: ObservationRollup[] }> {
    assertLimit(query.limit);
    assertTimeRange(query.fromMs, query.toMs);
    const params = [query.sensorId, query.fromMs, query.toMs, query.limit];
    const [observations, rollups] = await Promise.all([
      this.#rows<ObservationRow>(POSTGRES.history, params),
      this.#rows<RollupRow>(POSTGRES.historyRollups, [...params, MAX_BUCKET_MS]),
    ]);
    return { observations: observations.map((row) => observationFromRow(row)), rollups: rollups.map(rollupFromRow) };
  }

  async downsampleObservations(beforeMs: number, bucketMs: number): Promise<number> {
    assertDownsample(beforeMs, bucketMs);
    const [row] = await this.#rows<{ deleted: number }>(POSTGRES.downsample, [beforeMs, bucketMs]);
    return row?.deleted ?? 0;
  }

  async createAlarm(alarm: NewAlarm, audit: AuditEntry): Promise<Alarm> {
    const doc = alarmDoc(alarm);
    const entry = auditEntry(audit);
    try {
      return await this.#transaction(async (client) => {
        const [row] = (await client.query<{ seq: number }>(POSTGRES.insertAlarm, alarmParams(doc))).rows;
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        await client.query(POSTGRES.insertAlarmAudit, [row.seq, JSON.stringify(entry)]);
        const record = alarmRecord(row.seq, 1, doc, [entry]);
        await this.#logChange(client, 'alarms', record);
        return record;
      });
    } catch (error) {
      throw translateAlarmError(error, doc);
    }
  }

  async updateAlarm(id: string, expectedVersion: number, next: (current: Alarm) => NewAlarm, audit: AuditEntry): Promise<VersionedWrite<Alarm>> {
    const seq = parseRecordId(ALARM_ID_PREFIX, id);
    if (seq === undefined) return MISSING;
    const entry = auditEntry(audit);
    return this.#transaction(async (client): Promise<VersionedWrite<Alarm>> => {
      const [row] = (await client.query<VersionedRow>(POSTGRES.selectAlarm, [seq])).rows;
      if (!row) return MISSING;
      const current = alarmFromRow(row);
      if (current.version !== expectedVersion) return STALE;
      const doc = alarmDoc(next(current));
      // A writer that read the same version first holds the row: this waits, then matches nothing.
      const updated = await client.query(POSTGRES.updateAlarm, [seq, expectedVersion, ...alarmParams(doc)]).catch((error: unknown) => {
        throw translateAlarmError(error, doc);
      });
      if (updated.rowCount !== 1) return STALE;
      await client.query(POSTGRES.insertAlarmAudit, [seq, JSON.stringify(entry)]);
      const record = alarmRecord(seq, expectedVersion + 1, doc, [...current.audit, entry]);
      await this.#logChange(client, 'alarms', record);
      return { ok: true, value: record };
    });
  }

  async getAlarm(id: string): Promise<Alarm | undefined> {
    const seq = parseRecordId(ALARM_ID_PREFIX, id);
    if (seq === undefined) return undefined;
    const [row] = await this.#rows<VersionedRow>(POSTGRES.selectAlarm, [seq]);
    return row && alarmFromRow(row);
  }

  async listAlarms(query: AlarmQuery): Promise<Alarm[]> {
    assertLimit(query.limit);
    const bySensor = query.sensorId !== undefined;
    const params = bySensor ? [query.limit, query.sensorId] : [query.limit];
    return (await this.#rows<VersionedRow>(POSTGRES.listAlarms(query.open === true, bySensor), params)).map(alarmFromRow);
  }

  async activeAlarm(sensorId: string, quantity: string): Promise<Alarm | undefined> {
    const [row] = await this.#rows<VersionedRow>(POSTGRES.activeAlarm, [sensorId, quantity]);
    return row && alarmFromRow(row);
  }

  async createIncident(incident: NewIncident, audit: AuditEntry): Promise<Incident> {
    const now = this.#now();
    const doc = incidentDoc(incident, now, now);
    const entry = auditEntry(audit);
    const c = incidentColumns(doc);
    return this.#transaction(async (client) => {
      const [row] = (await client.query<{ seq: number }>(POSTGRES.insertIncident, [c.state, c.created_at_ms, c.updated_at_ms, c.doc])).rows;
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      await client.query(POSTGRES.insertIncidentAudit, [row.seq, JSON.stringify(entry)]);
      const record = incidentRecord(row.seq, 1, doc, [entry]);
      await this.#logChange(client, 'incidents', record);
      return record;
    });
  }

  async updateIncident(
    id: string,
    expectedVersion: number,
    next: (current: Incident) => NewIncident,
    audit: AuditEntry,
  ): Promise<VersionedWrite<Incident>> {
    const seq = parseRecordId(INCIDENT_ID_PREFIX, id);
    if (seq === undefined) return MISSING;
    const entry = auditEntry(audit);
    return this.#transaction(async (client): Promise<VersionedWrite<Incident>> => {
      const [row] = (await client.query<VersionedRow>(POSTGRES.selectIncident, [seq])).rows;
      if (!row) return MISSING;
      const current = incidentFromRow(row);
      if (current.version !== expectedVersion) return STALE;
      const doc = incidentDoc(next(current), current.createdAtMs, this.#now());
      const c = incidentColumns(doc);
      // A writer that read the same version first holds the row: this waits, then matches nothing.
      const updated = await client.query(POSTGRES.updateIncident, [seq, expectedVersion, c.state, c.updated_at_ms, c.doc]);
      if (updated.rowCount !== 1) return STALE;
      await client.query(POSTGRES.insertIncidentAudit, [seq, JSON.stringify(entry)]);
      const record = incidentRecord(seq, expectedVersion + 1, doc, [...current.audit, entry]);
      await this.#logChange(client, 'incidents', record);
      return { ok: true, value: record };
    });
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const seq = parseRecordId(INCIDENT_ID_PREFIX, id);
    if (seq === undefined) return undefined;
    const [row] = await this.#rows<VersionedRow>(POSTGRES.selectIncident, [seq]);
    return row && incidentFromRow(row);
  }

  async listIncidents(query: IncidentQuery): Promise<Incident[]> {
    assertLimit(query.limit);
    const rows = query.states
      ? await this.#rows<VersionedRow>(POSTGRES.listIncidentsIn, [query.limit, query.states])
      : await this.#rows<VersionedRow>(POSTGRES.listIncidents, [query.limit]);
    return rows.map(incidentFromRow);
  }

  async changesSince<S extends ReliableStream>(stream: S, afterSeq: number, limit: number): Promise<LiveChange<S>[]> {
    assertLimit(limit);
    const rows = await this.#rows<ChangeRow>(POSTGRES.changesSince, [stream, afterSeq, limit]);
    return rows.map((row) => (stream === 'alarms' ? alarmChangeFromRow(row) : incidentChangeFromRow(row)) as LiveChange<S>);
  }

  async latestChangeSeq(stream: ReliableStream): Promise<number> {
    const [row] = await this.#rows<{ seq: number }>(POSTGRES.latestChangeSeq, [stream]);
    return row?.seq ?? 0;
  }

  async pruneChanges(beforeMs: number): Promise<number> {
    let deleted = 0;
    for (const stream of RELIABLE_STREAMS) {
      const [row] = await this.#rows<{ deleted: number }>(POSTGRES.pruneChanges, [stream, beforeMs]);
      deleted += row?.deleted ?? 0;
    }
    return deleted;
  }

  async changesPrunedThrough(stream: ReliableStream): Promise<number> {
    const [row] = await this.#rows<{ seq: number }>(POSTGRES.prunedThrough, [stream]);
    return row?.seq ?? 0;
  }
}

/**
 * A PostgreSQL live store on a connection pool. Connects lazily; call `migrate()` before
 * anything else.
 */
export function openPostgresRepository(options: PostgresRepositoryOptions): LiveRepository {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types,
  });
  // An idle connection the server drops must not take the process down; the next query reconnects.
  pool.on('error', (error) => options.logger.warn({ err: error }, 'an idle PostgreSQL connection failed'));
  return new PostgresRepository(pool, options.now ?? Date.now);
}
