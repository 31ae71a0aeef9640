import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import Database from 'better-sqlite3';
import { contentTypeFor } from '../contentTypes.js';
import type { ContentCoding, FileSource, IndexedFile, Representation } from '../fileSource.js';
import { isServablePath } from './packagePaths.js';

const gunzip = promisify(gunzipCallback);

/** Descriptions kept by default: each is a few hundred bytes, so memory stays a few megabytes. */
const DEFAULT_DESCRIBE_CACHE_SIZE = 10_000;

export interface SqlitePackageOptions {
  /** How many described paths (found or not) are remembered; least recently used go first. */
  readonly describeCacheSize?: number;
}

/** A Map kept to `limit` keys by evicting the least recently used. */
class BoundedMemo<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value as K);
  }
}

function etagOf(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The package's size and modification time, the SQLite header's file change counter (bumped by
 * every committing writer outside WAL mode) and the state of a `-wal` file (where
 * WAL-mode writers commit). Hashing every blob would be exact but reads the whole package at start.
 */
function packageVersion(file: string): string {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  const main = statSync(file, { bigint: true });
  const wal = statSync(`${file}-wal`, { bigint: true, throwIfNoEntry: false });
  const stamp = [main.size, main.mtimeNs, header.readUInt32BE(24), wal?.size ?? '', wal?.mtimeNs ?? ''].join(':');
  return createHash('sha256').update(stamp).digest('base64url').slice(0, 16);
}

interface OpenedPackage {
  readonly db: Database.Database;
  readonly fileCount: number;
  readonly version: string;
}

/** Opens and checks the database; counts servable keys from the key index alone, never the blobs. */
function openPackage(file: string): OpenedPackage {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('media')").pluck().all();
    if (!columns.includes('key') || !columns.includes('content')) throw new Error('it has no media(key, content) table');
    if (db.prepare("SELECT 1 FROM media WHERE key = 'tileset.json'").get() === undefined) throw new Error('no tileset.json at its root');
    let fileCount = 0;
    for (const key of db.prepare<[], string>('SELECT key FROM media').pluck().iterate()) {
      if (isServablePath(key)) fileCount += 1;
    }
    return { db, fileCount, version: packageVersion(file) };
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot open 3D Tiles package ${file}: ${reason}`, { cause: error });
  }
}

/**
 * A 3D Tiles package (.3dtiles: the SQLite database of 3d-tiles-tools, table `media(key, content)`),
 * opened read-only. Blobs stored gzip-compressed, as the original tilesetToDatabase did for tiles and
 * JSON, are offered both as stored (`gzip`) and inflated (`identity`). A path is described from its
 * blob on first request, then from a bounded memo.
 */
export function openSqlitePackage(file: string, options: SqlitePackageOptions = {}): FileSource {
  const { db, fileCount, version } = openPackage(file);
  // CAST gives the bytes of TEXT values too; a NULL content is an empty file, as the key exists.
  const selectContent = db.prepare<[string], Buffer>("SELECT coalesce(CAST(content AS BLOB), x'') FROM media WHERE key = ?").pluck();
  const contentOf = (path: string): Buffer | undefined => selectContent.get(path);
  const described = new BoundedMemo<string, IndexedFile | undefined>(options.describeCacheSize ?? DEFAULT_DESCRIBE_CACHE_SIZE);
  const describing = new Map<string, Promise<IndexedFile | undefined>>();

  const describeFromBlob = async (path: string): Promise<IndexedFile | undefined> => {
    const stored = contentOf(path);
    if (stored === undefined) return undefined;
    const representations = new Map<ContentCoding, Representation>();
    // The magic alone could be chance in an uncompressed blob: only bytes that inflate count as gzip.
    const inflated = isGzip(stored) ? await gunzip(stored).catch(() => undefined) : undefined;
    if (inflated) {
      representations.set('identity', { coding: 'identity', size: inflated.length, etag: etagOf(inflated) });
      representations.set('gzip', { coding: 'gzip', size: stored.length, etag: etagOf(stored) });
    } else {
      representations.set('identity', { coding: 'identity', size: stored.length, etag: etagOf(stored) });
    }
    return { path, contentType: contentTypeFor(path), representations };
  };

  return {
    kind: '3dtiles',
    fileCount,
    version,
    describe(path) {
      if (!isServablePath(path)) return undefined;
      if (described.has(path)) return described.get(path);
      let pending = describing.get(path);
      if (!pending) {
        pending = describeFromBlob(path)
          .then((indexed) => {
            described.set(path, indexed);
            return indexed;
          })
          .finally(() => describing.delete(path));
        describing.set(path, pending);
      }
      return pending;
    },
    async read(indexed, coding) {
      if (!indexed.representations.has(coding)) throw new Error(`${file} holds no ${coding} form of ${indexed.path}`);
      const stored = contentOf(indexed.path);
      if (stored === undefined) throw new Error(`${indexed.path} is no longer in ${file}`);
      return coding === 'identity' && indexed.representations.has('gzip') ? gunzip(stored) : stored;
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}
