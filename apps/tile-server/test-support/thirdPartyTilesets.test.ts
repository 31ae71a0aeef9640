import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from '@loaders.gl/core';
import { Tile3DSubtreeLoader, Tiles3DArchiveFileLoader, Tiles3DLoader } from '@loaders.gl/3d-tiles';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THIRD_PARTY_TILESETS, writeSqlitePackage, writeThirdPartyTilesets, writeZipPackage, type ThirdPartyTilesets } from './thirdPartyTilesets.js';

interface ValidationReport {
  readonly issues: { readonly numErrors: number; readonly numWarnings: number; readonly messages: readonly unknown[] };
}
// The Khronos validator ships no types; this is the one call used.
const { validateBytes } = createRequire(import.meta.url)('gltf-validator') as {
  validateBytes(data: Uint8Array, options: { format: 'glb'; uri: string; writeTimestamp: boolean }): Promise<ValidationReport>;
};

let root: string;
let written: ThirdPartyTilesets;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'third-party-tilesets-'));
  written = await writeThirdPartyTilesets(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Checks a binary glTF's layout; returns its JSON. */
function checkGlb(bytes: Buffer): { buffers: { byteLength: number }[] } {
  expect(bytes.toString('ascii', 0, 4)).toBe('glTF');
  expect(bytes.readUInt32LE(4)).toBe(2);
  expect(bytes.readUInt32LE(8)).toBe(bytes.length);
  const jsonLength = bytes.readUInt32LE(12);
  expect(bytes.readUInt32LE(16)).toBe(0x4e4f534a);
  expect(jsonLength % 4).toBe(0);
  const jsonText = bytes.toString('utf8', 20, 20 + jsonLength);
  expect(jsonText).toMatch(/^\{.*\} *$/s);
  const binStart = 20 + jsonLength;
  expect(binStart % 4).toBe(0);
  const binLength = bytes.readUInt32LE(binStart);
  expect(bytes.readUInt32LE(binStart + 4)).toBe(0x004e4942);
  expect(binLength % 4).toBe(0);
  expect(binStart + 8 + binLength).toBe(bytes.length);
  const gltf = JSON.parse(jsonText) as { buffers: { byteLength: number }[] };
  const declared = gltf.buffers[0]?.byteLength ?? -1;
  expect(binLength - declared).toBeGreaterThanOrEqual(0);
  expect(binLength - declared).toBeLessThan(4);
  expect([...bytes.subarray(binStart + 8 + declared)].every((b) => b === 0)).toBe(true);
  return gltf;
}

/** Checks a b3dm, i3dm or pnts layout (3D Tiles 1.0); returns the feature table JSON and the body. */
function checkTableTile(bytes: Buffer, magic: string): { featureTable: Record<string, unknown>; featureBinary: Buffer; body: Buffer } {
  const headerLength = magic === 'i3dm' ? 32 : 28;
  expect(bytes.toString('ascii', 0, 4)).toBe(magic);
  expect(bytes.readUInt32LE(4)).toBe(1);
  expect(bytes.readUInt32LE(8)).toBe(bytes.length);
  expect(bytes.length % 8).toBe(0);
  const [ftJson, ftBin, btJson, btBin] = [12, 16, 20, 24].map((at) => bytes.readUInt32LE(at)) as [number, number, number, number];
  if (magic === 'i3dm') expect(bytes.readUInt32LE(28)).toBe(1);
  let at = headerLength;
  const featureTable = JSON.parse(bytes.toString('utf8', at, at + ftJson)) as Record<string, unknown>;
  at += ftJson;
  expect(at % 8).toBe(0);
  const featureBinary = bytes.subarray(at, at + ftBin);
  at += ftBin;
  expect(at % 8).toBe(0);
  if (btJson > 0) JSON.parse(bytes.toString('utf8', at, at + btJson));
  at += btJson;
  expect(at % 8).toBe(0);
  at += btBin;
  expect(at % 8).toBe(0);
  return { featureTable, featureBinary, body: bytes.subarray(at) };
}

function checkCmpt(bytes: Buffer): string[] {
  expect(bytes.toString('ascii', 0, 4)).toBe('cmpt');
  expect(bytes.readUInt32LE(4)).toBe(1);
  expect(bytes.readUInt32LE(8)).toBe(bytes.length);
  const count = bytes.readUInt32LE(12);
  const inner: string[] = [];
  let at = 16;
  for (let i = 0; i < count; i += 1) {
    expect(at % 8).toBe(0);
    const magic = bytes.toString('ascii', at, at + 4);
    const length = bytes.readUInt32LE(at + 8);
    checkTableTile(bytes.subarray(at, at + length), magic);
    inner.push(magic);
    at += length;
  }
  expect(at).toBe(bytes.length);
  return inner;
}

interface SubtreeJson {
  buffers?: { byteLength: number }[];
  bufferViews?: { buffer: number; byteOffset: number; byteLength: number }[];
  tileAvailability: { constant?: number; bitstream?: number };
  contentAvailability: { constant?: number; bitstream?: number }[];
  childSubtreeAvailability: { constant?: number; bitstream?: number };
}

/** Checks a binary subtree's layout; returns its JSON and a reader of its availability bits. */
function checkSubtree(bytes: Buffer): { json: SubtreeJson; bit: (availability: { constant?: number; bitstream?: number }, index: number) => boolean } {
  expect(bytes.toString('ascii', 0, 4)).toBe('subt');
  expect(bytes.readUInt32LE(4)).toBe(1);
  const jsonLength = Number(bytes.readBigUInt64LE(8));
  const binaryLength = Number(bytes.readBigUInt64LE(16));
  expect(jsonLength % 8).toBe(0);
  expect(binaryLength % 8).toBe(0);
  expect(24 + jsonLength + binaryLength).toBe(bytes.length);
  const json = JSON.parse(bytes.toString('utf8', 24, 24 + jsonLength)) as SubtreeJson;
  const binary = bytes.subarray(24 + jsonLength);
  expect(json.buffers?.[0]?.byteLength ?? 0).toBe(binaryLength);
  for (const view of json.bufferViews ?? []) {
    expect(view.byteOffset % 8).toBe(0);
    expect(view.byteOffset + view.byteLength).toBeLessThanOrEqual(binaryLength);
  }
  const bit = (availability: { constant?: number; bitstream?: number }, index: number): boolean => {
    if (availability.bitstream === undefined) return availability.constant === 1;
    const view = json.bufferViews?.[availability.bitstream];
    if (!view) throw new Error(`bitstream ${availability.bitstream} has no buffer view`);
    return ((binary[view.byteOffset + (index >> 3)] ?? 0) & (1 << (index & 7))) !== 0;
  };
  return { json, bit };
}

/** x and y of a quadtree Morton index. */
function deinterleave(index: number): [number, number] {
  let x = 0;
  let y = 0;
  for (let b = 0; b < 16; b += 1) {
    x |= ((index >> (2 * b)) & 1) << b;
    y |= ((index >> (2 * b + 1)) & 1) << b;
  }
  return [x, y];
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('third-party tileset fixtures', () => {
  it.each(THIRD_PARTY_TILESETS)('%s: lists exactly the files it wrote, with a tileset.json and no manifest.json', async (name) => {
    const dir = path.join(root, name);
    expect(await filesIn(dir)).toEqual(written[name].map((f) => f.path).sort());
    expect(existsSync(path.join(dir, 'manifest.json'))).toBe(false);
    const tileset = JSON.parse(await readFile(path.join(dir, 'tileset.json'), 'utf8')) as { asset: { version: string } };
    expect(['1.0', '1.1']).toContain(tileset.asset.version);
  });

  it('writes glb files with aligned chunks that the Khronos glTF validator accepts', async () => {
    const glbs = Object.entries(written).flatMap(([name, files]) => files.filter((f) => f.path.endsWith('.glb')).map((f) => path.join(root, name, f.path)));
    expect(glbs.length).toBeGreaterThanOrEqual(9);
    for (const file of glbs) {
      const bytes = await readFile(file);
      checkGlb(bytes);
      const report = await validateBytes(new Uint8Array(bytes), { format: 'glb', uri: file, writeTimestamp: false });
      expect(report.issues.messages, file).toEqual([]);
    }
  });

  it('writes a b3dm with BATCH_LENGTH, a batch table and an embedded glb that carries _BATCHID', async () => {
    const { featureTable, body } = checkTableTile(await readFile(path.join(root, 'b3dm/tiles/0.b3dm')), 'b3dm');
    expect(featureTable).toEqual({ BATCH_LENGTH: 1 });
    const gltf = checkGlb(body) as unknown as { meshes: { primitives: { attributes: Record<string, number> }[] }[] };
    expect(gltf.meshes[0]?.primitives[0]?.attributes).toHaveProperty('_BATCHID');
  });

  it('writes an i3dm with INSTANCES_LENGTH, POSITION and an embedded glb (gltfFormat 1)', async () => {
    const { featureTable, featureBinary, body } = checkTableTile(await readFile(path.join(root, 'i3dm/tiles/0.i3dm')), 'i3dm');
    expect(featureTable).toEqual({ INSTANCES_LENGTH: 2, POSITION: { byteOffset: 0 } });
    expect(featureBinary.length).toBeGreaterThanOrEqual(2 * 12);
    checkGlb(body);
  });

  it('writes a pnts with POINTS_LENGTH, POSITION and RGB inside its feature table binary', async () => {
    const { featureTable, featureBinary, body } = checkTableTile(await readFile(path.join(root, 'pnts/tiles/0.pnts')), 'pnts');
    expect(featureTable).toEqual({ POINTS_LENGTH: 3, POSITION: { byteOffset: 0 }, RGB: { byteOffset: 36 } });
    expect(featureBinary.length).toBeGreaterThanOrEqual(36 + 9);
    expect(body.length).toBe(0);
  });

  it('writes a cmpt wrapping a b3dm and a pnts, each 8-byte aligned', async () => {
    expect(checkCmpt(await readFile(path.join(root, 'cmpt/tiles/0.cmpt')))).toEqual(['b3dm', 'pnts']);
  });

  it('writes contents loaders.gl parses as what they are', async () => {
    const contents: [string, string][] = [
      ['b3dm/tiles/0.b3dm', 'b3dm'],
      ['i3dm/tiles/0.i3dm', 'i3dm'],
      ['pnts/tiles/0.pnts', 'pnts'],
      ['cmpt/tiles/0.cmpt', 'cmpt'],
      ['glb/tiles/root.glb', 'glTF'],
      ['multi/tiles/points.pnts', 'pnts'],
    ];
    for (const [file, type] of contents) {
      const tile = (await parse(await readFile(path.join(root, file)), Tiles3DLoader, { '3d-tiles': { isTileset: false } } as never)) as { type: string };
      expect(tile.type, file).toBe(type);
    }
  });

  // loaders.gl loads an implicit tileset's subtrees through URLs it cannot fetch from disk; the next test walks them.
  it.each(THIRD_PARTY_TILESETS.filter((name) => name !== 'implicit'))('%s: loaders.gl reads the tileset.json', async (name) => {
    const file = path.join(root, name, 'tileset.json');
    const tileset = (await parse(await readFile(file), Tiles3DLoader, { '3d-tiles': { isTileset: true } } as never, { url: file } as never)) as { root?: unknown };
    expect(tileset.root).toBeDefined();
  });

  it('writes implicit tiling subtrees whose availability names exactly the glb contents written', async () => {
    const dir = path.join(root, 'implicit');
    const tileset = JSON.parse(await readFile(path.join(dir, 'tileset.json'), 'utf8')) as {
      root: { content: { uri: string }; implicitTiling: { subdivisionScheme: string; subtreeLevels: number; availableLevels: number; subtrees: { uri: string } } };
    };
    const tiling = tileset.root.implicitTiling;
    expect(tiling).toEqual({ subdivisionScheme: 'QUADTREE', subtreeLevels: 2, availableLevels: 3, subtrees: { uri: 'subtrees/{level}/{x}/{y}.subtree' } });
    expect(tileset.root.content.uri).toBe('content/{level}/{x}/{y}.glb');

    const fill = (template: string, level: number, x: number, y: number): string =>
      template.replace('{level}', String(level)).replace('{x}', String(x)).replace('{y}', String(y));
    const contents: string[] = [];
    const subtrees: string[] = [];
    const walk = async (level: number, x: number, y: number): Promise<void> => {
      const uri = fill(tiling.subtrees.uri, level, x, y);
      subtrees.push(uri);
      const bytes = await readFile(path.join(dir, uri));
      const { json, bit } = checkSubtree(bytes);
      // loaders.gl must read the same tile availability bits; it wants a base URL and fetch though the bits are internal.
      const context = { baseUrl: path.dirname(path.join(dir, uri)), fetch: () => Promise.reject(new Error('subtrees here have no external buffers')) };
      const parsed = (await parse(bytes, Tile3DSubtreeLoader, {}, context as never)) as {
        tileAvailability: { constant?: number; explicitBitstream?: Uint8Array };
      };
      const theirs = parsed.tileAvailability;
      for (let i = 0; i < (4 ** tiling.subtreeLevels - 1) / 3; i += 1) {
        const theirBit = theirs.explicitBitstream ? ((theirs.explicitBitstream[i >> 3] ?? 0) & (1 << (i & 7))) !== 0 : theirs.constant === 1;
        expect(theirBit).toBe(bit(json.tileAvailability, i));
      }
      let firstOfLevel = 0;
      for (let local = 0; local < tiling.subtreeLevels; local += 1) {
        for (let morton = 0; morton < 4 ** local; morton += 1) {
          const [dx, dy] = deinterleave(morton);
          const at = [level + local, (x << local) + dx, (y << local) + dy] as const;
          const available = bit(json.tileAvailability, firstOfLevel + morton);
          if (at[0] >= tiling.availableLevels) expect(available).toBe(false);
          const content = json.contentAvailability[0];
          if (content && bit(content, firstOfLevel + morton)) {
            expect(available).toBe(true);
            contents.push(fill(tileset.root.content.uri, ...at));
          }
        }
        firstOfLevel += 4 ** local;
      }
      const childLevel = level + tiling.subtreeLevels;
      for (let morton = 0; morton < 4 ** tiling.subtreeLevels; morton += 1) {
        if (!bit(json.childSubtreeAvailability, morton)) continue;
        const [dx, dy] = deinterleave(morton);
        await walk(childLevel, (x << tiling.subtreeLevels) + dx, (y << tiling.subtreeLevels) + dy);
      }
    };
    await walk(0, 0, 0);

    const onDisk = await filesIn(dir);
    expect(contents.sort()).toEqual(onDisk.filter((f) => f.endsWith('.glb')));
    expect(subtrees.sort()).toEqual(onDisk.filter((f) => f.endsWith('.subtree')));
    expect(contents).toHaveLength(5);
  });

  it('writes an external tileset the root references, with its own glb content', async () => {
    const rootJson = JSON.parse(await readFile(path.join(root, 'external/tileset.json'), 'utf8')) as { root: { children: { content: { uri: string } }[] } };
    expect(rootJson.root.children[0]?.content.uri).toBe('nested/tileset.json');
    const nested = JSON.parse(await readFile(path.join(root, 'external/nested/tileset.json'), 'utf8')) as { root: { content: { uri: string } } };
    expect(existsSync(path.join(root, 'external/nested', nested.root.content.uri))).toBe(true);
  });

  it('writes a tile with two contents, a glb and a pnts (3D Tiles 1.1 contents)', async () => {
    const tileset = JSON.parse(await readFile(path.join(root, 'multi/tileset.json'), 'utf8')) as { asset: { version: string }; root: { contents: { uri: string }[] } };
    expect(tileset.asset.version).toBe('1.1');
    expect(tileset.root.contents.map((c) => c.uri)).toEqual(['tiles/mesh.glb', 'tiles/points.pnts']);
    for (const content of tileset.root.contents) expect(existsSync(path.join(root, 'multi', content.uri))).toBe(true);
  });
});

describe('package writers', () => {
  it.each([
    { compress: true, zip64: false },
    { compress: false, zip64: false },
    { compress: true, zip64: true },
  ])('writeZipPackage %o: a 3TZ whose @3dtilesIndex1@, last, leads loaders.gl to every file', async (options) => {
    const dir = path.join(root, 'implicit');
    const file = path.join(root, `implicit-${String(options.compress)}-${String(options.zip64)}.3tz`);
    await writeZipPackage(dir, file, options);
    const zip = await yauzl.openPromise(file, { lazyEntries: true });
    const names: string[] = [];
    for await (const entry of zip.eachEntry()) {
      names.push(entry.fileName);
      expect(entry.compressionMethod).toBe(options.compress && entry.fileName !== '@3dtilesIndex1@' ? 8 : 0);
    }
    expect(names.at(-1)).toBe('@3dtilesIndex1@');
    expect(names.slice(0, -1)).toEqual(written.implicit.map((f) => f.path).sort());
    const bytes = await readFile(file);
    // The ZIP64 end of central directory record, present only in ZIP64 archives.
    expect(bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(options.zip64);
    for (const { path: relative } of written.implicit) {
      const archived = (await parse(bytes, Tiles3DArchiveFileLoader, { '3d-tiles-archive': { path: relative } } as never)) as ArrayBuffer;
      expect(Buffer.from(archived).equals(await readFile(path.join(dir, relative))), relative).toBe(true);
    }
  });

  it.each([false, true])('writeSqlitePackage gzip=%s: a media(key, content) row per file, gzip-compressed when asked', async (gzip) => {
    const dir = path.join(root, 'cmpt');
    const file = path.join(root, `cmpt-${String(gzip)}.3dtiles`);
    await writeSqlitePackage(dir, file, { gzip });
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare<[], { key: string; content: Buffer }>('SELECT key, content FROM media ORDER BY key').all();
      expect(rows.map((r) => r.key)).toEqual(written.cmpt.map((f) => f.path).sort());
      for (const row of rows) {
        expect(row.content.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(gzip);
        expect((gzip ? gunzipSync(row.content) : row.content).equals(await readFile(path.join(dir, row.key)))).toBe(true);
      }
    } finally {
      db.close();
    }
  });
});
