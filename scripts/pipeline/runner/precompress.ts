import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Formats worth compressing; images (png, webp, jpg, ktx2) are compressed already. */
const COMPRESSIBLE = new Set(['.json', '.geojson', '.glb', '.gltf', '.b3dm', '.i3dm', '.pnts', '.cmpt', '.subtree', '.bin']);

export function isCompressible(file: string): boolean {
  return COMPRESSIBLE.has(path.extname(file).toLowerCase());
}

export interface PrecompressOptions {
  /** Which files to compress; by default the tile and data formats above. */
  readonly include?: (file: string) => boolean;
  /** Smaller files are left alone: the saving would not pay for a second file and a lookup. */
  readonly minBytes?: number;
  readonly onFile?: () => void;
}

/**
 * Writes `<file>.br` and `<file>.gz` next to every compressible file, so the server sends
 * compressed bytes without compressing per request. Returns how many files were compressed.
 */
export async function precompressFolder(dir: string, options: PrecompressOptions = {}): Promise<number> {
  const { include = isCompressible, minBytes = 0, onFile = () => undefined } = options;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && include(e.name)).map((e) => path.join(e.parentPath, e.name));
  let compressed = 0;
  for (const file of files) {
    const data = await readFile(file);
    if (data.length < minBytes) continue;
    const [br, gzipped] = await Promise.all([
      brotli(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
      gz(data, { level: 9 }),
    ]);
    await writeFile(`${file}.br`, br);
    await writeFile(`${file}.gz`, gzipped);
    compressed++;
    onFile();
  }
  return compressed;
}
