import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@loaders.gl/core';
import { Tiles3DLoader } from '@loaders.gl/3d-tiles';
import { PIPE_NETWORK_COLOURS, type PipeNetwork } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageResult } from '../stage.js';
import { checkTileset } from '../tiles3d/checkTileset.js';
import { ecefToWgs84, type Vec3 } from '../tiles3d/createEnuFrame.js';
import { createGltfIo } from '../tiles3d/createGltfIo.js';
import { defined } from '../tiles3d/defined.js';
import { validateGlb } from '../tiles3d/validateGlb.js';
import { networkMaterial } from './networkMaterial.js';
import { pipeDimensions } from './pipeDimensions.js';
import { pipeFixture, type PipeFixture } from './pipeFixture.js';
import { pipelinesStage, type PipelinesStageOptions } from './pipelinesStage.js';

const SOURCE = fileURLToPath(new URL('../../../assets/source/', import.meta.url));

type Json = { geometricError: number; refine?: string; content?: { uri: string }; contents?: { uri: string }[]; children?: Json[]; boundingVolume: { region: number[] } };

interface TileInfo {
  readonly path: string;
  readonly depth: number;
  readonly geometricError: number;
  readonly uris: string[];
  readonly leaf: boolean;
  readonly region: number[];
  readonly refine: string | undefined;
}

function flatten(tile: Json, depth = 0, where = '0'): TileInfo[] {
  const uris = [...(tile.content ? [tile.content.uri] : []), ...(tile.contents ?? []).map((c) => c.uri)];
  const children = tile.children ?? [];
  return [
    { path: where, depth, geometricError: tile.geometricError, uris, leaf: children.length === 0, region: tile.boundingVolume.region, refine: tile.refine },
    ...children.flatMap((child, i) => flatten(child, depth + 1, `${where}.${i}`)),
  ];
}

/** One vertex as a 3D Tiles runtime places it, with the feature and material it belongs to. */
interface PlacedVertex {
  readonly featureId: number;
  readonly lon: number;
  readonly lat: number;
  readonly height: number;
  readonly material: string;
}

interface Content {
  /** Columns of the property table as loaders.gl decodes them (enums as names). */
  readonly columns: Record<string, unknown[]>;
  readonly className: string;
  readonly count: number;
  readonly vertices: PlacedVertex[];
  /** Material name → linear RGBA and alpha mode. */
  readonly materials: Map<string, { color: number[]; alphaMode: string }>;
}

/** Reads a content GLB twice: its table with loaders.gl (an independent 3D Tiles reader), its geometry with glTF-Transform. */
async function readContent(file: string): Promise<Content> {
  type Table = { class: string; count: number; properties: Record<string, { data: ArrayLike<unknown> }> };
  type Gltf = { meshes: { primitives: { attributes: Record<string, { value: ArrayLike<number> }> }[] }[]; extensions: { EXT_structural_metadata: { propertyTables: Table[] } } };
  const bytes = await readFile(file);
  const tile = (await parse(bytes, Tiles3DLoader, { '3d-tiles': { isTileset: false } } as never)) as { type: string; gltf: Gltf };
  expect(tile.type).toBe('glTF');
  const tables = tile.gltf.extensions.EXT_structural_metadata.propertyTables;
  expect(tables.length).toBe(1);
  const table = defined(tables[0]);
  for (const primitive of tile.gltf.meshes.flatMap((m) => m.primitives)) {
    const ids = Array.from(defined(primitive.attributes._FEATURE_ID_0, '_FEATURE_ID_0').value);
    expect(ids.reduce((max, id) => Math.max(max, id), 0)).toBeLessThan(table.count);
  }

  const document = await (await createGltfIo()).readBinary(new Uint8Array(bytes));
  const vertices: PlacedVertex[] = [];
  const materials = new Map<string, { color: number[]; alphaMode: string }>();
  for (const node of document.getRoot().listNodes()) {
    const m = node.getWorldMatrix();
    for (const primitive of node.getMesh()?.listPrimitives() ?? []) {
      const material = defined(primitive.getMaterial(), 'material');
      materials.set(material.getName(), { color: material.getBaseColorFactor(), alphaMode: material.getAlphaMode() });
      const positions = defined(primitive.getAttribute('POSITION'));
      const ids = defined(primitive.getAttribute('_FEATURE_ID_0'));
      for (let i = 0; i < positions.getCount(); i++) {
        const [x, y, z] = positions.getElement(i, [0, 0, 0]);
        const p: Vec3 = [m[0] * x + m[4] * y + m[8] * z + m[12], m[1] * x + m[5] * y + m[9] * z + m[13], m[2] * x + m[6] * y + m[10] * z + m[14]];
        // glTF y-up → 3D Tiles z-up, then ECEF → WGS84.
        const [lon, lat, height] = ecefToWgs84(p[0], -p[2], p[1]);
        vertices.push({ featureId: defined(ids.getScalar(i)), lon, lat, height, material: material.getName() });
      }
    }
  }
  // loaders.gl hands over numeric columns with their 8-byte padding.
  const columns = Object.fromEntries(Object.entries(table.properties).map(([k, v]) => [k, Array.from(v.data).slice(0, table.count)]));
  return { columns, className: table.class, count: table.count, vertices, materials };
}

interface Build {
  readonly out: string;
  readonly result: StageResult;
  readonly tileset: { geometricError: number; root: Json };
  readonly tiles: TileInfo[];
  readonly log: string[];
  readonly progress: [number, number][];
  readonly millis: number;
}

async function build(sourceDir: string, options: PipelinesStageOptions = {}): Promise<Build> {
  const out = await mkdtemp(path.join(tmpdir(), 'pipelines-out-'));
  const log: string[] = [];
  const progress: [number, number][] = [];
  const started = performance.now();
  const result = await pipelinesStage(options).run({ sourceDir, outDir: out, log: (m) => log.push(m), onProgress: (done, total) => progress.push([done, total]) });
  const millis = performance.now() - started;
  const tileset = JSON.parse(await readFile(path.join(out, 'tileset.json'), 'utf8')) as Build['tileset'];
  return { out, result, tileset, tiles: flatten(tileset.root), log, progress, millis };
}

/** What every build must satisfy: our structural check, the Khronos validator, loaders.gl. */
async function expectSoundTileset(b: Build): Promise<void> {
  expect(await checkTileset(b.out)).toEqual([]);
  const parsed = (await parse(await readFile(path.join(b.out, 'tileset.json')), Tiles3DLoader, { '3d-tiles': { isTileset: true } } as never, { url: path.join(b.out, 'tileset.json') } as never)) as { root: { children: unknown[] } };
  expect(parsed.root.children.length).toBe(b.tiles.filter((t) => t.depth === 1).length);
  const uris = b.tiles.flatMap((t) => t.uris);
  expect(b.result.tiles).toBe(uris.length);
  expect(new Set(uris).size).toBe(uris.length);
  for (const uri of uris) {
    const bytes = new Uint8Array(await readFile(path.join(b.out, uri)));
    expect(bytes.byteLength).toBeLessThanOrEqual(2 * 1024 * 1024);
    const report = await validateGlb(bytes, uri);
    expect(report.errors, `${uri}: ${JSON.stringify(report.errors)}`).toEqual([]);
    expect(report.warnings).toEqual([]);
  }
  for (const tile of b.tiles) {
    expect(tile.region[4], `${tile.path} min height`).toBeLessThan(0);
    if (tile.leaf) expect(tile.geometricError).toBe(0);
  }
}

describe('pipelinesStage', () => {
  it('describes itself for the catalog as synthetic data', () => {
    expect(pipelinesStage()).toMatchObject({
      id: 'district-pipelines',
      kind: 'pipelines',
      name: { zh: '地下管线', en: 'Underground pipelines' },
      inputs: ['pipe_segments.geojson', 'pipe_nodes.geojson', 'utility_tunnel.geojson'],
    });
    expect(pipelinesStage().attribution.en).toMatch(/^Synthetic stand-in/);
    expect(pipelinesStage().attribution.zh).toMatch(/^合成数据/);
  });

  describe('on a small street grid', () => {
    let source: string;
    let fixture: PipeFixture;
    let b: Build;
    const contents = new Map<string, Content>();
    const content = (uri: string): Content => defined(contents.get(uri), uri);
    /** Every content of a class, with its uri. */
    const ofClass = (className: string): [string, Content][] => [...contents].filter(([, c]) => c.className === className);
    const leafContents = (className: string): Content[] => b.tiles.filter((t) => t.leaf).flatMap((t) => t.uris.map(content)).filter((c) => c.className === className);

    beforeAll(async () => {
      source = await mkdtemp(path.join(tmpdir(), 'pipelines-src-'));
      fixture = pipeFixture();
      await writeFile(path.join(source, 'pipe_segments.geojson'), JSON.stringify(fixture.segments));
      await writeFile(path.join(source, 'pipe_nodes.geojson'), JSON.stringify(fixture.nodes));
      await writeFile(path.join(source, 'utility_tunnel.geojson'), JSON.stringify(fixture.tunnel));
      b = await build(source, { tiling: { maxFeaturesPerTile: 40 } });
      for (const uri of b.tiles.flatMap((t) => t.uris)) contents.set(uri, await readContent(path.join(b.out, uri)));
    });
    afterAll(async () => {
      await rm(source, { recursive: true, force: true });
      await rm(b.out, { recursive: true, force: true });
    });

    it('reports what it built, all of it underground', () => {
      const highest = [...contents.values()].reduce((max, c) => c.vertices.reduce((m, v) => Math.max(m, v.height), max), -Infinity);
      expect(highest).toBeLessThan(0);
      expect(b.result).toMatchObject({ entry: 'tileset.json', features: fixture.validSegments + fixture.validNodes + 1, skipped: fixture.skipped });
      expect(b.result.bounds.minHeightM).toBeCloseTo(-6, 5);
      expect(b.result.bounds.maxHeightM).toBeCloseTo(-pipeDimensions.lid.topDepthM, 5);
      expect(b.progress.at(-1)).toEqual([fixture.validSegments + fixture.validNodes, fixture.validSegments + fixture.validNodes]);
    });

    it('writes a sound, valid, multi-level tileset', async () => {
      await expectSoundTileset(b);
      expect(Math.max(...b.tiles.map((t) => t.depth))).toBeGreaterThanOrEqual(3);
    });

    it('skips and logs invalid features, and never writes them', () => {
      for (const id of fixture.invalidIds) expect(b.log.some((l) => l.includes(`${id}: skipped: `)), id).toBe(true);
      expect(b.log).toContain('pipe_segments.geojson: PIPE-SD-999001: skipped: invalid properties: diameterMm: Too small: expected number to be >=20');
      expect(b.log.some((l) => /PIPE-SD-000001: skipped: another feature already has this id/.test(l))).toBe(true);
      const written = [...contents.values()].flatMap((c) => c.columns.id as string[]);
      for (const id of fixture.invalidIds) expect(written).not.toContain(id);
    });

    it('holds the utility tunnel in the root, always shown, with the pipes refining below it', () => {
      const root = defined(b.tiles[0]);
      expect(root).toMatchObject({ refine: 'ADD', uris: ['tunnel.glb'] });
      expect(defined(b.tiles[1]).refine).toBe('REPLACE');
      const tunnel = content('tunnel.glb');
      expect(tunnel.columns).toMatchObject({ id: ['UTN-001'], name: ['测试综合管廊'], nameEn: ['Test Utility Tunnel'], networks: ['power,telecom'] });
      expect(tunnel.columns.widthM).toEqual([6]);
      expect(tunnel.materials.get('tunnel-concrete')?.alphaMode).toBe('BLEND');
      const heights = tunnel.vertices.map((v) => v.height);
      expect(Math.min(...heights)).toBeCloseTo(-6, 2);
      expect(Math.max(...heights)).toBeCloseTo(-3, 2);
    });

    it('lays every pipe at its depth: each vertex underground, within a radius of the centre line’s depth', () => {
      let checked = 0;
      for (const [uri, c] of ofClass('pipe_segment')) {
        for (const v of c.vertices) {
          const depth = defined(c.columns.depthM?.[v.featureId]) as number;
          const radius = pipeDimensions.radiusM(defined(c.columns.diameterMm?.[v.featureId]) as number, depth);
          // 3 cm: 16-bit quantization over the tile.
          if (!(v.height < 0 && Math.abs(v.height + depth) <= radius + 0.03)) expect.fail(`${uri} feature ${v.featureId}: vertex at ${v.height} m for a pipe ${depth} m deep, ${radius} m in radius`);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1000);
    });

    it('colours pipes and nodes by network, after the Chinese convention', () => {
      const pairs = new Map<string, { network: PipeNetwork; color: number[] }>();
      for (const [, c] of [...ofClass('pipe_segment'), ...ofClass('pipe_node')]) {
        for (const v of c.vertices) {
          if (v.material === 'manhole-lid') continue;
          const network = defined(c.columns.network?.[v.featureId]) as PipeNetwork;
          pairs.set(`${v.material} ${network}`, { network, color: defined(c.materials.get(v.material)).color.slice(0, 3) });
        }
      }
      expect(pairs.size).toBe(6);
      for (const [pair, { network, color }] of pairs) {
        expect(pair).toBe(`network-${network} ${network}`);
        expect(color).toEqual(networkMaterial(network).baseColor);
      }
      // The convention itself: water supply blue, gas magenta.
      expect(PIPE_NETWORK_COLOURS.water_supply).toBe('#00a0e9');
      const [r, g, b2] = networkMaterial('gas').baseColor;
      expect(r).toBeGreaterThan(0.7);
      expect(g).toBeLessThan(0.01);
      expect(b2).toBeGreaterThan(0.15);
    });

    it('carries each segment’s attributes into its feature', () => {
      const [, leaf] = defined(ofClass('pipe_segment').find(([uri, c]) => uri.startsWith('segments/') && b.tiles.some((t) => t.leaf && t.uris.includes(uri)) && (c.columns.id as string[]).includes('PIPE-PW-900001')));
      const i = (leaf.columns.id as string[]).indexOf('PIPE-PW-900001');
      const row = Object.fromEntries(Object.entries(leaf.columns).map(([k, v]) => [k, v[i]]));
      expect(row).toEqual({
        id: 'PIPE-PW-900001',
        network: 'power',
        material: 'copper_cable',
        diameterMm: 200,
        depthM: Math.fround(4.2),
        pressureClass: 'none',
        installYear: 2021,
        fromNode: 'PN-PW-900001',
        toNode: 'PN-PW-900002',
        lengthM: 200,
        inTunnel: 1,
        roadEdgeId: '',
      });
      const water = defined(leafContents('pipe_segment').find((c) => (c.columns.network as string[]).includes('water_supply')));
      const w = (water.columns.network as string[]).indexOf('water_supply');
      expect([water.columns.pressureClass?.[w], water.columns.inTunnel?.[w]]).toEqual(['medium', 0]);
    });

    it('draws manholes from below their pipes up to a cover just under the street, valves on their pipes', () => {
      const nodes = leafContents('pipe_node');
      const byKind = (kind: string): { c: Content; id: number }[] => nodes.flatMap((c) => (c.columns.kind as string[]).flatMap((k, id) => (k === kind ? [{ c, id }] : [])));
      const heightsOf = ({ c, id }: { c: Content; id: number }): number[] => c.vertices.filter((v) => v.featureId === id).map((v) => v.height);
      const manholes = byKind('manhole');
      expect(manholes.length).toBeGreaterThan(10);
      for (const m of manholes) {
        const heights = heightsOf(m);
        expect(Math.max(...heights)).toBeCloseTo(-pipeDimensions.lid.topDepthM, 1);
        expect(Math.min(...heights)).toBeCloseTo(-(m.c.columns.depthM?.[m.id] as number), 1);
      }
      for (const v of byKind('valve')) {
        const heights = heightsOf(v);
        expect(Math.max(...heights)).toBeLessThan(-0.5);
        expect(heights.length).toBeGreaterThanOrEqual(24);
      }
      expect(byKind('end').length).toBeGreaterThan(5);
      expect(byKind('junction').length).toBeGreaterThan(5);
    });

    it('shows every feature once at full detail, and coarser tiles only the wide things they do not leave out', () => {
      const leafIds = [...leafContents('pipe_segment'), ...leafContents('pipe_node')].flatMap((c) => c.columns.id as string[]);
      expect(leafIds.length).toBe(fixture.validSegments + fixture.validNodes);
      expect(new Set(leafIds).size).toBe(leafIds.length);
      const coarse = b.tiles.filter((t) => !t.leaf && t.path !== '0');
      expect(coarse.length).toBeGreaterThan(0);
      const widthOf = (c: Content, i: number): number => 2 * pipeDimensions.radiusM(c.columns.diameterMm?.[i] as number, c.columns.depthM?.[i] as number);
      for (const tile of coarse) {
        const below = b.tiles.filter((t) => t.leaf && t.path.startsWith(`${tile.path}.`)).flatMap((t) => t.uris.map(content));
        const belowIds = new Set(below.flatMap((c) => c.columns.id as string[]));
        const shown = new Set(tile.uris.flatMap((u) => content(u).columns.id as string[]));
        expect([...shown].every((id) => belowIds.has(id))).toBe(true);
        expect(shown.size).toBeLessThan(belowIds.size);
        // What the tile leaves out is no wider than its geometric error says.
        for (const c of below.filter((c) => c.className === 'pipe_segment')) {
          (c.columns.id as string[]).forEach((id, i) => {
            if (!shown.has(id)) expect(widthOf(c, i), `${tile.path} leaves out ${id}`).toBeLessThanOrEqual(tile.geometricError);
          });
        }
      }
      // The thinnest pipes (cables, drawn 0.3 m) are gone from the quadtree's root.
      const quadRoot = defined(b.tiles[1]);
      const rootPipes = quadRoot.uris.map(content).filter((c) => c.className === 'pipe_segment');
      expect(rootPipes.flatMap((c) => c.columns.network as string[])).not.toContain('telecom');
      expect(quadRoot.geometricError).toBeGreaterThanOrEqual(0.3);
    });

    it('bends a cable with mitres and a ball joint, all at its depth', () => {
      const leaf = defined(leafContents('pipe_segment').find((c) => (c.columns.id as string[]).includes(fixture.bentSegmentId)));
      const id = (leaf.columns.id as string[]).indexOf(fixture.bentSegmentId);
      const heights = leaf.vertices.filter((v) => v.featureId === id).map((v) => v.height);
      expect(Math.min(...heights)).toBeCloseTo(-1 - 0.15, 1);
      expect(Math.max(...heights)).toBeCloseTo(-1 + 0.15, 1);
    });
  });

  describe('on the district’s source files', () => {
    let b: Build;
    beforeAll(async () => {
      b = await build(SOURCE);
    });
    afterAll(async () => {
      await rm(b.out, { recursive: true, force: true });
    });

    it('builds a valid tileset of every pipe, node and the tunnel, quickly', async () => {
      expect(b.millis).toBeLessThan(30_000);
      expect(b.result).toMatchObject({ features: 8835 + 7757 + 1, skipped: 0 });
      await expectSoundTileset(b);
      expect(Math.max(...b.tiles.map((t) => t.depth))).toBeGreaterThanOrEqual(3);
      const leafSizes = await Promise.all(b.tiles.filter((t) => t.leaf).flatMap((t) => t.uris.map(async (uri) => (await stat(path.join(b.out, uri))).size)));
      expect(Math.max(...leafSizes)).toBeLessThan(1024 * 1024);
      for (const uri of b.tiles.flatMap((t) => t.uris)) await parse(await readFile(path.join(b.out, uri)), Tiles3DLoader, { '3d-tiles': { isTileset: false } } as never);
    });
  });
});
