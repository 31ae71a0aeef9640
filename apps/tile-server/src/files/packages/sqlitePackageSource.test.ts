import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THIRD_PARTY_TILESETS, writeSqlitePackage, writeThirdPartyTilesets, type ThirdPartyTilesets } from '../../../test-support/thirdPartyTilesets.js';
import type { FileSource, IndexedFile } from '../fileSource.js';
import { openSqlitePackage, type SqlitePackageOptions } from './sqlitePackageSource.js';

let work: string;
let tilesets: ThirdPartyTilesets;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'sqlite-package-'));
  tilesets = await writeThirdPartyTilesets(path.join(work, 'tilesets'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function withPackage<T>(file: string, use: (source: FileSource) => Promise<T>, options?: SqlitePackageOptions): Promise<T> {
  const source = openSqlitePackage(file, options);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

/** A package holding exactly `rows`, written as 3d-tiles-tools does. */
function packageOf(file: string, rows: ReadonlyArray<readonly [string, Buffer | string | null]>): void {
  const db = new Database(file);
  db.exec('CREATE TABLE media (key TEXT PRIMARY KEY, content BLOB)');
  const insert = db.prepare<[string, Buffer | string | null]>('INSERT INTO media VALUES (?, ?)');
  for (const [key, content] of rows) insert.run(key, content);
  db.close();
}

describe('openSqlitePackage', () => {
  describe.each([false, true])('blobs gzip-compressed: %s', (gzip) => {
    it.each(THIRD_PARTY_TILESETS)('%s: serves every file byte for byte with its content type', async (name) => {
      const file = path.join(work, `${name}-${String(gzip)}.3dtiles`);
      await writeSqlitePackage(path.join(work, 'tilesets', name), file, { gzip });
      await withPackage(file, async (source) => {
        expect(source.kind).toBe('3dtiles');
        expect(source.fileCount).toBe(tilesets[name].length);
        for (const { path: relative, contentType } of tilesets[name]) {
          const expected = await readFile(path.join(work, 'tilesets', name, relative));
          const indexed = await source.describe(relative);
          expect(indexed?.contentType, relative).toBe(contentType);
          expect([...(indexed?.representations.keys() ?? [])].sort()).toEqual(gzip ? ['gzip', 'identity'] : ['identity']);
          expect(indexed?.representations.get('identity')?.size).toBe(expected.length);
          expect((await source.read(indexed as IndexedFile, 'identity')).equals(expected), relative).toBe(true);
          if (gzip) {
            const stored = await source.read(indexed as IndexedFile, 'gzip');
            expect(stored.equals(gzipSync(expected))).toBe(true);
            expect(indexed?.representations.get('gzip')?.size).toBe(stored.length);
          }
        }
      });
    });
  });

  it('describes a path from its blob once, then synchronously from a bounded memo', async () => {
    const file = path.join(work, 'memo.3dtiles');
    await writeSqlitePackage(path.join(work, 'tilesets', 'implicit'), file);
    await withPackage(
      file,
      async (source) => {
        const first = source.describe('tileset.json');
        expect(first).toBeInstanceOf(Promise);
        expect(source.describe('tileset.json')).toBe(first);
        const indexed = await first;
        expect(source.describe('tileset.json')).toBe(indexed);
        expect(await source.describe('missing.glb')).toBeUndefined();
        expect(source.describe('missing.glb')).toBeUndefined();
        await source.describe('content/0/0/0.glb');
        await source.describe('content/1/0/0.glb');
        // Two more paths than the memo holds: the least recently used ones are read again.
        expect(source.describe('tileset.json')).toBeInstanceOf(Promise);
        expect(source.describe('content/1/0/0.glb')).not.toBeInstanceOf(Promise);
      },
      { describeCacheSize: 2 },
    );
  });

  it('gives quoted ETags that survive a reopen and differ between contents and representations', async () => {
    const dir = path.join(work, 'tilesets', 'implicit');
    const file = path.join(work, 'etags.3dtiles');
    await writeSqlitePackage(dir, file, { gzip: true });
    const tags = (source: FileSource): Promise<string[]> =>
      Promise.all(
        tilesets.implicit.map(async (f) => {
          const indexed = await source.describe(f.path);
          return `${indexed?.representations.get('identity')?.etag ?? ''} ${indexed?.representations.get('gzip')?.etag ?? ''}`;
        }),
      );
    const first = await withPackage(file, async (source) => ({ version: source.version, tags: await tags(source) }));
    const second = await withPackage(file, async (source) => ({ version: source.version, tags: await tags(source) }));
    expect(second).toEqual(first);
    const all = first.tags.flatMap((pair) => pair.split(' '));
    for (const etag of all) expect(etag).toMatch(/^"[^"]+"$/);
    const contents = await Promise.all(tilesets.implicit.map((f) => readFile(path.join(dir, f.path), 'latin1')));
    expect(new Set(first.tags).size).toBe(new Set(contents).size);
    expect(new Set(all).size).toBe(2 * new Set(contents).size);

    // The same files, one of them changed: its tags and the version change, the others stay.
    const changed = path.join(work, 'changed');
    await writeThirdPartyTilesets(changed);
    const tileset = path.join(changed, 'implicit', 'tileset.json');
    await writeFile(tileset, (await readFile(tileset, 'utf8')).replace('"REPLACE"', '"ADD"    '));
    const changedFile = path.join(work, 'etags-changed.3dtiles');
    await writeSqlitePackage(path.join(changed, 'implicit'), changedFile, { gzip: true });
    const after = await withPackage(changedFile, async (source) => ({ version: source.version, tags: await tags(source) }));
    expect(after.version).not.toBe(first.version);
    tilesets.implicit.forEach((f, i) => {
      if (f.path === 'tileset.json') expect(after.tags[i]).not.toBe(first.tags[i]);
      else expect(after.tags[i]).toBe(first.tags[i]);
    });
  });

  it('changes its version when the package is rewritten in place', async () => {
    const file = path.join(work, 'rewritten.3dtiles');
    packageOf(file, [['tileset.json', Buffer.from('{"a":1}')]]);
    const before = await withPackage(file, (source) => Promise.resolve(source.version));
    const db = new Database(file);
    db.prepare('UPDATE media SET content = ? WHERE key = ?').run(Buffer.from('{"a":2}'), 'tileset.json');
    db.close();
    expect(await withPackage(file, (source) => Promise.resolve(source.version))).not.toBe(before);
  });

  it('answers undefined for unknown, climbing, absolute and backslashed paths, even when such keys are stored', async () => {
    const file = path.join(work, 'unsafe-keys.3dtiles');
    packageOf(file, [
      ['tileset.json', Buffer.from('{}')],
      ['content/a.glb', Buffer.from('a')],
      ['../escape.json', Buffer.from('escape')],
      ['/absolute.json', Buffer.from('absolute')],
      ['dir\\backslash.json', Buffer.from('backslash')],
      ['./dot.json', Buffer.from('dot')],
      ['nul\0name.json', Buffer.from('nul')],
    ]);
    await withPackage(file, async (source) => {
      expect(source.fileCount).toBe(2);
      for (const relative of ['missing.glb', '../escape.json', '/absolute.json', 'dir\\backslash.json', './dot.json', 'nul\0name.json', 'content//a.glb', 'content/', '']) {
        expect(await source.describe(relative), relative).toBeUndefined();
      }
      expect((await source.describe('content/a.glb'))?.contentType).toBe('model/gltf-binary');
    });
  });

  it('serves a blob that only looks like gzip as it is, and TEXT or NULL content as bytes', async () => {
    const file = path.join(work, 'odd-blobs.3dtiles');
    const fakeGzip = Buffer.from([0x1f, 0x8b, 1, 2, 3]);
    packageOf(file, [
      ['tileset.json', '{"asset":{"version":"1.1"}}'],
      ['fake.bin', fakeGzip],
      ['empty.bin', null],
    ]);
    await withPackage(file, async (source) => {
      const fake = (await source.describe('fake.bin')) as IndexedFile;
      expect([...fake.representations.keys()]).toEqual(['identity']);
      expect((await source.read(fake, 'identity')).equals(fakeGzip)).toBe(true);
      const text = (await source.describe('tileset.json')) as IndexedFile;
      expect((await source.read(text, 'identity')).toString()).toBe('{"asset":{"version":"1.1"}}');
      const empty = (await source.describe('empty.bin')) as IndexedFile;
      expect(empty.representations.get('identity')?.size).toBe(0);
      expect((await source.read(empty, 'identity')).length).toBe(0);
      await expect(source.read(text, 'gzip')).rejects.toThrow(/no gzip form/);
    });
  });

  it('refuses a file that is not SQLite, a database without the media table or tileset.json, and a missing file, saying why', async () => {
    const text = path.join(work, 'text.3dtiles');
    await writeFile(text, 'this is not a database, just a rather long line of text to fill a page header');
    expect(() => openSqlitePackage(text)).toThrow(/^Cannot open 3D Tiles package .*text\.3dtiles: file is not a database/);

    const other = path.join(work, 'other.3dtiles');
    const db = new Database(other);
    db.exec('CREATE TABLE tiles (zoom_level INTEGER, tile_data BLOB)');
    db.close();
    expect(() => openSqlitePackage(other)).toThrow(/^Cannot open 3D Tiles package .*other\.3dtiles: it has no media\(key, content\) table/);

    const noTileset = path.join(work, 'no-tileset.3dtiles');
    packageOf(noTileset, [['content/a.glb', Buffer.from('a')]]);
    expect(() => openSqlitePackage(noTileset)).toThrow(/no tileset\.json at its root/);

    expect(() => openSqlitePackage(path.join(work, 'absent.3dtiles'))).toThrow(/^Cannot open 3D Tiles package .*absent\.3dtiles: /);
  });

  it('returns the right bytes to 50 concurrent reads', async () => {
    const dir = path.join(work, 'tilesets', 'implicit');
    const file = path.join(work, 'concurrent.3dtiles');
    await writeSqlitePackage(dir, file, { gzip: true });
    await withPackage(file, async (source) => {
      const picks = Array.from({ length: 50 }, (_, i) => tilesets.implicit[i % tilesets.implicit.length]?.path as string);
      const reads = await Promise.all(
        picks.map(async (relative, i) => {
          const indexed = (await source.describe(relative)) as IndexedFile;
          return source.read(indexed, i % 2 === 0 ? 'identity' : 'gzip');
        }),
      );
      for (const [i, bytes] of reads.entries()) {
        const expected = await readFile(path.join(dir, picks[i] as string));
        expect((i % 2 === 0 ? bytes : gunzipSync(bytes)).equals(expected), picks[i]).toBe(true);
      }
    });
  });
});
