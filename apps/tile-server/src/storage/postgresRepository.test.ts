import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, vi } from 'vitest';
import { describeLiveRepository, type HeldRow, type StoreUnderTest } from './contract/liveRepositoryContract.js';
import { openPostgresRepository } from './postgresRepository.js';
import { INCIDENT_ID_PREFIX, parseRecordId } from './recordIds.js';

const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `pc_test_${randomBytes(6).toString('hex')}`;
const url = new URL(baseUrl);
url.pathname = `/${database}`;
const logger = pino({ level: 'silent' });

let admin: pg.Client;
/** The tests' own connection to the test database, outside any repository. */
let raw: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  raw = new pg.Client({ connectionString: url.href });
  await raw.connect();
});

afterAll(async () => {
  await raw?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin?.end();
});

const store: StoreUnderTest = {
  open: (now) => openPostgresRepository({ connectionString: url.href, poolSize: 4, logger, now }),
  query: async (sql) => (await raw.query<Record<string, unknown>>(sql)).rows.map((row) => normalized(row)),
};

/** Counts come back as bigint text from the raw client. */
function normalized(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value]));
}

async function holdIncidentRow(_store: StoreUnderTest, incidentId: string): Promise<HeldRow> {
  const holder = new pg.Client({ connectionString: url.href });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT 1 FROM incidents WHERE seq = $1 FOR UPDATE', [parseRecordId(INCIDENT_ID_PREFIX, incidentId)]);
  return {
    waitForWaiters: (count) =>
      vi.waitFor(
        async () => {
          const { rows } = await raw.query<{ n: number }>(
            "SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          if ((rows[0]?.n ?? 0) < count) throw new Error(`fewer than ${count} writers waiting`);
        },
        { timeout: 10_000, interval: 20 },
      ),
    release: async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}

describeLiveRepository('PostgreSQL', {
  // A fresh schema per store: repositories of earlier tests are closed by then.
  fresh: async () => {
    await raw.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    return store;
  },
  holdIncidentRow,
  propertyRuns: 40,
});
