import Database from 'better-sqlite3';
import { RELIABLE_STREAMS } from '@pengcheng/protocol';
import type { Alarm, AuditEntry, Incident, ObservationRollup, ReliableStream, Sensor, StoredObservation } from '@pengcheng/protocol';
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
import { SQLITE_MIGRATIONS } from './sqliteMigrations.js';
import { SQLITE } from './sqliteStatements.js';
import { DuplicateActiveAlarmError } from './storageErrors.js';

export interface SqliteRepositoryOptions {
  /** The database file (created on first open), e.g. `<DATA_DIR>/live.sqlite`. */
  readonly file: string;
  /** The clock that stamps incidents' `createdAtMs` and `updatedAtMs`. */
  readonly now?: () => number;
  /** How long a write waits for another process holding the file's write lock. */
  readonly busyTimeoutMs?: number;
}

const MISSING = { ok: false, reason: 'missing' } as const;
const STALE = { ok: false, reason: 'stale' } as const;

/**
 * The embedded live store: one SQLite file in WAL mode with `synchronous = FULL`, so a write
 * transaction is on disk when its call returns. better-sqlite3 is synchronous: each method does
 * its work, commits, and only then resolves its promise (no write-behind buffer). Writes take the
 * write lock up front (`BEGIN IMMEDIATE`) so a second process on the same file waits rather than
 * failing halfway through.
 */
class SqliteRepository implements LiveRepository {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** Statements are prepared on first use: before `migrate` their tables may not exist. */
  #statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #write<T>(work: () => T): T {
    return this.#db.transaction(work).immediate();
  }

  /** Appends a record to the change log; call inside the transaction that wrote it. */
  #logChange<S extends ReliableStream>(stream: S, record: Alarm | Incident): void {
    this.#statement(SQLITE.insertChange).run({ stream, recordId: record.id, changedAtMs: this.#now(), doc: JSON.stringify(record) });
  }

  /** The one uncleared alarm per sensor quantity is a unique index: its violation is the domain error. */
  #runAlarmWrite<T>(doc: AlarmDoc, write: () => T): T {
    try {
      return write();
    } catch (error) {
      const clash = error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('alarms.sensor_id');
      throw clash ? new DuplicateActiveAlarmError(doc.sensorId, doc.quantity) : error;
    }
  }

  async migrate(): Promise<void> {
    this.#write(() => {
      this.#db.exec(SQLITE.migrationsTable);
      const applied = (this.#statement(SQLITE.appliedMigrations).all() as { version: number }[]).map((row) => row.version);
      for (const migration of pendingMigrations(SQLITE_MIGRATIONS, applied)) {
        this.#db.exec(migration.sql);
        this.#statement(SQLITE.recordMigration).run({ version: migration.version, name: migration.name, appliedAtMs: this.#now() });
      }
    });
  }

  async ping(): Promise<boolean> {
    try {
      return this.#db.prepare('SELECT 1 AS one').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  async upsertSensors(sensors: readonly Sensor[]): Promise<void> {
    const rows = sensors.map(sensorColumns);
    this.#write(() => {
      for (const row of rows) this.#statement(SQLITE.upsertSensor).run(row);
    });
  }

  async listSensors(): Promise<Sensor[]> {
    return (this.#statement(SQLITE.listSensors).all() as SensorRow[]).map(sensorFromRow);
  }

  async insertObservations(observations: readonly StoredObservation[]): Promise<ObservationOutcome[]> {
    const rows = observations.map(observationColumns);
    if (rows.length === 0) return [];
    const insert = this.#statement(SQLITE.insertObservation);
    const latest = this.#statement(SQLITE.upsertLatest);
    return this.#write(() =>
      rows.map((row): ObservationOutcome => {
        if (insert.run(row).changes === 0) return 'duplicate';
        return latest.run(row).changes > 0 ? 'stored' : 'history';
      }),
    );
  }

  async latestObservations(sensorIds?: readonly string[]): Promise<StoredObservation[]> {
    if (sensorIds?.length === 0) return [];
    const rows = sensorIds
      ? this.#statement(SQLITE.latestOf).all({ ids: JSON.stringify(sensorIds) })
      : this.#statement(SQLITE.latestAll).all();
    return (rows as ObservationRow[]).map((row) => observationFromRow(row, 'sensor_latest'));
  }

  async observationHistory(query: HistoryQuery): Promise<{ observations: StoredObservation[]; rollups: ObservationRollup[] }> {
    assertLimit(query.limit);
    assertTimeRange(query.fromMs, query.toMs);
    const params = { sensorId: query.sensorId, fromMs: query.fromMs, toMs: query.toMs, limit: query.limit };
    const observations = (this.#statement(SQLITE.history).all(params) as ObservationRow[]).map((row) => observationFromRow(row));
    const rollups = (this.#statement(SQLITE.historyRollups).all({ ...params, maxBucketMs: MAX_BUCKET_MS }) as RollupRow[]).map(rollupFromRow);
    return { observations, rollups };
  }

  async downsampleObservations(beforeMs: number, bucketMs: number): Promise<number> {
    assertDownsample(beforeMs, bucketMs);
    return this.#write(() => {
      this.#statement(SQLITE.rollUp).run({ beforeMs, bucketMs });
      return this.#statement(SQLITE.deleteRolledUp).run({ beforeMs }).changes;
    });
  }

  async createAlarm(alarm: NewAlarm, audit: AuditEntry): Promise<Alarm> {
    const doc = alarmDoc(alarm);
    const entry = auditEntry(audit);
    return this.#write(() => {
      const { seq } = this.#runAlarmWrite(doc, () => this.#statement(SQLITE.insertAlarm).get(alarmColumns(doc)) as { seq: number });
      this.#statement(SQLITE.insertAlarmAudit).run({ seq, entry: JSON.stringify(entry) });
      const record = alarmRecord(seq, 1, doc, [entry]);
      this.#logChange('alarms', record);
      return record;
    });
  }

  async updateAlarm(id: string, expectedVersion: number, next: (current: Alarm) => NewAlarm, audit: AuditEntry): Promise<VersionedWrite<Alarm>> {
    const seq = parseRecordId(ALARM_ID_PREFIX, id);
    if (seq === undefined) return MISSING;
    const entry = auditEntry(audit);
    return this.#write((): VersionedWrite<Alarm> => {
      const row = this.#statement(SQLITE.selectAlarm).get({ seq }) as VersionedRow | undefined;
      if (!row) return MISSING;
      const current = alarmFromRow(row);
      if (current.version !== expectedVersion) return STALE;
      const doc = alarmDoc(next(current));
      const { changes } = this.#runAlarmWrite(doc, () => this.#statement(SQLITE.updateAlarm).run({ ...alarmColumns(doc), seq, expectedVersion }));
      if (changes === 0) return STALE;
      this.#statement(SQLITE.insertAlarmAudit).run({ seq, entry: JSON.stringify(entry) });
      const record = alarmRecord(seq, expectedVersion + 1, doc, [...current.audit, entry]);
      this.#logChange('alarms', record);
      return { ok: true, value: record };
    });
  }

  async getAlarm(id: string): Promise<Alarm | undefined> {
    const seq = parseRecordId(ALARM_ID_PREFIX, id);
    if (seq === undefined) return undefined;
    const row = this.#statement(SQLITE.selectAlarm).get({ seq }) as VersionedRow | undefined;
    return row && alarmFromRow(row);
  }

  async listAlarms(query: AlarmQuery): Promise<Alarm[]> {
    assertLimit(query.limit);
    const bySensor = query.sensorId !== undefined;
    const params = bySensor ? { limit: query.limit, sensorId: query.sensorId } : { limit: query.limit };
    return (this.#statement(SQLITE.listAlarms(query.open === true, bySensor)).all(params) as VersionedRow[]).map(alarmFromRow);
  }

  async activeAlarm(sensorId: string, quantity: string): Promise<Alarm | undefined> {
    const row = this.#statement(SQLITE.activeAlarm).get({ sensorId, quantity }) as VersionedRow | undefined;
    return row && alarmFromRow(row);
  }

  async createIncident(incident: NewIncident, audit: AuditEntry): Promise<Incident> {
    const now = this.#now();
    const doc = incidentDoc(incident, now, now);
    const entry = auditEntry(audit);
    return this.#write(() => {
      const { seq } = this.#statement(SQLITE.insertIncident).get(incidentColumns(doc)) as { seq: number };
      this.#statement(SQLITE.insertIncidentAudit).run({ seq, entry: JSON.stringify(entry) });
      const record = incidentRecord(seq, 1, doc, [entry]);
      this.#logChange('incidents', record);
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
    return this.#write((): VersionedWrite<Incident> => {
      const row = this.#statement(SQLITE.selectIncident).get({ seq }) as VersionedRow | undefined;
      if (!row) return MISSING;
      const current = incidentFromRow(row);
      if (current.version !== expectedVersion) return STALE;
      const doc = incidentDoc(next(current), current.createdAtMs, this.#now());
      const { changes } = this.#statement(SQLITE.updateIncident).run({ ...incidentColumns(doc), seq, expectedVersion });
      if (changes === 0) return STALE;
      this.#statement(SQLITE.insertIncidentAudit).run({ seq, entry: JSON.stringify(entry) });
      const record = incidentRecord(seq, expectedVersion + 1, doc, [...current.audit, entry]);
      this.#logChange('incidents', record);
      return { ok: true, value: record };
    });
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const seq = parseRecordId(INCIDENT_ID_PREFIX, id);
    if (seq === undefined) return undefined;
    const row = this.#statement(SQLITE.selectIncident).get({ seq }) as VersionedRow | undefined;
    return row && incidentFromRow(row);
  }

  async listIncidents(query: IncidentQuery): Promise<Incident[]> {
    assertLimit(query.limit);
    const rows = query.states
      ? this.#statement(SQLITE.listIncidentsIn).all({ states: JSON.stringify(query.states), limit: query.limit })
      : this.#statement(SQLITE.listIncidents).all({ limit: query.limit });
    return (rows as VersionedRow[]).map(incidentFromRow);
  }

  async changesSince<S extends ReliableStream>(stream: S, afterSeq: number, limit: number): Promise<LiveChange<S>[]> {
    assertLimit(limit);
    const rows = this.#statement(SQLITE.changesSince).all({ stream, afterSeq, limit }) as ChangeRow[];
    return rows.map((row) => (stream === 'alarms' ? alarmChangeFromRow(row) : incidentChangeFromRow(row)) as LiveChange<S>);
  }

  async latestChangeSeq(stream: ReliableStream): Promise<number> {
    return (this.#statement(SQLITE.latestChangeSeq).get({ stream }) as { seq: number }).seq;
  }

  async pruneChanges(beforeMs: number): Promise<number> {
    return this.#write(() => {
      let deleted = 0;
      for (const stream of RELIABLE_STREAMS) {
        const { seq: through } = this.#statement(SQLITE.pruneThrough).get({ stream, beforeMs }) as { seq: number | null };
        if (through === null) continue;
        deleted += this.#statement(SQLITE.deleteChanges).run({ stream, through }).changes;
        this.#statement(SQLITE.markPruned).run({ stream, through });
      }
      return deleted;
    });
  }

  async changesPrunedThrough(stream: ReliableStream): Promise<number> {
    return (this.#statement(SQLITE.prunedThrough).get({ stream }) as { seq: number }).seq;
  }
}

/**
 * Opens (creating if needed) the SQLite live store. Call `migrate()` before anything else.
 * Throws when the file's folder cannot take a WAL journal (some network file systems).
 */
export function openSqliteRepository(options: SqliteRepositoryOptions): LiveRepository {
  const db = new Database(options.file, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite cannot use WAL mode for ${options.file} (journal mode stays ${String(mode)})`);
    // FULL: the WAL is synced at every commit, so a committed write survives power loss, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteRepository(db, options.now ?? Date.now);
}
