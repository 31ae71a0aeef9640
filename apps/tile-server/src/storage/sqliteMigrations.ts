import type { Migration } from './migration.js';

/**
 * The SQLite schema, one step per version; a released step is never edited, a change is a new
 * step. Times are epoch milliseconds, JSON is stored as text.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'live data: sensors, observations, rollups, alarms, incidents, audit',
    sql: `
      CREATE TABLE sensors (
        id TEXT PRIMARY KEY,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) WITHOUT ROWID;

      -- One row per sensor and time: the first arrival wins, a redelivery changes nothing.
      CREATE TABLE observations (
        sensor_id TEXT NOT NULL,
        time_ms INTEGER NOT NULL,
        values_json TEXT NOT NULL,
        quality TEXT NOT NULL,
        source TEXT NOT NULL,
        received_at_ms INTEGER NOT NULL,
        PRIMARY KEY (sensor_id, time_ms)
      ) WITHOUT ROWID;

      -- The current value of each sensor, replaced only by a strictly newer observation.
      CREATE TABLE sensor_latest (
        sensor_id TEXT PRIMARY KEY,
        time_ms INTEGER NOT NULL,
        values_json TEXT NOT NULL,
        quality TEXT NOT NULL,
        source TEXT NOT NULL,
        received_at_ms INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE observation_rollups (
        sensor_id TEXT NOT NULL,
        bucket_start_ms INTEGER NOT NULL,
        bucket_ms INTEGER NOT NULL CHECK (bucket_ms > 0),
        quantity TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count > 0),
        min REAL NOT NULL,
        max REAL NOT NULL,
        mean REAL NOT NULL,
        PRIMARY KEY (sensor_id, bucket_start_ms, bucket_ms, quantity)
      ) WITHOUT ROWID;

      -- AUTOINCREMENT: a sequence number (and so an id) is never reused.
      CREATE TABLE alarms (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        version INTEGER NOT NULL CHECK (version > 0),
        sensor_id TEXT NOT NULL,
        quantity TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('raised', 'acknowledged', 'cleared')),
        raised_at_ms INTEGER NOT NULL,
        acknowledged_at_ms INTEGER,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      );
      -- At most one uncleared alarm per sensor quantity, whoever raises it.
      CREATE UNIQUE INDEX alarms_one_active ON alarms (sensor_id, quantity) WHERE state <> 'cleared';
      CREATE INDEX alarms_newest ON alarms (raised_at_ms DESC, seq DESC);
      CREATE INDEX alarms_open_newest ON alarms (raised_at_ms DESC, seq DESC) WHERE state <> 'cleared' OR acknowledged_at_ms IS NULL;
      CREATE INDEX alarms_by_sensor ON alarms (sensor_id, raised_at_ms DESC, seq DESC);

      CREATE TABLE incidents (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        version INTEGER NOT NULL CHECK (version > 0),
        state TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      );
      CREATE INDEX incidents_by_state ON incidents (state, seq DESC);

      -- Append-only: each entry belongs to exactly one alarm or incident, in insertion order.
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        alarm_seq INTEGER REFERENCES alarms (seq),
        incident_seq INTEGER REFERENCES incidents (seq),
        entry TEXT NOT NULL CHECK (json_valid(entry)),
        CHECK ((alarm_seq IS NULL) <> (incident_seq IS NULL))
      );
      CREATE INDEX audit_by_alarm ON audit (alarm_seq, id) WHERE alarm_seq IS NOT NULL;
      CREATE INDEX audit_by_incident ON audit (incident_seq, id) WHERE incident_seq IS NOT NULL;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'live change log: every alarm and incident write, in order, for the hub',
    sql: `
      -- Written in the same transaction as the alarm or incident it records; AUTOINCREMENT so
      -- a sequence number is never reused, and SQLite's single writer keeps them in commit order.
      CREATE TABLE live_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        stream TEXT NOT NULL CHECK (stream IN ('alarms', 'incidents')),
        record_id TEXT NOT NULL,
        changed_at_ms INTEGER NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      );
      CREATE INDEX live_changes_by_stream ON live_changes (stream, seq);
      -- How far each stream has been pruned: a resume from before it needs a snapshot.
      CREATE TABLE live_changes_pruned (
        stream TEXT PRIMARY KEY,
        through_seq INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
