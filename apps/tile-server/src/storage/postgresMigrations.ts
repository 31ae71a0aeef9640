import type { Migration } from './migration.js';

/**
 * The PostgreSQL schema, one step per version; a released step is never edited, a change is a
 * new step. Times are epoch milliseconds (bigint), JSON is jsonb.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'live data: sensors, observations, rollups, alarms, incidents, audit',
    sql: `
      CREATE TABLE sensors (
        id text PRIMARY KEY,
        doc jsonb NOT NULL
      );

      -- One row per sensor and time: the first arrival wins, a redelivery changes nothing.
      CREATE TABLE observations (
        sensor_id text NOT NULL,
        time_ms bigint NOT NULL,
        values_json jsonb NOT NULL,
        quality text NOT NULL,
        source text NOT NULL,
        received_at_ms bigint NOT NULL,
        PRIMARY KEY (sensor_id, time_ms)
      );

      -- The current value of each sensor, replaced only by a strictly newer observation.
      CREATE TABLE sensor_latest (
        sensor_id text PRIMARY KEY,
        time_ms bigint NOT NULL,
        values_json jsonb NOT NULL,
        quality text NOT NULL,
        source text NOT NULL,
        received_at_ms bigint NOT NULL
      );

      CREATE TABLE observation_rollups (
        sensor_id text NOT NULL,
        bucket_start_ms bigint NOT NULL,
        bucket_ms bigint NOT NULL CHECK (bucket_ms > 0),
        quantity text NOT NULL,
        count bigint NOT NULL CHECK (count > 0),
        min double precision NOT NULL,
        max double precision NOT NULL,
        mean double precision NOT NULL,
        PRIMARY KEY (sensor_id, bucket_start_ms, bucket_ms, quantity)
      );

      -- Identity columns draw from sequences: ids are unique across nodes and never reused.
      CREATE TABLE alarms (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        version integer NOT NULL CHECK (version > 0),
        sensor_id text NOT NULL,
        quantity text NOT NULL,
        state text NOT NULL CHECK (state IN ('raised', 'acknowledged', 'cleared')),
        raised_at_ms bigint NOT NULL,
        acknowledged_at_ms bigint,
        doc jsonb NOT NULL
      );
      -- At most one uncleared alarm per sensor quantity, whichever node raises it.
      CREATE UNIQUE INDEX alarms_one_active ON alarms (sensor_id, quantity) WHERE state <> 'cleared';
      CREATE INDEX alarms_newest ON alarms (raised_at_ms DESC, seq DESC);
      CREATE INDEX alarms_open_newest ON alarms (raised_at_ms DESC, seq DESC) WHERE state <> 'cleared' OR acknowledged_at_ms IS NULL;
      CREATE INDEX alarms_by_sensor ON alarms (sensor_id, raised_at_ms DESC, seq DESC);

      CREATE TABLE incidents (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        version integer NOT NULL CHECK (version > 0),
        state text NOT NULL,
        created_at_ms bigint NOT NULL,
        updated_at_ms bigint NOT NULL,
        doc jsonb NOT NULL
      );
      CREATE INDEX incidents_by_state ON incidents (state, seq DESC);

      -- Append-only: each entry belongs to exactly one alarm or incident, in insertion order.
      CREATE TABLE audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        alarm_seq bigint REFERENCES alarms (seq),
        incident_seq bigint REFERENCES incidents (seq),
        entry jsonb NOT NULL,
        CHECK ((alarm_seq IS NULL) <> (incident_seq IS NULL))
      );
      CREATE INDEX audit_by_alarm ON audit (alarm_seq, id) WHERE alarm_seq IS NOT NULL;
      CREATE INDEX audit_by_incident ON audit (incident_seq, id) WHERE incident_seq IS NOT NULL;
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit entries are append-only';
        END
      $$;
      CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
    `,
  },
  {
    version: 2,
    name: 'live change log: every alarm and incident write, in order, for the hub',
    sql: `
      -- Written in the same transaction as the alarm or incident it records, under an advisory
      -- transaction lock, so sequence numbers are taken in commit order across every node.
      CREATE TABLE live_changes (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream text NOT NULL CHECK (stream IN ('alarms', 'incidents')),
        record_id text NOT NULL,
        changed_at_ms bigint NOT NULL,
        doc jsonb NOT NULL
      );
      CREATE INDEX live_changes_by_stream ON live_changes (stream, seq);
      -- How far each stream has been pruned: a resume from before it needs a snapshot.
      CREATE TABLE live_changes_pruned (
        stream text PRIMARY KEY,
        through_seq bigint NOT NULL
      );
    `,
  },
];
