/*
 * The PostgreSQL repository's statements. JSON columns are selected `::text` so both backends
 * hand the shared row mapping the same shapes; batches travel as arrays through `unnest`, one
 * round trip per statement whatever the batch size. Only these fixed strings reach the
 * database: values are bound.
 */

/** Advisory lock keys: the one-key form for migrations, the two-key form (this class, a sensor's hash) for ingest. */
export const MIGRATION_LOCK_KEY = 5_043_474_901;
/** Held from a change's insert to its commit: change sequence numbers are taken in commit order. */
export const CHANGE_LOG_LOCK_KEY = 5_043_474_902;
const SENSOR_LOCK_CLASS = 504_347;

const OBSERVATION_COLUMNS = 'sensor_id, time_ms, values_json, quality, source, received_at_ms';
const OBSERVATION_SELECT = 'sensor_id, time_ms, values_json::text AS values_json, quality, source, received_at_ms';
const OBSERVATION_ARRAYS = 'unnest($1::text[], $2::bigint[], $3::jsonb[], $4::text[], $5::text[], $6::bigint[])';
const ROLLUP_COLUMNS = 'sensor_id, quantity, bucket_start_ms, bucket_ms, count, min, max, mean';

/** An alarm's or incident's audit entries, in the order they were written, as one JSON array. */
const auditOf = (column: 'alarm_seq' | 'incident_seq', table: string) =>
  `COALESCE((SELECT jsonb_agg(u.entry ORDER BY u.id) FROM audit u WHERE u.${column} = ${table}.seq), '[]'::jsonb)::text AS audit`;

const ALARM_SELECT = `SELECT seq, version, doc::text AS doc, ${auditOf('alarm_seq', 'alarms')} FROM alarms`;
const INCIDENT_SELECT = `SELECT seq, version, doc::text AS doc, ${auditOf('incident_seq', 'incidents')} FROM incidents`;

export const POSTGRES = {
  upsertSensors: 'INSERT INTO sensors (id, doc) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
  listSensors: 'SELECT id, doc::text AS doc FROM sensors ORDER BY id',

  /*
   * Batches touching the same sensors take turns (locks taken in one order, so no deadlock):
   * whether a row became the current value is then decided against a current value nobody else
   * is moving.
   */
  lockSensors: `
    SELECT pg_advisory_xact_lock(${SENSOR_LOCK_CLASS}, k)
    FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($1::text[]) AS id ORDER BY k) AS keys`,
  insertObservations: `INSERT INTO observations (${OBSERVATION_COLUMNS}) SELECT * FROM ${OBSERVATION_ARRAYS} ON CONFLICT DO NOTHING RETURNING sensor_id, time_ms`,
  latestTimes: 'SELECT sensor_id, time_ms FROM sensor_latest WHERE sensor_id = ANY($1::text[])',
  // Replaces the current value only with a strictly newer one: any arrival order ends the same.
  upsertLatest: `
    INSERT INTO sensor_latest (${OBSERVATION_COLUMNS}) SELECT * FROM ${OBSERVATION_ARRAYS}
    ON CONFLICT (sensor_id) DO UPDATE SET
      time_ms = excluded.time_ms, values_json = excluded.values_json, quality = excluded.quality,
      source = excluded.source, received_at_ms = excluded.received_at_ms
    WHERE excluded.time_ms > sensor_latest.time_ms`,
  latestAll: `SELECT ${OBSERVATION_SELECT} FROM sensor_latest ORDER BY sensor_id`,
  latestOf: `SELECT ${OBSERVATION_SELECT} FROM sensor_latest WHERE sensor_id = ANY($1::text[]) ORDER BY sensor_id`,
  // The most recent `limit` rows of the range, handed back oldest first.
  history: `
    SELECT * FROM (
      SELECT ${OBSERVATION_SELECT} FROM observations
      WHERE sensor_id = $1 AND time_ms BETWEEN $2 AND $3
      ORDER BY time_ms DESC LIMIT $4
    ) AS recent ORDER BY time_ms`,
  // Buckets overlapping the range; the lower bound on the start keeps it an index range.
  historyRollups: `
    SELECT * FROM (
      SELECT ${ROLLUP_COLUMNS} FROM observation_rollups
      WHERE sensor_id = $1 AND bucket_start_ms > $2::bigint - $5::bigint AND bucket_start_ms <= $3
        AND bucket_start_ms + bucket_ms > $2
      ORDER BY bucket_start_ms DESC, bucket_ms DESC, quantity DESC LIMIT $4
    ) AS recent ORDER BY bucket_start_ms, bucket_ms, quantity`,

  /*
   * Downsampling in one statement: the raw rows older than the cut-off, except each sensor's
   * current value, are deleted and their values merged into the buckets already there (counts
   * add, means weigh by count). A second node running it at the same time waits on the deleted
   * rows and then finds them gone, so nothing is counted twice.
   */
  downsample: `
    WITH gone AS (
      DELETE FROM observations o USING sensor_latest l
      WHERE o.sensor_id = l.sensor_id AND o.time_ms < $1 AND o.time_ms <> l.time_ms
      RETURNING o.sensor_id, o.time_ms, o.values_json
    ), merged AS (
      INSERT INTO observation_rollups (${ROLLUP_COLUMNS})
      SELECT g.sensor_id, v.key, g.time_ms - ((g.time_ms % $2::bigint) + $2::bigint) % $2::bigint AS bucket_start,
             $2::bigint, count(*), min(v.value::double precision), max(v.value::double precision), avg(v.value::double precision)
      FROM gone g CROSS JOIN LATERAL jsonb_each(g.values_json) AS v
      WHERE jsonb_typeof(v.value) = 'number'
      GROUP BY g.sensor_id, v.key, bucket_start
      ON CONFLICT (sensor_id, bucket_start_ms, bucket_ms, quantity) DO UPDATE SET
        mean = (observation_rollups.mean * observation_rollups.count + excluded.mean * excluded.count) / (observation_rollups.count + excluded.count),
        count = observation_rollups.count + excluded.count,
        min = LEAST(observation_rollups.min, excluded.min),
        max = GREATEST(observation_rollups.max, excluded.max)
      RETURNING 1
    )
    SELECT count(*)::integer AS deleted FROM gone`,

  insertAlarm: `
    INSERT INTO alarms (version, sensor_id, quantity, state, raised_at_ms, acknowledged_at_ms, doc)
    VALUES (1, $1, $2, $3, $4, $5, $6::jsonb) RETURNING seq`,
  updateAlarm: `
    UPDATE alarms SET version = version + 1, sensor_id = $3, quantity = $4, state = $5,
      raised_at_ms = $6, acknowledged_at_ms = $7, doc = $8::jsonb
    WHERE seq = $1 AND version = $2`,
  insertAlarmAudit: 'INSERT INTO audit (alarm_seq, entry) VALUES ($1, $2::jsonb)',
  selectAlarm: `${ALARM_SELECT} WHERE seq = $1`,
  activeAlarm: `${ALARM_SELECT} WHERE sensor_id = $1 AND quantity = $2 AND state <> 'cleared'`,
  listAlarms: (open: boolean, bySensor: boolean) => {
    const conditions = [open ? "(state <> 'cleared' OR acknowledged_at_ms IS NULL)" : '', bySensor ? 'sensor_id = $2' : ''].filter(Boolean);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return `${ALARM_SELECT} ${where} ORDER BY raised_at_ms DESC, seq DESC LIMIT $1`;
  },

  insertIncident: `
    INSERT INTO incidents (version, state, created_at_ms, updated_at_ms, doc)
    VALUES (1, $1, $2, $3, $4::jsonb) RETURNING seq`,
  updateIncident: `
    UPDATE incidents SET version = version + 1, state = $3, updated_at_ms = $4, doc = $5::jsonb
    WHERE seq = $1 AND version = $2`,
  insertIncidentAudit: 'INSERT INTO audit (incident_seq, entry) VALUES ($1, $2::jsonb)',
  selectIncident: `${INCIDENT_SELECT} WHERE seq = $1`,
  listIncidents: `${INCIDENT_SELECT} ORDER BY seq DESC LIMIT $1`,
  listIncidentsIn: `${INCIDENT_SELECT} WHERE state = ANY($2::text[]) ORDER BY seq DESC LIMIT $1`,

  lockChangeLog: 'SELECT pg_advisory_xact_lock($1)',
  insertChange: 'INSERT INTO live_changes (stream, record_id, changed_at_ms, doc) VALUES ($1, $2, $3, $4::jsonb)',
  changesSince: 'SELECT seq, record_id, doc::text AS doc FROM live_changes WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3',
  latestChangeSeq: 'SELECT COALESCE(MAX(seq), 0) AS seq FROM live_changes WHERE stream = $1',
  /** Prunes one stream through its last change written before the cutoff time (never its newest), and records how far. */
  pruneChanges: `
    WITH cutoff AS (
      SELECT MAX(seq) AS through FROM live_changes
      WHERE stream = $1
        AND seq <= (SELECT MAX(seq) FROM live_changes WHERE changed_at_ms < $2)
        AND seq < (SELECT MAX(seq) FROM live_changes WHERE stream = $1)
    ), deleted AS (
      DELETE FROM live_changes WHERE stream = $1 AND seq <= (SELECT through FROM cutoff) RETURNING seq
    ), marked AS (
      INSERT INTO live_changes_pruned (stream, through_seq) SELECT $1, through FROM cutoff WHERE through IS NOT NULL
      ON CONFLICT (stream) DO UPDATE SET through_seq = GREATEST(live_changes_pruned.through_seq, excluded.through_seq)
    )
    SELECT count(*) AS deleted FROM deleted`,
  prunedThrough: 'SELECT COALESCE(MAX(through_seq), 0) AS seq FROM live_changes_pruned WHERE stream = $1',

  lockMigrations: 'SELECT pg_advisory_lock($1)',
  unlockMigrations: 'SELECT pg_advisory_unlock($1)',
  migrationsTable: 'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at_ms bigint NOT NULL)',
  appliedMigrations: 'SELECT version FROM schema_migrations ORDER BY version',
  recordMigration: 'INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)',
} as const;
