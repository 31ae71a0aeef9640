import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Latencies } from './latencies.js';
import type { ReadingStream } from './readings.js';

/** What a raw baseline did: batches written, each one transaction, timed from its start to its commit. */
export interface RawResult {
  readonly seconds: number;
  readonly batches: number;
  readonly rows: number;
  readonly failed: number;
  readonly latencies: Latencies;
}

export interface RawLoad {
  /** Rows per transaction. */
  readonly batch: number;
  readonly seconds: number;
  readonly maxBatches: number;
}

type Row = readonly [sensorId: string, timeMs: number, valuesJson: string, quality: string, source: string, receivedAtMs: number];

function nextRows(readings: ReadingStream, batch: number): Row[] {
  const now = Date.now();
  return Array.from({ length: batch }, () => {
    const { sensor, timeMs } = readings.nextPast();
    return [sensor.id, timeMs, sensor.valuesJson, 'good', 'bench', now] as const;
  });
}

/** The server's own observations table (sqliteMigrations.ts), nothing else. */
const SQLITE_TABLE = `
  CREATE TABLE observations (
    sensor_id TEXT NOT NULL, time_ms INTEGER NOT NULL, values_json TEXT NOT NULL, quality TEXT NOT NULL,
    source TEXT NOT NULL, received_at_ms INTEGER NOT NULL, PRIMARY KEY (sensor_id, time_ms)
  ) WITHOUT ROWID`;

/** How often the synchronous SQLite loop lets the event loop run (signals, timers). */
const YIELD_EVERY_MS = 50;

/**
 * The storage ceiling of the embedded default: rows straight into a fresh SQLite file in `dir`
 * with the server's settings (WAL, synchronous = FULL) and table, one immediate transaction per
 * batch, from this process. SQLite has one writer, so one loop.
 */
export async function rawSqlite(dir: string, readings: ReadingStream, load: RawLoad): Promise<RawResult> {
  const db = new Database(path.join(dir, `raw-${load.batch}.db`));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SQLITE_TABLE);
    const insert = db.prepare('INSERT INTO observations (sensor_id, time_ms, values_json, quality, source, received_at_ms) VALUES (?, ?, ?, ?, ?, ?)');
    const write = db.transaction((rows: readonly Row[]) => {
      for (const row of rows) insert.run(...row);
    });
    const latencies = new Latencies(load.maxBatches);
    let batches = 0;
    let failed = 0;
    const started = performance.now();
    const deadline = started + load.seconds * 1000;
    while (performance.now() < deadline && batches < load.maxBatches) {
      const slice = performance.now() + YIELD_EVERY_MS;
      while (performance.now() < Math.min(slice, deadline) && batches < load.maxBatches) {
        const rows = nextRows(readings, load.batch);
        const t = performance.now();
        try {
          write.immediate(rows);
        } catch {
          failed += 1;
        }
        latencies.add(performance.now() - t);
        batches += 1;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { seconds: (performance.now() - started) / 1000, batches, rows: (batches - failed) * load.batch, failed, latencies };
  } finally {
    db.close();
  }
}

/** The server's own observations table (postgresMigrations.ts), nothing else. */
const POSTGRES_TABLE = `
  CREATE TABLE observations (
    sensor_id text NOT NULL, time_ms bigint NOT NULL, values_json jsonb NOT NULL, quality text NOT NULL,
    source text NOT NULL, received_at_ms bigint NOT NULL, PRIMARY KEY (sensor_id, time_ms)
  )`;

function multiRowInsert(batch: number): string {
  const tuples = Array.from({ length: batch }, (_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}::jsonb, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`);
  return `INSERT INTO observations (sensor_id, time_ms, values_json, quality, source, received_at_ms) VALUES ${tuples.join(', ')}`;
}

export interface RawPostgres {
  /** `connections` loops, each sending one multi-row INSERT (its own transaction) per batch, into a fresh table. */
  run(readings: ReadingStream, load: RawLoad): Promise<RawResult>;
  close(): Promise<void>;
}

/**
 * The storage ceiling with PostgreSQL: a table like the server's in the database at `url`, written
 * over `connections` connections. They stay open between runs, so that their backends are still
 * there to be counted when a run's CPU is read.
 */
export async function openRawPostgres(url: string, connections: number): Promise<RawPostgres> {
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 }));
  const close = () => Promise.all(clients.map((client) => client.end().catch(() => undefined))).then(() => undefined);
  try {
    await Promise.all(clients.map((client) => client.connect()));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    async run(readings, load) {
      await clients[0]?.query(`DROP TABLE IF EXISTS observations; ${POSTGRES_TABLE}`);
      const statement = { name: `raw-insert-${load.batch}`, text: multiRowInsert(load.batch) };
      const latencies = new Latencies(load.maxBatches);
      let batches = 0;
      let failed = 0;
      const started = performance.now();
      const deadline = started + load.seconds * 1000;
      await Promise.all(
        clients.map(async (client) => {
          while (performance.now() < deadline && batches < load.maxBatches) {
            batches += 1;
            const values = nextRows(readings, load.batch).flat();
            const t = performance.now();
            await client.query({ ...statement, values }).catch(() => (failed += 1));
            latencies.add(performance.now() - t);
          }
        }),
      );
      return { seconds: (performance.now() - started) / 1000, batches, rows: (batches - failed) * load.batch, failed, latencies };
    },
    close,
  };
}
