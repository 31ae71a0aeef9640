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

/**
 * Writes `<file>.br` and `<file>.gz` next to every compressible file, so the server sends
 * compressed bytes without compressing per request.
 */
export async function precompressFolder(dir: string, onFile: () => void = () => undefined): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && isCompressible(e.name)).map((e) => path.join(e.parentPath, e.name));
  for (const file of files) {
    const data = await readFile(file);
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
    onFile();
  }
  return files.length;
}
