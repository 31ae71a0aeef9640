import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { contentTypeFor } from './contentTypes.js';
import { StaleFileError, type ContentCoding, type FileSource, type IndexedFile, type Representation } from './fileSource.js';

/** Precompressed siblings the asset pipeline (and tools like it) write next to a file. */
const VARIANT_SUFFIXES: ReadonlyArray<readonly [string, ContentCoding]> = [
  ['.br', 'br'],
  ['.gz', 'gzip'],
];

/** How many files are hashed at once while indexing: enough to keep the disk busy. */
const HASH_CONCURRENCY = 16;

interface StoredFile {
  readonly absolute: string;
  readonly size: number;
}

interface DirectoryFile extends IndexedFile {
  readonly stored: ReadonlyMap<ContentCoding, StoredFile>;
}

/** A strong ETag from a file's bytes: 128 bits of SHA-256 are plenty to tell versions apart. */
async function hashFile(absolute: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(absolute)) hash.update(chunk as Buffer);
  return `"${hash.digest('base64url').slice(0, 22)}"`;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Lists every regular file under `root` by relative path. Symbolic links are followed only when
 * their target resolves inside `root`; hidden files and folders are never listed.
 */
async function listFiles(root: string): Promise<Map<string, StoredFile>> {
  const realRoot = await realpath(root);
  const files = new Map<string, StoredFile>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const absolute = path.join(dir, entry.name);
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      let info = await lstat(absolute);
      let target = absolute;
      if (info.isSymbolicLink()) {
        try {
          target = await realpath(absolute);
        } catch {
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + path.sep)) continue;
        info = await stat(target);
      }
      if (info.isDirectory() && !entry.isSymbolicLink()) await walk(absolute, relative);
      else if (info.isFile() && !relative.includes('\\')) files.set(relative, { absolute: target, size: info.size });
    }
  };
  await walk(realRoot, '');
  return files;
}

/**
 * A folder of files indexed once: path, size, strong ETag and the precompressed variants of
 * every file, so answering a request needs no file-system call until the bytes are read.
 */
export async function openDirectorySource(root: string): Promise<FileSource> {
  const listed = await listFiles(root);
  const variantOf = new Map<string, [string, ContentCoding]>();
  for (const relative of listed.keys()) {
    for (const [suffix, coding] of VARIANT_SUFFIXES) {
      const base = relative.slice(0, -suffix.length);
      if (relative.endsWith(suffix) && listed.has(base)) variantOf.set(relative, [base, coding]);
    }
  }

  const hashes = new Map<string, string>();
  const names = [...listed.keys()];
  const etags = await mapLimit(names, HASH_CONCURRENCY, (name) => hashFile((listed.get(name) as StoredFile).absolute));
  names.forEach((name, i) => hashes.set(name, etags[i] as string));

  const files = new Map<string, DirectoryFile>();
  for (const [relative, stored] of listed) {
    if (variantOf.has(relative)) continue;
    const representations = new Map<ContentCoding, Representation>([
      ['identity', { coding: 'identity', size: stored.size, etag: hashes.get(relative) as string }],
    ]);
    const storedBy = new Map<ContentCoding, StoredFile>([['identity', stored]]);
    for (const [suffix, coding] of VARIANT_SUFFIXES) {
      const variant = listed.get(relative + suffix);
      if (!variant || variantOf.get(relative + suffix)?.[0] !== relative) continue;
      representations.set(coding, { coding, size: variant.size, etag: hashes.get(relative + suffix) as string });
      storedBy.set(coding, variant);
    }
    files.set(relative, { path: relative, contentType: contentTypeFor(relative), representations, stored: storedBy });
  }

  const version = createHash('sha256');
  for (const name of [...files.keys()].sort()) version.update(`${name}\0${hashes.get(name) ?? ''}\n`);

  const storedFor = (file: IndexedFile, coding: ContentCoding): StoredFile => {
    const stored = (file as DirectoryFile).stored.get(coding);
    if (!stored) throw new Error(`no ${coding} representation of ${file.path}`);
    return stored;
  };

  return {
    kind: 'directory',
    fileCount: files.size,
    version: version.digest('base64url').slice(0, 16),
    describe: (relative) => files.get(relative),
    read: (file, coding) =>
      readFile(storedFor(file, coding).absolute).catch((error: NodeJS.ErrnoException) => {
        // Deleted since it was indexed: the index, not the server, is wrong.
        throw error.code === 'ENOENT' ? new StaleFileError(file.path) : error;
      }),
    openReadStream: async (file, coding, range): Promise<Readable> => {
      const stored = storedFor(file, coding);
      const handle = await open(stored.absolute, 'r').catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'ENOENT' ? new StaleFileError(file.path) : error;
      });
      try {
        // Checked on the open handle, so a rewrite after this point cannot slip in between.
        if ((await handle.stat()).size !== stored.size) throw new StaleFileError(file.path);
      } catch (error) {
        await handle.close();
        throw error;
      }
      return handle.createReadStream({ ...range, autoClose: true });
    },
    close: () => Promise.resolve(),
  };
}
