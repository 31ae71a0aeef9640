import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME, createRepository } from './createRepository.js';

const logger = pino({ level: 'silent' });
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'live-create-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('createRepository', () => {
  it('uses SQLite in the data folder, creating both, when no database URL is given', async () => {
    const dataDir = path.join(work, 'data', 'nested');
    const repository = createRepository({ dataDir, poolSize: 2, logger });
    try {
      expect(repository.kind).toBe('sqlite');
      await repository.migrate();
      expect(existsSync(path.join(dataDir, SQLITE_FILE_NAME))).toBe(true);
    } finally {
      await repository.close();
    }
  });

  it('uses PostgreSQL when given a database URL', async () => {
    const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const repository = createRepository({ databaseUrl, dataDir: path.join(work, 'unused'), poolSize: 2, logger });
    try {
      expect(repository.kind).toBe('postgres');
      expect(await repository.ping()).toBe(true);
      expect(existsSync(path.join(work, 'unused'))).toBe(false);
    } finally {
      await repository.close();
    }
  });
});
