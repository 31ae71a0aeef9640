import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TilesetManifest } from '@pengcheng/protocol';

export const BENCH_TILESET_ID = 'bench-tiles';

export interface BenchFile {
  /** `10 KB`, `100 KB`, `500 KB`. */
  readonly label: string;
  /** Where it was copied from, relative to the tilesets folder. */
  readonly source: string;
  /** File name inside the bench tileset folder. */
  readonly name: string;
  readonly bytes: number;
  readonly gzBytes: number;
  readonly brBytes: number;
}

export interface BenchFolder {
  /** TILESETS_DIR for our server: holds the one bench tileset folder. */
  readonly tilesetsDir: string;
  /** The tileset folder itself, which the other servers serve at `/`. */
  readonly root: string;
  readonly version: string;
  readonly files: readonly BenchFile[];
}

const TARGETS = [
  { label: '10 KB', bytes: 10 * 1024 },
  { label: '100 KB', bytes: 100 * 1024 },
  { label: '500 KB', bytes: 500 * 1024 },
];

interface Candidate {
  readonly source: string;
  readonly bytes: number;
}

/** Tile contents (glb) and tileset JSON that the pipeline precompressed to both .gz and .br. */
async function candidates(tilesetsDir: string): Promise<Candidate[]> {
  const all = new Set<string>();
  for (const entry of await readdir(tilesetsDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) all.add(path.relative(tilesetsDir, path.join(entry.parentPath, entry.name)));
  }
  const found: Candidate[] = [];
  for (const file of all) {
    if (!/\.(glb|json)$/.test(file) || path.basename(file) === 'manifest.json') continue;
    if (!all.has(`${file}.gz`) || !all.has(`${file}.br`)) continue;
    found.push({ source: file, bytes: (await stat(path.join(tilesetsDir, file))).size });
  }
  return found;
}

/**
 * Copies the real tiles nearest 10, 100 and 500 KB (with their .gz and .br) into one tileset
 * folder with a valid manifest.json, so every server under test reads the very same bytes.
 */
export async function makeBenchFolder(assetsDir: string, workDir: string): Promise<BenchFolder> {
  const pool = await candidates(assetsDir);
  const tilesetsDir = path.join(workDir, 'tilesets');
  const root = path.join(tilesetsDir, BENCH_TILESET_ID);
  await mkdir(root, { recursive: true });
  // nginx workers run as `nobody` when we are root: mkdtemp's 0700 would hide the files.
  await chmod(workDir, 0o755);

  const files: BenchFile[] = [];
  const hash = createHash('sha256');
  for (const target of TARGETS) {
    const unused = pool.filter((c) => !files.some((f) => f.source === c.source));
    const nearest = unused.sort((a, b) => Math.abs(a.bytes - target.bytes) - Math.abs(b.bytes - target.bytes))[0];
    if (!nearest) throw new Error(`no precompressed .glb/.json tile under ${assetsDir}: run npm run build:assets`);
    const name = `${target.label.replace(' ', '').toLowerCase()}${path.extname(nearest.source)}`;
    const sizes: number[] = [];
    for (const suffix of ['', '.gz', '.br']) {
      const to = path.join(root, name + suffix);
      await copyFile(path.join(assetsDir, nearest.source + suffix), to);
      sizes.push((await stat(to)).size);
    }
    hash.update(await readFile(path.join(root, name)));
    files.push({ label: target.label, source: nearest.source, name, bytes: sizes[0] ?? 0, gzBytes: sizes[1] ?? 0, brBytes: sizes[2] ?? 0 });
  }

  const version = hash.digest('hex').slice(0, 16);
  const largest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const manifest = TilesetManifest.parse({
    id: BENCH_TILESET_ID,
    kind: 'pipelines',
    name: { zh: '瓦片基准测试', en: 'Tile benchmark' },
    attribution: { zh: '复制自 assets/tilesets', en: 'Copied from assets/tilesets' },
    bounds: { west: 117.25, south: 34.18, east: 117.3, north: 34.23 },
    version,
    entry: files[0]?.name,
    build: {
      inputHash: version,
      features: 0,
      skipped: 0,
      tiles: files.length,
      files: files.length,
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      largestFile: { path: largest.name, bytes: largest.bytes },
      durationMs: 0,
    },
  });
  await writeFile(path.join(root, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { tilesetsDir, root, version, files };
}
