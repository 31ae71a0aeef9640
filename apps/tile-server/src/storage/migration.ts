import { SchemaTooNewError } from './storageErrors.js';

/** One schema step: applied once, in version order, and recorded in `schema_migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The migrations still to apply, given the versions the database records. A database that
 * records a version this server does not know was upgraded by a newer server: refuse it rather
 * than write rows that server would misread.
 */
export function pendingMigrations(migrations: readonly Migration[], applied: readonly number[]): Migration[] {
  const known = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...applied);
  if (newest > known) throw new SchemaTooNewError(newest, known);
  const done = new Set(applied);
  return migrations.filter((m) => !done.has(m.version));
}
