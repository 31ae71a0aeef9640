import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs one statement on a short-lived connection (the admin database, or another). */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops it, closing whatever is still connected; harmless when already dropped. */
  drop(): Promise<void>;
}

/** A fresh, empty database on the server of `adminUrl`, named `<prefix>_<random>`. */
export async function createBenchDatabase(adminUrl: string, prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Client backends of other databases than `name`: other people's work, not the run's. */
export function foreignBackends(adminUrl: string, name: string): () => Promise<ReadonlySet<number>> {
  return () =>
    withClient(adminUrl, async (client) => {
      const { rows } = await client.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND datname IS DISTINCT FROM $1",
        [name],
      );
      return new Set(rows.map((row) => row.pid));
    });
}

/** `PostgreSQL 15.20 (fsync on, synchronous_commit on, wal_sync_method fdatasync)`. */
export async function postgresVersion(adminUrl: string): Promise<string> {
  return withClient(adminUrl, async (client) => {
    const setting = async (name: string) => (await client.query<{ setting: string }>('SELECT setting FROM pg_settings WHERE name = $1', [name])).rows[0]?.setting ?? '?';
    const version = (await client.query<{ v: string }>("SELECT split_part(version(), ' ', 2) AS v")).rows[0]?.v ?? '?';
    return `PostgreSQL ${version} (fsync ${await setting('fsync')}, synchronous_commit ${await setting('synchronous_commit')}, wal_sync_method ${await setting('wal_sync_method')})`;
  });
}
