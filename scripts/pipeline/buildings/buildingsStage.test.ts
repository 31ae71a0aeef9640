import { fileURLToPath } from 'node:url';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from '@loaders.gl/core';
import { Tiles3DLoader } from '@loaders.gl/3d-tiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageResult } from '../stage.js';
import { checkTileset } from '../tiles3d/checkTileset.js';
import { defined } from '../tiles3d/defined.js';
import { validateGlb } from '../tiles3d/validateGlb.js';
import { buildingsStage, type BuildingsStageOptions } from './buildingsStage.js';
import { at, rectangle } from './testPolygons.js';

// Real OpenStreetMap data (ODbL), kept in the repository so this test always runs.
const SHANGHAI = fileURLToPath(new URL('../../../assets/reference/shanghai-lujiazui-osm-tilezen.geojson', import.meta.url));

interface TileInfo {
  readonly uri?: string;
  readonly depth: number;
  readonly geometricError: number;
  readonly leaf: boolean;
  readonly path: string;
}

/** Every tile of a tileset.json, depth-first, with its place in the tree ("0.2.1"). */
function flatten(tile: { geometricError: number; content?: { uri: string }; children?: unknown[] }, depth = 0, where = '0'): TileInfo[] {
  const children = (tile.children ?? []) as (typeof tile)[];
  return [
    { uri: tile.content?.uri, depth, geometricError: tile.geometricError, leaf: children.length === 0, path: where },
    ...children.flatMap((child, i) => flatten(child, depth + 1, `${where}.${i}`)),
  ];
}

interface ParsedTile {
  readonly ids: string[];
  readonly heights: number[];
  readonly names: string[];
}

/** Reads one tile with loaders.gl, an independent 3D Tiles reader, and checks its feature ids against its table. */
async function readTile(file: string): Promise<ParsedTile> {
  type Table = { count: number; properties: Record<string, { data: ArrayLike<unknown> }> };
  type Gltf = { meshes: { primitives: { attributes: Record<string, { value: ArrayLike<number> }> }[] }[]; extensions: { EXT_structural_metadata: { propertyTables: Table[] } } };
  const tile = (await parse(await readFile(file), Tiles3DLoader, { '3d-tiles': { isTileset: false } } as never)) as { type: string; gltf: Gltf };
  expect(tile.type).toBe('glTF');
  const table = defined(tile.gltf.extensions.EXT_structural_metadata.propertyTables[0], 'property table');
  for (const primitive of tile.gltf.meshes.flatMap((m) => m.primitives)) {
    const ids = Array.from(defined(primitive.attributes._FEATURE_ID_0, '_FEATURE_ID_0').value);
    expect(ids.reduce((max, id) => Math.max(max, id), 0)).toBeLessThan(table.count);
  }
  const column = <T>(name: string): T[] => Array.from(defined(table.properties[name], name).data as ArrayLike<T>);
  return { ids: column<string>('id'), heights: column<number>('heightM'), names: column<string>('name') };
}

interface Build {
  readonly out: string;
  readonly result: StageResult;
  readonly tiles: TileInfo[];
  readonly contents: Map<string, ParsedTile>;
  readonly log: string[];
  readonly progress: [number, number][];
  readonly millis: number;
}

async function build(sourceDir: string, options: BuildingsStageOptions): Promise<Build> {
  const out = await mkdtemp(path.join(tmpdir(), 'buildings-out-'));
  const log: string[] = [];
  const progress: [number, number][] = [];
  const started = performance.now();
  const result = await buildingsStage(options).run({ sourceDir, outDir: out, log: (m) => log.push(m), onProgress: (done, total) => progress.push([done, total]) });
  const millis = performance.now() - started;
  const tileset = JSON.parse(await readFile(path.join(out, 'tileset.json'), 'utf8')) as { root: Parameters<typeof flatten>[0] };
  const tiles = flatten(tileset.root);
  const contents = new Map<string, ParsedTile>();
  for (const tile of tiles) if (tile.uri) contents.set(tile.uri, await readTile(path.join(out, tile.uri)));
  return { out, result, tiles, contents, log, progress, millis };
}

/** What a tile shows; every tile we write has content except pure grouping tiles (none expected here). */
const content = (b: Build, tile: TileInfo): ParsedTile => defined(b.contents.get(defined(tile.uri, `${tile.path} content`)), tile.path);

/** What every build must satisfy, whatever the data. */
async function expectSoundTileset(b: Build): Promise<void> {
  expect(await checkTileset(b.out)).toEqual([]);
  const parsed = (await parse(await readFile(path.join(b.out, 'tileset.json')), Tiles3DLoader, { '3d-tiles': { isTileset: true } } as never, { url: path.join(b.out, 'tileset.json') } as never)) as { root: { refine: number; children: unknown[] }; type: string };
  expect(parsed.root.children.length).toBe(b.tiles.filter((t) => t.depth === 1).length);

  const uris = b.tiles.flatMap((t) => (t.uri ? [t.uri] : []));
  expect(b.result.tiles).toBe(uris.length);
  for (const uri of uris) {
    const bytes = new Uint8Array(await readFile(path.join(b.out, uri)));
    expect(bytes.byteLength).toBeLessThanOrEqual(2 * 1024 * 1024);
    const report = await validateGlb(bytes, uri);
    expect(report.errors, `${uri}: ${JSON.stringify(report.errors)}`).toEqual([]);
    expect(report.warnings).toEqual([]);
  }

  // Full detail lives in the leaves, each building exactly once; coarser tiles show a subset.
  expect(b.tiles.filter((t) => t.leaf).every((t) => t.geometricError === 0)).toBe(true);
  const leafIds = b.tiles.filter((t) => t.leaf).flatMap((t) => content(b, t).ids);
  expect(leafIds.length).toBe(b.result.features);
  expect(new Set(leafIds).size).toBe(leafIds.length);
  for (const tile of b.tiles.filter((t) => !t.leaf && t.uri)) {
    const below = new Set(b.tiles.filter((t) => t.leaf && t.path.startsWith(`${tile.path}.`)).flatMap((t) => content(b, t).ids));
    expect(content(b, tile).ids.every((id) => below.has(id))).toBe(true);
  }
  expect(b.progress.at(-1)).toEqual([b.result.features, b.result.features]);
}

describe('buildingsStage', () => {
  it('describes itself for the catalog, with the data licence for OSM input', () => {
    const ours = buildingsStage();
    expect(ours).toMatchObject({ id: 'district-buildings', kind: 'buildings', name: { zh: '政务区建筑', en: 'District buildings' }, inputs: ['buildings.geojson'] });
    const osm = buildingsStage({ format: 'osm-tilezen', input: 'lujiazui.geojson', id: 'lujiazui', name: { zh: '陆家嘴', en: 'Lujiazui' } });
    expect(osm).toMatchObject({ id: 'lujiazui', inputs: ['lujiazui.geojson'] });
    expect(osm.attribution.en).toMatch(/© OpenStreetMap contributors/);
  });

  describe('on a synthetic district', () => {
    let source: string;
    let b: Build;
    const heights = (i: number): number => (i % 17 === 0 ? 150 : i % 5 === 0 ? 45 : 8 + (i % 7) * 3);

    beforeAll(async () => {
      source = await mkdtemp(path.join(tmpdir(), 'buildings-src-'));
      const features = Array.from({ length: 120 }, (_, i) => {
        const [x, y] = [(i % 12) * 60, Math.floor(i / 12) * 60];
        const id = `BLD-${String(i + 1).padStart(6, '0')}`;
        const common = { id, use: 'office', floors: 3, yearBuilt: 2015, address: { zh: `元和路${i + 1}号`, en: `${i + 1} Yuanhe Rd` } };
        if (i % 10 === 3) {
          return {
            type: 'Feature',
            properties: { ...common, heightM: 90, parts: [{ minHeightM: 0, heightM: 20 }, { minHeightM: 20, heightM: 90 }] },
            geometry: { type: 'MultiPolygon', coordinates: [[rectangle(x, y, x + 40, y + 40)], [rectangle(x + 10, y + 10, x + 30, y + 30)]] },
          };
        }
        const rings = i % 10 === 6 ? [rectangle(x, y, x + 45, y + 45), rectangle(x + 15, y + 15, x + 30, y + 30).reverse()] : [rectangle(x, y, x + 30, y + 20)];
        return { type: 'Feature', properties: { ...common, name: { zh: `楼${i}` }, heightM: heights(i) }, geometry: { type: 'Polygon', coordinates: rings } };
      });
      await writeFile(path.join(source, 'buildings.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
      b = await build(source, { tiling: { maxFeaturesPerTile: 16 } });
    });
    afterAll(async () => {
      await rm(source, { recursive: true, force: true });
      await rm(b.out, { recursive: true, force: true });
    });

    it('reports what it built', () => {
      expect(b.result).toMatchObject({ entry: 'tileset.json', features: 120, skipped: 0 });
      // The far corner: the 40 m-wide tower in the last column (BLD-000084), the 45 m-deep courtyard block in the last row (BLD-000117).
      const corner = at(11 * 60 + 40, 9 * 60 + 45);
      expect(b.result.bounds.west).toBeCloseTo(at(0, 0)[0], 9);
      expect(b.result.bounds.south).toBeCloseTo(at(0, 0)[1], 9);
      expect(b.result.bounds.east).toBeCloseTo(corner[0], 9);
      expect(b.result.bounds.north).toBeCloseTo(corner[1], 9);
      expect(b.result.bounds).toMatchObject({ minHeightM: 0, maxHeightM: 150 });
    });

    it('writes a sound, valid, multi-level tileset', async () => {
      await expectSoundTileset(b);
      expect(Math.max(...b.tiles.map((t) => t.depth))).toBeGreaterThanOrEqual(2);
    });

    it('drops low buildings from coarse tiles, and only those no taller than the tile error', () => {
      const root = defined(b.tiles[0]);
      const shown = content(b, root);
      expect(shown.ids.length).toBeLessThan(120);
      expect(shown.ids.length).toBeGreaterThan(0);
      expect(Math.min(...shown.heights)).toBeGreaterThan(root.geometricError);
      expect(b.result.bounds.maxHeightM).toBeGreaterThan(root.geometricError);
    });

    it('carries each building’s attributes into its features', () => {
      const leaf = defined([...b.contents.values()].find((c) => c.ids.includes('BLD-000001')));
      const i = leaf.ids.indexOf('BLD-000001');
      expect(leaf.names[i]).toBe('楼0');
      expect(leaf.heights[i]).toBe(150);
    });
  });

  describe('on OpenStreetMap data of Lujiazui, Shanghai', () => {
    let source: string;
    let b: Build;

    beforeAll(async () => {
      source = await mkdtemp(path.join(tmpdir(), 'buildings-osm-'));
      await copyFile(SHANGHAI, path.join(source, 'lujiazui.geojson'));
      b = await build(source, { format: 'osm-tilezen', input: 'lujiazui.geojson', id: 'lujiazui', name: { zh: '陆家嘴', en: 'Lujiazui' } });
    });
    afterAll(async () => {
      await rm(source, { recursive: true, force: true });
      await rm(b.out, { recursive: true, force: true });
    });

    it('builds its own valid tileset quickly', async () => {
      expect(b.millis).toBeLessThan(20_000);
      await expectSoundTileset(b);
      expect(b.tiles.length).toBeGreaterThanOrEqual(5);
      expect(Math.max(...b.tiles.map((t) => t.depth))).toBeGreaterThanOrEqual(2);
      const sizes = await Promise.all([...b.contents.keys()].map(async (uri) => (await stat(path.join(b.out, uri))).size));
      expect(Math.max(...sizes)).toBeLessThan(1024 * 1024);
    });

    it('counts buildings once, after dropping tile duplicates, and explains the skips', () => {
      // 1562 footprint features: tile copies, clipped pieces and building parts are not buildings.
      expect(b.result.features).toBeGreaterThan(1200);
      expect(b.result.features).toBeLessThan(1562);
      expect(b.result.skipped).toBeGreaterThan(408);
      expect(b.log.some((l) => /duplicate cop/.test(l))).toBe(true);
      expect(b.log.some((l) => /^skipped \d+ address points/.test(l))).toBe(true);
      expect(b.result.bounds).toMatchObject({ minHeightM: 0, maxHeightM: 632 });
    });

    it('shows the Shanghai Tower, 632 m, at every level from the root to its leaf', () => {
      const tower = 'OSM-W165792123';
      const leaf = defined(b.tiles.find((t) => t.leaf && content(b, t).ids.includes(tower)));
      const steps = leaf.path.split('.').map((_, i, all) => all.slice(0, i + 1).join('.'));
      expect(steps.length).toBeGreaterThanOrEqual(2);
      for (const step of steps) {
        const tile = content(b, defined(b.tiles.find((t) => t.path === step)));
        const i = tile.ids.indexOf(tower);
        expect(i, step).toBeGreaterThanOrEqual(0);
        expect(tile.heights[i]).toBe(632);
        expect(tile.names[i]).toBe('上海中心大厦');
      }
    });
  });
});
