import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { LiveRepository } from './liveRepository.js';
import { openPostgresRepository } from './postgresRepository.js';
import { openSqliteRepository } from './sqliteRepository.js';

/** The embedded store's file inside DATA_DIR. */
export const SQLITE_FILE_NAME = 'live.sqlite';

export interface RepositorySettings {
  /** DATABASE_URL: PostgreSQL when set. */
  readonly databaseUrl?: string | undefined;
  /** DATABASE_POOL_SIZE: connections per node, PostgreSQL only. */
  readonly poolSize: number;
  /** DATA_DIR: where the SQLite file lives when there is no database URL (created if missing). */
  readonly dataDir: string;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** PostgreSQL when given a database URL, else SQLite in the data folder. Not yet migrated. */
export function createRepository(settings: RepositorySettings): LiveRepository {
  const now = settings.now ?? Date.now;
  if (settings.databaseUrl) {
    return openPostgresRepository({ connectionString: settings.databaseUrl, poolSize: settings.poolSize, logger: settings.logger, now });
  }
  mkdirSync(settings.dataDir, { recursive: true });
  return openSqliteRepository({ file: path.join(settings.dataDir, SQLITE_FILE_NAME), now });
}
