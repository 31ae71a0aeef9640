/**
 * Benchmark (not a test): what the district costs to build and to show.
 *   npx tsx scripts/bench/district-assets.ts
 * Builds every stage from scratch into a scratch folder (timed), then opens the default view in
 * Chromium against the real server and counts what it fetched. Prints a Markdown report.
 * Baselines, measured in the same run: the source GeoJSON the tiles are built from, and the
 * raw (identity-encoded) bytes against the precompressed .br variants the server can send.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium.js';
import { startServer } from '../../e2e/fixtures/serverProcess.js';
import { buildingsStage } from '../pipeline/buildings/buildingsStage.js';
import { groundImageryStage } from '../pipeline/imagery/groundImageryStage.js';
import { pipelinesStage } from '../pipeline/pipelines/pipelinesStage.js';
import { buildAssets } from '../pipeline/runner/buildAssets.js';
import { vectorOverlaysStage } from '../pipeline/vector/vectorOverlaysStage.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = path.join(ROOT, 'assets/source');

async function sizeOf(dir: string, test: (name: string) => boolean): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && test(entry.name)) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MiB`;

const scratch = await mkdtemp(path.join(tmpdir(), 'pengcheng-bench-'));
try {
  const results = await buildAssets([buildingsStage(), pipelinesStage(), groundImageryStage(), vectorOverlaysStage()], {
    sourceDir: SOURCE,
    tilesetsDir: scratch,
    codeDirs: [path.join(ROOT, 'scripts/pipeline')],
    force: true,
    interactive: false,
    write: () => undefined,
  });

  console.log('## Build (from scratch)\n');
  console.log('| tileset | features | tiles | files | bytes (raw) | bytes (.br) | br/raw | largest file | build time |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const { manifest } of results) {
    const dir = path.join(scratch, manifest.id);
    const br = await sizeOf(dir, (n) => n.endsWith('.br'));
    const raw = await sizeOf(dir, (n) => !/\.(br|gz)$/.test(n) && n !== 'manifest.json');
    const compressedOrRaw = br > 0 ? br + (await sizeOf(dir, (n) => /\.(webp|png)$/.test(n))) : raw;
    console.log(
      `| ${manifest.id} | ${manifest.build.features} | ${manifest.build.tiles} | ${manifest.build.files} | ${mb(raw)} | ${mb(compressedOrRaw)} | ${(compressedOrRaw / raw).toFixed(2)} | ${manifest.build.largestFile.path} (${kb(manifest.build.largestFile.bytes)}) | ${(manifest.build.durationMs / 1000).toFixed(1)} s |`,
    );
  }
  const buildings = results.find((r) => r.manifest.id === 'district-buildings')?.manifest;
  if (buildings) {
    const sourceBytes = (await stat(path.join(SOURCE, 'buildings.geojson'))).size;
    const brBytes = await sizeOf(path.join(scratch, buildings.id), (n) => n.endsWith('.glb.br') || n === 'tileset.json.br');
    console.log(`\nBuildings: ${buildings.build.features} buildings; ${(buildings.build.bytes / buildings.build.features).toFixed(0)} bytes per building raw, ${(brBytes / buildings.build.features).toFixed(0)} with brotli; baseline: the 2D source GeoJSON is ${(sourceBytes / buildings.build.features).toFixed(0)} bytes per building (tiles/source = ${(buildings.build.bytes / sourceBytes).toFixed(2)} raw, ${(brBytes / sourceBytes).toFixed(2)} brotli).`);
  }

  // The default view, as a person opens it: count and weigh the requests by kind.
  const server = await startServer({ TILESETS_DIR: scratch });
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const byKind = new Map<string, { count: number; bytes: number }>();
    page.on('requestfinished', (request) => {
      void request.sizes().then((sizes) => {
        const url = new URL(request.url());
        const kind = url.pathname.split('/').slice(0, 3).join('/') || '/';
        const entry = byKind.get(kind) ?? { count: 0, bytes: 0 };
        entry.count++;
        entry.bytes += sizes.responseBodySize;
        byKind.set(kind, entry);
      });
    });
    const started = performance.now();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="scene"][data-ready="true"]').waitFor({ timeout: 300_000 });
    const readyMs = performance.now() - started;
    await browser.close();
    console.log(`\n## Default view (1920×1080, software WebGL)\n\nReady after ${(readyMs / 1000).toFixed(1)} s.\n`);
    console.log('| path | requests | body bytes |');
    console.log('|---|---:|---:|');
    for (const [kind, { count, bytes }] of [...byKind].sort((a, b) => b[1].bytes - a[1].bytes)) {
      console.log(`| ${kind} | ${count} | ${kb(bytes)} |`);
    }
  } finally {
    await server.stop();
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
