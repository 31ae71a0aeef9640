import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeLiveRepository, type StoreUnderTest } from './contract/liveRepositoryContract.js';
import { openSqliteRepository } from './sqliteRepository.js';

let work: string;
let stores = 0;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'live-sqlite-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function storeAt(file: string): StoreUnderTest {
  return {
    open: (now) => openSqliteRepository({ file, now }),
    query: async (sql) => {
      const db = new Database(file);
      try {
        const statement = db.prepare(sql);
        return statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
      } finally {
        db.close();
      }
    },
  };
}

describeLiveRepository('SQLite', {
  fresh: async () => storeAt(path.join(work, `live-${(stores += 1)}.sqlite`)),
  propertyRuns: 100,
});

describe('the SQLite file', () => {
  it('is created on first open, in WAL mode', async () => {
    const file = path.join(work, 'created.sqlite');
    const repository = openSqliteRepository({ file });
    await repository.migrate();
    await repository.close();
    const db = new Database(file, { fileMustExist: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});
