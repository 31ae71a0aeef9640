import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PILOT_AREA_BOUNDS } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageContext, StageResult } from '../stage.js';
import { FIXTURE, fixturePosition, writeDistrictFixture } from './districtFixture.js';
import { groundImageryStage } from './groundImageryStage.js';
import { groundStyle } from './groundStyle.js';
import { webMercator } from './webMercator.js';

const MIN_ZOOM = 12;
const MAX_ZOOM = 15;

let root: string;
let sourceDir: string;
let outDir: string;
let result: StageResult;
const progress: [number, number][] = [];

function context(source: string, out: string, log: string[] = []): StageContext {
  return { sourceDir: source, outDir: out, onProgress: (done, total) => progress.push([done, total]), log: (message) => log.push(message) };
}

async function listTiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.webp')).map((f) => f.split(path.sep).join('/')).sort();
}

/** The decoded RGBA of the pixel where a lon/lat falls at a zoom, read from the written tile. */
async function pixelAt(lon: number, lat: number, zoom: number, dx = 0): Promise<number[]> {
  const point = webMercator.project(lon, lat);
  const px = Math.floor(point.x * 256 * 2 ** zoom) + dx;
  const py = Math.floor(point.y * 256 * 2 ** zoom);
  const image = await loadImage(await readFile(path.join(outDir, String(zoom), String(Math.floor(px / 256)), `${Math.floor(py / 256)}.webp`)));
  const canvas = createCanvas(256, 256);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return Array.from(ctx.getImageData(px % 256, py % 256, 1, 1).data);
}

const at = (east: number, north: number): [number, number] => fixturePosition(east, north) as [number, number];
const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** Lossy WebP moves colours by a few levels; the palette's colours are further apart than this. */
function expectColour(pixel: number[], hex: string): void {
  const expected = rgb(hex);
  for (let c = 0; c < 3; c++) expect(Math.abs((pixel[c] as number) - (expected[c] as number))).toBeLessThanOrEqual(8);
  expect(pixel[3]).toBe(255);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ground-stage-'));
  sourceDir = path.join(root, 'source');
  outDir = path.join(root, 'out');
  await writeDistrictFixture(sourceDir);
  result = await groundImageryStage({ minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM }).run(context(sourceDir, outDir));
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('groundImageryStage', () => {
  it('describes itself for the catalog', () => {
    const stage = groundImageryStage();
    expect(stage).toMatchObject({ id: 'district-ground', kind: 'imagery', name: { zh: '政务区底图', en: 'District base map' } });
    expect(stage.inputs).toEqual(expect.arrayContaining(['road_edges.geojson', 'road_surfaces.geojson', 'water.geojson', 'green.geojson', 'squares.geojson', 'parking_lots.geojson', 'bridges.geojson']));
    expect(result).toMatchObject({
      entry: '{z}/{x}/{y}.webp',
      imagery: { minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, format: 'webp' },
      bounds: { west: PILOT_AREA_BOUNDS.west, south: PILOT_AREA_BOUNDS.south, east: PILOT_AREA_BOUNDS.east, north: PILOT_AREA_BOUNDS.north },
      skipped: 0,
    });
    expect(result.features).toBeGreaterThan(40);
    expect(progress.at(-1)).toEqual([result.tiles, result.tiles]);
  });

  it('writes a tile for every tile overlapping the pilot area at every zoom, and no other', async () => {
    const expected: string[] = [];
    for (let z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
      const tiles = 2 ** z;
      const centre = webMercator.project(117.2784, 34.205);
      for (let x = Math.floor(centre.x * tiles) - 8; x <= Math.floor(centre.x * tiles) + 8; x++) {
        for (let y = Math.floor(centre.y * tiles) - 8; y <= Math.floor(centre.y * tiles) + 8; y++) {
          const nw = webMercator.unproject({ x: x / tiles, y: y / tiles });
          const se = webMercator.unproject({ x: (x + 1) / tiles, y: (y + 1) / tiles });
          const b = PILOT_AREA_BOUNDS;
          if (nw.longitude < b.east && se.longitude > b.west && se.latitude < b.north && nw.latitude > b.south) expected.push(`${z}/${x}/${y}.webp`);
        }
      }
    }
    const written = await listTiles(outDir);
    expect(written).toEqual(expected.sort());
    expect(result.tiles).toBe(written.length);
  });

  it('paints roads where the road is and plain ground away from everything', async () => {
    expectColour(await pixelAt(...at(-1500 + 120, 0), 15), groundStyle.roads.trunk);
    expectColour(await pixelAt(...at(1000, 1500), 15), groundStyle.roads.primary);
    expectColour(await pixelAt(...at(FIXTURE.plainGround.east, FIXTURE.plainGround.north), 15), groundStyle.ground);
    // 60 m off the trunk road's centre line is 40 m clear of its kerb.
    expectColour(await pixelAt(...at(-1300, 60), 15), groundStyle.ground);
  });

  it('draws water as water', async () => {
    expectColour(await pixelAt(...at(FIXTURE.lake.east, FIXTURE.lake.north), 15), groundStyle.areas.water.fill);
    expectColour(await pixelAt(...at(-300, FIXTURE.canal.north), 15), groundStyle.areas.water.fill);
  });

  it('leaves everything outside the pilot area transparent', async () => {
    const { west, east, north, south } = PILOT_AREA_BOUNDS;
    const middle = (north + south) / 2;
    // Three pixels outside and inside the west and east edges at z15.
    expect((await pixelAt(west, middle, 15, -3))[3]).toBe(0);
    expect((await pixelAt(west, middle, 15, 3))[3]).toBe(255);
    expect((await pixelAt(east, middle, 15, 3))[3]).toBe(0);
    expect((await pixelAt(east, middle, 15, -3))[3]).toBe(255);
    // The trunk road runs past the edges in the source data, but is cut at the boundary.
    expect((await pixelAt(...at(-2150, 0), 15))[3]).toBe(0);
  });

  it('joins a road crossing a tile edge without a seam in the written tiles', async () => {
    const zoom = 15;
    const [lon, lat] = at(-1300, 0);
    const point = webMercator.project(lon, lat);
    const edgeX = Math.round(point.x * 2 ** zoom) * 256;
    const edgeLon = webMercator.unproject({ x: edgeX / (256 * 2 ** zoom), y: point.y }).longitude;
    // The last pixel column of the left tile and the first of the right one, across the road.
    for (let dy = -4; dy <= 4; dy++) {
      const rowLat = webMercator.unproject({ x: point.x, y: point.y + dy / (256 * 2 ** zoom) }).latitude;
      const left = await pixelAt(edgeLon, rowLat, zoom, -1);
      const right = await pixelAt(edgeLon, rowLat, zoom, 0);
      for (let c = 0; c < 4; c++) expect(Math.abs((left[c] as number) - (right[c] as number))).toBeLessThanOrEqual(8);
      if (Math.abs(dy) <= 2) expectColour(left, groundStyle.roads.trunk);
    }
  });

  it('writes the same bytes for the same input', async () => {
    const again = path.join(root, 'again');
    await groundImageryStage({ minZoom: 14, maxZoom: 14 }).run(context(sourceDir, again));
    const tiles = await listTiles(again);
    expect(tiles.length).toBeGreaterThan(0);
    for (const tile of tiles) expect((await readFile(path.join(again, tile))).equals(await readFile(path.join(outDir, tile)))).toBe(true);
  });

  it('draws without missing layers and explains every skipped feature', async () => {
    const partial = path.join(root, 'partial');
    await writeDistrictFixture(partial);
    for (const file of ['water.geojson', 'green.geojson', 'squares.geojson', 'parking_lots.geojson', 'bridges.geojson', 'road_surfaces.geojson']) await rm(path.join(partial, file));
    const edges = JSON.parse(await readFile(path.join(partial, 'road_edges.geojson'), 'utf8')) as { features: unknown[] };
    edges.features.push(
      { type: 'Feature', geometry: { type: 'Point', coordinates: at(0, 0) }, properties: { id: 'RD-BAD-1', class: 'primary', widthM: 20 } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [at(0, 0), at(10, 0)] }, properties: { id: 'RD-BAD-2', class: 'motorway', widthM: 20 } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [at(9000, 0), at(9100, 0)] }, properties: { id: 'RD-FAR-1', class: 'primary', widthM: 20 } },
    );
    await writeFile(path.join(partial, 'road_edges.geojson'), JSON.stringify(edges));
    const log: string[] = [];
    const partialResult = await groundImageryStage({ minZoom: 12, maxZoom: 13 }).run(context(partial, path.join(root, 'partial-out'), log));
    expect(partialResult.skipped).toBe(3);
    expect(partialResult.tiles).toBe((await listTiles(path.join(root, 'partial-out'))).length);
    for (const id of ['RD-BAD-1', 'RD-BAD-2', 'RD-FAR-1']) expect(log.some((line) => line.includes(id))).toBe(true);
    expect(log.some((line) => line.includes('water.geojson') && line.includes('not found'))).toBe(true);
  });
});
