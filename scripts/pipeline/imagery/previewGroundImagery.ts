/**
 * Builds the district base map and writes a mosaic of one zoom level as a PNG, to look at:
 *
 *   npx tsx scripts/pipeline/imagery/previewGroundImagery.ts [--source assets/source] [--out DIR]
 *       [--max-zoom 19] [--zoom 16] [--centre lon,lat --radius TILES] [--skip-build]
 *
 * Without assets/source it draws the test fixture. Prints tiles and bytes per zoom, and the time.
 * `--skip-build --out DIR` only makes the mosaic, from tiles built before.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { writeDistrictFixture } from './districtFixture.js';
import { groundImageryStage } from './groundImageryStage.js';
import { webMercator } from './webMercator.js';

const root = path.resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    source: { type: 'string', default: path.join(root, 'assets/source') },
    out: { type: 'string' },
    'max-zoom': { type: 'string', default: '19' },
    zoom: { type: 'string', default: '16' },
    centre: { type: 'string' },
    radius: { type: 'string', default: '3' },
    'skip-build': { type: 'boolean', default: false },
  },
});
if (values['skip-build'] && !values.out) throw new Error('--skip-build needs --out DIR: the tiles to show');

const outDir = values.out ?? (await mkdtemp(path.join(tmpdir(), 'ground-tiles-')));
if (!values['skip-build']) {
  let sourceDir = values.source;
  if (!existsSync(path.join(sourceDir, 'road_edges.geojson'))) {
    sourceDir = await mkdtemp(path.join(tmpdir(), 'ground-fixture-'));
    await writeDistrictFixture(sourceDir);
    console.log(`no district data in ${values.source}: drawing the fixture`);
  }
  const stage = groundImageryStage({ maxZoom: Number(values['max-zoom']) });
  const started = performance.now();
  const result = await stage.run({ sourceDir, outDir, onProgress: () => undefined, log: (message) => console.log(message) });
  const seconds = (performance.now() - started) / 1000;

  let totalBytes = 0;
  for (const z of (await readdir(outDir)).sort((a, b) => Number(a) - Number(b))) {
    const files = (await readdir(path.join(outDir, z), { recursive: true })).filter((f) => f.endsWith('.webp'));
    let bytes = 0;
    for (const f of files) bytes += (await stat(path.join(outDir, z, f))).size;
    totalBytes += bytes;
    console.log(`z${z}: ${files.length} tiles, ${(bytes / 1024).toFixed(0)} KiB`);
  }
  console.log(`${result.tiles} tiles, ${result.features} features, ${result.skipped} skipped, ${(totalBytes / 1024 / 1024).toFixed(2)} MiB in ${seconds.toFixed(1)} s → ${outDir}`);
}

const zoom = Number(values.zoom);
const xs = (await readdir(path.join(outDir, String(zoom)))).map(Number);
const ys = (await readdir(path.join(outDir, String(zoom), String(xs[0])))).map((f) => Number(f.split('.')[0]));
let [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
if (values.centre) {
  const [lon, lat] = values.centre.split(',').map(Number) as [number, number];
  const point = webMercator.project(lon, lat);
  const r = Number(values.radius);
  const [cx, cy] = [Math.floor(point.x * 2 ** zoom), Math.floor(point.y * 2 ** zoom)];
  [minX, maxX, minY, maxY] = [Math.max(minX, cx - r), Math.min(maxX, cx + r), Math.max(minY, cy - r), Math.min(maxY, cy + r)];
}
// A light checkerboard behind the tiles shows where they are transparent.
const mosaic = createCanvas((maxX - minX + 1) * 256, (maxY - minY + 1) * 256);
const ctx = mosaic.getContext('2d');
for (let y = 0; y < mosaic.height; y += 16) for (let x = 0; x < mosaic.width; x += 16) {
  ctx.fillStyle = (x + y) % 32 === 0 ? '#d0d0d0' : '#f4f4f4';
  ctx.fillRect(x, y, 16, 16);
}
for (let x = minX; x <= maxX; x++) {
  for (let y = minY; y <= maxY; y++) {
    const tile = path.join(outDir, String(zoom), String(x), `${y}.webp`);
    if (existsSync(tile)) ctx.drawImage(await loadImage(tile), (x - minX) * 256, (y - minY) * 256);
  }
}
const mosaicFile = path.join(root, 'e2e/artifacts', `ground-mosaic-z${zoom}${values.centre ? '-crop' : ''}.png`);
await writeFile(mosaicFile, mosaic.toBuffer('image/png'));
console.log(`mosaic ${mosaic.width}×${mosaic.height} → ${mosaicFile}`);
