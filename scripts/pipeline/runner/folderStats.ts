import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface FolderStats {
  readonly files: number;
  readonly bytes: number;
  readonly largestFile: { readonly path: string; readonly bytes: number };
  /** Content hash of every file (names and bytes): the tileset's version. */
  readonly version: string;
}

const PRECOMPRESSED = /\.(br|gz)$/;

/** Counts, sizes and a content version of a built tileset, precompressed variants excluded. */
export async function folderStats(dir: string, exclude: readonly string[] = []): Promise<FolderStats> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && !PRECOMPRESSED.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((file) => !exclude.includes(file))
    .sort();
  const hash = createHash('sha256');
  let bytes = 0;
  let largestFile = { path: '', bytes: 0 };
  for (const file of files) {
    const full = path.join(dir, file);
    const size = (await stat(full)).size;
    bytes += size;
    if (size > largestFile.bytes) largestFile = { path: file, bytes: size };
    hash.update(`${file}\0`).update(await readFile(full)).update('\0');
  }
  return { files: files.length, bytes, largestFile, version: hash.digest('hex').slice(0, 16) };
}
