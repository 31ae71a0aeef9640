/*
 * The SQLite repository's statements, with named parameters (`@name`) that match the column
 * objects of recordMapping.ts. Only these fixed strings reach the database: values are bound.
 */

const OBSERVATION_COLUMNS = 'sensor_id, time_ms, values_json, quality, source, received_at_ms';
const OBSERVATION_VALUES = '@sensor_id, @time_ms, @values_json, @quality, @source, @received_at_ms';
const ROLLUP_COLUMNS = 'sensor_id, quantity, bucket_start_ms, bucket_ms, count, min, max, mean';

/** An alarm's or incident's audit entries, in the order they were written, as one JSON array. */
const auditOf = (column: 'alarm_seq' | 'incident_seq', table: string) =>
  `(SELECT json_group_array(json(u.entry) ORDER BY u.id) FROM audit u WHERE u.${column} = ${table}.seq) AS audit`;

const ALARM_SELECT = `SELECT seq, version, doc, ${auditOf('alarm_seq', 'alarms')} FROM alarms`;
const INCIDENT_SELECT = `SELECT seq, version, doc, ${auditOf('incident_seq', 'incidents')} FROM incidents`;

export const SQLITE = {
  upsertSensor: 'INSERT INTO sensors (id, doc) VALUES (@id, @doc) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
  listSensors: 'SELECT id, doc FROM sensors ORDER BY id',

  insertObservation: `INSERT INTO observations (${OBSERVATION_COLUMNS}) VALUES (${OBSERVATION_VALUES}) ON CONFLICT DO NOTHING`,
  // Replaces the current value only with a strictly newer one: any arrival order ends the same.
  upsertLatest: `
    INSERT INTO sensor_latest (${OBSERVATION_COLUMNS}) VALUES (${OBSERVATION_VALUES})
    ON CONFLICT (sensor_id) DO UPDATE SET
      time_ms = excluded.time_ms, values_json = excluded.values_json, quality = excluded.quality,
      source = excluded.source, received_at_ms = excluded.received_at_ms
    WHERE excluded.time_ms > sensor_latest.time_ms`,
  latestAll: `SELECT ${OBSERVATION_COLUMNS} FROM sensor_latest ORDER BY sensor_id`,
  latestOf: `SELECT ${OBSERVATION_COLUMNS} FROM sensor_latest WHERE sensor_id IN (SELECT value FROM json_each(@ids)) ORDER BY sensor_id`,
  // The most recent `limit` rows of the range, handed back oldest first.
  history: `
    SELECT * FROM (
      SELECT ${OBSERVATION_COLUMNS} FROM observations
      WHERE sensor_id = @sensorId AND time_ms BETWEEN @fromMs AND @toMs
      ORDER BY time_ms DESC LIMIT @limit
    ) ORDER BY time_ms`,
  // Buckets overlapping the range; the lower bound on the start keeps it an index range.
  historyRollups: `
    SELECT * FROM (
      SELECT ${ROLLUP_COLUMNS} FROM observation_rollups
      WHERE sensor_id = @sensorId AND bucket_start_ms > @fromMs - @maxBucketMs AND bucket_start_ms <= @toMs
        AND bucket_start_ms + bucket_ms > @fromMs
      ORDER BY bucket_start_ms DESC, bucket_ms DESC, quantity DESC LIMIT @limit
    ) ORDER BY bucket_start_ms, bucket_ms, quantity`,

  /*
   * Downsampling: the raw rows older than the cut-off, except each sensor's current value, are
   * aggregated per bucket and quantity and merged into the buckets already there (counts add,
   * means weigh by count), then deleted, in one transaction. CROSS JOIN keeps sensor_latest the
   * outer loop (SQLite does not reorder it), so each sensor's rows are a primary-key range rather
   * than a scan of the whole table.
   */
  rollUp: `
    INSERT INTO observation_rollups (${ROLLUP_COLUMNS})
    SELECT o.sensor_id, v.key, o.time_ms - ((o.time_ms % @bucketMs) + @bucketMs) % @bucketMs AS bucket_start,
           @bucketMs, count(*), min(v.value), max(v.value), avg(v.value)
    FROM sensor_latest l CROSS JOIN observations o CROSS JOIN json_each(o.values_json) v
    WHERE o.sensor_id = l.sensor_id AND o.time_ms < @beforeMs AND o.time_ms <> l.time_ms AND v.type IN ('integer', 'real')
    GROUP BY o.sensor_id, v.key, bucket_start
    ON CONFLICT (sensor_id, bucket_start_ms, bucket_ms, quantity) DO UPDATE SET
      mean = (observation_rollups.mean * observation_rollups.count + excluded.mean * excluded.count) / (observation_rollups.count + excluded.count),
      count = observation_rollups.count + excluded.count,
      min = min(observation_rollups.min, excluded.min),
      max = max(observation_rollups.max, excluded.max)`,
  deleteRolledUp: `
    DELETE FROM observations WHERE (sensor_id, time_ms) IN (
      SELECT o.sensor_id, o.time_ms FROM sensor_latest l CROSS JOIN observations o
      WHERE o.sensor_id = l.sensor_id AND o.time_ms < @beforeMs AND o.time_ms <> l.time_ms
    )`,

  insertAlarm: `
    INSERT INTO alarms (version, sensor_id, quantity, state, raised_at_ms, acknowledged_at_ms, doc)
    VALUES (1, @sensor_id, @quantity, @state, @raised_at_ms, @acknowledged_at_ms, @doc) RETURNING seq`,
  updateAlarm: `
    UPDATE alarms SET version = version + 1, sensor_id = @sensor_id, quantity = @quantity, state = @state,
      raised_at_ms = @raised_at_ms, acknowledged_at_ms = @acknowledged_at_ms, doc = @doc
    WHERE seq = @seq AND version = @expectedVersion`,
  insertAlarmAudit: 'INSERT INTO audit (alarm_seq, entry) VALUES (@seq, @entry)',
  selectAlarm: `${ALARM_SELECT} WHERE seq = @seq`,
  activeAlarm: `${ALARM_SELECT} WHERE sensor_id = @sensorId AND quantity = @quantity AND state <> 'cleared'`,
  listAlarms: (open: boolean, bySensor: boolean) => {
    const conditions = [open ? "(state <> 'cleared' OR acknowledged_at_ms IS NULL)" : '', bySensor ? 'sensor_id = @sensorId' : ''].filter(Boolean);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return `${ALARM_SELECT} ${where} ORDER BY raised_at_ms DESC, seq DESC LIMIT @limit`;
  },

  insertIncident: `
    INSERT INTO incidents (version, state, created_at_ms, updated_at_ms, doc)
    VALUES (1, @state, @created_at_ms, @updated_at_ms, @doc) RETURNING seq`,
  updateIncident: `
    UPDATE incidents SET version = version + 1, state = @state, updated_at_ms = @updated_at_ms, doc = @doc
    WHERE seq = @seq AND version = @expectedVersion`,
  insertIncidentAudit: 'INSERT INTO audit (incident_seq, entry) VALUES (@seq, @entry)',
  selectIncident: `${INCIDENT_SELECT} WHERE seq = @seq`,
  listIncidents: `${INCIDENT_SELECT} ORDER BY seq DESC LIMIT @limit`,
  listIncidentsIn: `${INCIDENT_SELECT} WHERE state IN (SELECT value FROM json_each(@states)) ORDER BY seq DESC LIMIT @limit`,

  insertChange: 'INSERT INTO live_changes (stream, record_id, changed_at_ms, doc) VALUES (@stream, @recordId, @changedAtMs, @doc)',
  changesSince: 'SELECT seq, record_id, doc FROM live_changes WHERE stream = @stream AND seq > @afterSeq ORDER BY seq LIMIT @limit',
  latestChangeSeq: 'SELECT COALESCE(MAX(seq), 0) AS seq FROM live_changes WHERE stream = @stream',
  /** The last change to prune of a stream: written before the cutoff time, and not the stream's newest. */
  pruneThrough: `
    SELECT MAX(seq) AS seq FROM live_changes
    WHERE stream = @stream
      AND seq <= (SELECT MAX(seq) FROM live_changes WHERE changed_at_ms < @beforeMs)
      AND seq < (SELECT MAX(seq) FROM live_changes WHERE stream = @stream)`,
  deleteChanges: 'DELETE FROM live_changes WHERE stream = @stream AND seq <= @through',
  markPruned: `
    INSERT INTO live_changes_pruned (stream, through_seq) VALUES (@stream, @through)
    ON CONFLICT (stream) DO UPDATE SET through_seq = MAX(through_seq, excluded.through_seq)`,
  prunedThrough: 'SELECT COALESCE(MAX(through_seq), 0) AS seq FROM live_changes_pruned WHERE stream = @stream',

  migrationsTable: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)',
  appliedMigrations: 'SELECT version FROM schema_migrations ORDER BY version',
  recordMigration: 'INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (@version, @name, @appliedAtMs)',
} as const;
