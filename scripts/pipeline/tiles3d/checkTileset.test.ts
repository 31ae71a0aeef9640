import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTileset } from './checkTileset.js';
import { createEnuFrame } from './createEnuFrame.js';
import { createFeatureGlb } from './createFeatureGlb.js';
import { defined } from './defined.js';
import { encodePropertyTable } from './encodePropertyTable.js';
import type { MetadataSchema } from './MetadataSchema.js';

const RAD = Math.PI / 180;
const region = (w: number, s: number, e: number, n: number, min: number, max: number): number[] => [w * RAD, s * RAD, e * RAD, n * RAD, min, max];
const schema: MetadataSchema = { id: 't', classes: { c: { properties: { n: { type: 'SCALAR', componentType: 'UINT8' } } } } };

/** A GLB with one 40 m-wide triangle from the ground to `height`, centred on lon/lat. */
async function triangleGlb(lon: number, lat: number, height: number): Promise<Uint8Array> {
  const frame = createEnuFrame(lon, lat);
  const corners: [number, number, number][] = [[lon - 0.0002, lat - 0.0002, 0], [lon + 0.0002, lat - 0.0002, 0], [lon, lat + 0.0002, height]];
  return createFeatureGlb({
    frame,
    parts: [{
      positions: new Float32Array(corners.flatMap(([x, y, h]) => frame.toEnu(x, y, h))),
      normals: new Float32Array([0, -1, 0, 0, -1, 0, 0, -1, 0]),
      featureIds: new Uint32Array([0, 0, 0]),
      indices: new Uint32Array([0, 1, 2]),
      material: { name: 'm', baseColor: [1, 1, 1], roughness: 1 },
    }],
    schema,
    table: encodePropertyTable(schema, 'c', [{ n: 1 }]),
  });
}

type Tileset = { asset: { version: string }; geometricError: number; root: Tile };
type Tile = { boundingVolume: { region: number[] }; geometricError: number; refine?: string; content?: { uri: string }; children?: Tile[] };

const child = (t: Tileset, i: number): Tile => defined(t.root.children?.[i], `child ${i}`);

const good = (): Tileset => ({
  asset: { version: '1.1' },
  geometricError: 100,
  root: {
    boundingVolume: { region: region(117.19, 34.25, 117.21, 34.27, 0, 60) },
    geometricError: 20,
    refine: 'REPLACE',
    content: { uri: 'root.glb' },
    children: [
      { boundingVolume: { region: region(117.19, 34.25, 117.2, 34.27, 0, 60) }, geometricError: 0, content: { uri: 'tiles/a.glb' } },
      { boundingVolume: { region: region(117.2, 34.25, 117.21, 34.27, 0, 50) }, geometricError: 0, content: { uri: 'tiles/b.glb' } },
    ],
  },
});

describe('checkTileset', () => {
  let work: string;
  const glbs = new Map<string, Uint8Array>();

  async function folder(tileset: unknown, extra: Record<string, Uint8Array | string> = {}): Promise<string> {
    const dir = await mkdtemp(path.join(work, 'case-'));
    await mkdir(path.join(dir, 'tiles'));
    for (const [name, bytes] of [...glbs, ...Object.entries(extra)]) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), bytes);
    }
    await writeFile(path.join(dir, 'tileset.json'), typeof tileset === 'string' ? tileset : JSON.stringify(tileset));
    return dir;
  }

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'check-tileset-'));
    glbs.set('root.glb', await triangleGlb(117.2, 34.26, 55));
    glbs.set('tiles/a.glb', await triangleGlb(117.195, 34.26, 55));
    glbs.set('tiles/b.glb', await triangleGlb(117.205, 34.26, 45));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('finds nothing wrong with a good tileset, including an external one', async () => {
    expect(await checkTileset(await folder(good()))).toEqual([]);
    const outer = good();
    const inner = good();
    outer.root.children = [];
    outer.root.content = { uri: 'sub/tileset.json' };
    inner.root.content = { uri: '../root.glb' };
    inner.root.children?.forEach((tile) => (tile.content = { uri: `../${tile.content?.uri ?? ''}` }));
    expect(await checkTileset(await folder(outer, { 'sub/tileset.json': JSON.stringify(inner) }))).toEqual([]);
  });

  const defects: [string, (t: Tileset) => void, RegExp][] = [
    ['a 1.0 asset version', (t) => (t.asset.version = '1.0'), /asset\.version must be "1\.1"/],
    ['a negative geometric error', (t) => (t.root.geometricError = -1), /root: geometricError must be a number ≥ 0/],
    ['a child as coarse as its parent', (t) => (child(t, 1).geometricError = 20), /children\[1\]: geometricError 20 is not below its parent's 20/],
    ['a child region outside its parent', (t) => (child(t, 0).boundingVolume.region = region(117.18, 34.25, 117.2, 34.27, 0, 60)), /children\[0\]: region is not inside its parent's/],
    ['a child region taller than its parent', (t) => (child(t, 0).boundingVolume.region[5] = 80), /children\[0\]: region is not inside/],
    ['a missing content file', (t) => (child(t, 1).content = { uri: 'tiles/missing.glb' }), /"tiles\/missing\.glb" does not exist/],
    ['a content URI leaving the folder', (t) => (t.root.content = { uri: '../elsewhere.glb' }), /points outside the tileset folder/],
    ['a region in degrees', (t) => (t.root.boundingVolume.region = [117.19, 34.25, 117.21, 34.27, 0, 60]), /degrees instead of radians/],
    ['content placed outside its region', (t) => (child(t, 0).content = { uri: 'tiles/b.glb' }), /children\[0\]: content "tiles\/b\.glb": 3 of 3 vertices lie outside/],
    ['content taller than its region', (t) => (child(t, 1).content = { uri: 'tiles/c.glb' }), /"tiles\/c\.glb": 1 of 3 vertices lie outside/],
    ['no refine on the root', (t) => delete t.root.refine, /root: refine must be/],
  ];

  it.each(defects)('catches %s', async (_, breakIt, expected) => {
    const tileset = good();
    breakIt(tileset);
    const problems = await checkTileset(await folder(tileset, { 'tiles/c.glb': await triangleGlb(117.205, 34.26, 58) }));
    expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
  });

  it('catches content over 2 MB and a broken GLB header', async () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 8);
    const view = new DataView(big.buffer);
    view.setUint32(0, 0x46546c67, true);
    view.setUint32(4, 2, true);
    view.setUint32(8, big.byteLength, true);
    const tileset = good();
    child(tileset, 0).content = { uri: 'tiles/big.glb' };
    child(tileset, 1).content = { uri: 'tiles/bad.glb' };
    const problems = await checkTileset(await folder(tileset, { 'tiles/big.glb': big, 'tiles/bad.glb': new Uint8Array(16) }));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/"tiles\/big\.glb" is 2097160 bytes, over the 2097152-byte limit/), expect.stringMatching(/"tiles\/bad\.glb" is not a GLB/)]));
  });

  it('catches unparseable JSON and a tileset without a root', async () => {
    expect(await checkTileset(await folder('{"asset": '))).toEqual([expect.stringMatching(/cannot read or parse/)]);
    expect(await checkTileset(await folder({ asset: { version: '1.1' }, geometricError: 1 }))).toEqual([expect.stringMatching(/has no root tile/)]);
  });
});
