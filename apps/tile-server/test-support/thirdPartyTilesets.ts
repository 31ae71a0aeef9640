import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * Small but valid 3D Tiles tilesets written the way other tools write them: a `tileset.json`
 * and its contents, no `manifest.json`. Binary formats follow the 3D Tiles 1.0 specification
 * (b3dm, i3dm, pnts, cmpt) and 1.1 (glb contents, implicit tiling subtrees, multiple contents).
 */
export const THIRD_PARTY_TILESETS = ['b3dm', 'i3dm', 'pnts', 'cmpt', 'glb', 'implicit', 'external', 'multi'] as const;
export type ThirdPartyTilesetName = (typeof THIRD_PARTY_TILESETS)[number];

export interface WrittenFile {
  /** Relative to the tileset folder, `/`-separated. */
  readonly path: string;
  /** The content type a server should send, by the 3D Tiles and glTF registrations. */
  readonly contentType: string;
}

export type ThirdPartyTilesets = Readonly<Record<ThirdPartyTilesetName, readonly WrittenFile[]>>;

/** Written out independently of the server's table, so tests check that table rather than echo it. */
const EXPECTED_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.glb': 'model/gltf-binary',
  '.b3dm': 'application/octet-stream',
  '.i3dm': 'application/octet-stream',
  '.pnts': 'application/octet-stream',
  '.cmpt': 'application/octet-stream',
  '.subtree': 'application/octet-stream',
};

const GLB_MAGIC = 0x46546c67;
const GLB_JSON_CHUNK = 0x4e4f534a;
const GLB_BIN_CHUNK = 0x004e4942;
const GL_FLOAT = 5126;
const GL_ARRAY_BUFFER = 34962;

/** Spaces after `json` so that it ends on an `alignment` boundary when it starts at `start`. */
function paddedJson(value: unknown, start: number, alignment: number): Buffer {
  const text = Buffer.from(JSON.stringify(value), 'utf8');
  const padding = (alignment - ((start + text.length) % alignment)) % alignment;
  return Buffer.concat([text, Buffer.alloc(padding, 0x20)]);
}

/** Zeros after `bytes` so that its length is a multiple of `alignment`. */
function paddedBinary(bytes: Buffer, alignment: number): Buffer {
  return Buffer.concat([bytes, Buffer.alloc((alignment - (bytes.length % alignment)) % alignment)]);
}

function floats(values: readonly number[]): Buffer {
  return Buffer.from(new Float32Array(values).buffer);
}

function uint32s(values: readonly number[]): Buffer {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => bytes.writeUInt32LE(value, i * 4));
  return bytes;
}

/**
 * A binary glTF holding one triangle at `origin`, with a `_BATCHID` attribute (all 0) when it is
 * the model of a one-feature b3dm. Its length is a multiple of 8, the JSON chunk padded with
 * spaces, so it can end a b3dm, i3dm or cmpt without padding after it.
 */
export function makeGlb(options: { origin?: readonly [number, number, number]; batchId?: boolean } = {}): Buffer {
  const [x, y, z] = options.origin ?? [0, 0, 0];
  const positions = floats([x, y, z, x + 1, y, z, x, y + 1, z]);
  const batchIds = options.batchId ? floats([0, 0, 0]) : Buffer.alloc(0);
  const bin = paddedBinary(Buffer.concat([positions, batchIds]), 4);
  const attributes: Record<string, number> = { POSITION: 0 };
  const accessors: object[] = [
    { bufferView: 0, componentType: GL_FLOAT, count: 3, type: 'VEC3', min: [x, y, z], max: [x + 1, y + 1, z] },
  ];
  const bufferViews: object[] = [{ buffer: 0, byteOffset: 0, byteLength: positions.length, target: GL_ARRAY_BUFFER }];
  if (options.batchId) {
    attributes._BATCHID = 1;
    accessors.push({ bufferView: 1, componentType: GL_FLOAT, count: 3, type: 'SCALAR' });
    bufferViews.push({ buffer: 0, byteOffset: positions.length, byteLength: batchIds.length, target: GL_ARRAY_BUFFER });
  }
  const gltf = {
    asset: { version: '2.0', generator: 'pengcheng test-support' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes, mode: 4 }] }],
    accessors,
    bufferViews,
    buffers: [{ byteLength: positions.length + batchIds.length }],
  };
  // Header (12) and two chunk headers (8 each): 4 spaces more when the total would end off an 8-byte boundary.
  let json = paddedJson(gltf, 0, 4);
  if ((28 + json.length + bin.length) % 8 !== 0) json = Buffer.concat([json, Buffer.alloc(4, 0x20)]);
  const total = 28 + json.length + bin.length;
  return Buffer.concat([
    uint32s([GLB_MAGIC, 2, total, json.length, GLB_JSON_CHUNK]),
    json,
    uint32s([bin.length, GLB_BIN_CHUNK]),
    bin,
  ]);
}

interface TileTables {
  readonly featureJson: object;
  readonly featureBinary?: Buffer;
  readonly batchJson?: object;
  readonly body?: Buffer;
}

/**
 * The common layout of b3dm, i3dm and pnts: header, feature table, batch table, body. Each table
 * JSON ends on an 8-byte boundary of the file (padded with spaces), each binary part starts and
 * ends on one (padded with zeros).
 */
function tableTile(magic: 'b3dm' | 'i3dm' | 'pnts', tables: TileTables, gltfFormat?: number): Buffer {
  const headerLength = magic === 'i3dm' ? 32 : 28;
  const featureJson = paddedJson(tables.featureJson, headerLength, 8);
  const featureBinary = paddedBinary(tables.featureBinary ?? Buffer.alloc(0), 8);
  const batchStart = headerLength + featureJson.length + featureBinary.length;
  const batchJson = tables.batchJson ? paddedJson(tables.batchJson, batchStart, 8) : Buffer.alloc(0);
  const body = paddedBinary(tables.body ?? Buffer.alloc(0), 8);
  const byteLength = batchStart + batchJson.length + body.length;
  const fields = [1, byteLength, featureJson.length, featureBinary.length, batchJson.length, 0];
  if (gltfFormat !== undefined) fields.push(gltfFormat);
  return Buffer.concat([Buffer.from(magic, 'ascii'), uint32s(fields), featureJson, featureBinary, batchJson, body]);
}

/** Batched 3D Model: one feature (BATCH_LENGTH 1), its name in the batch table, an embedded glb. */
export function makeB3dm(): Buffer {
  return tableTile('b3dm', { featureJson: { BATCH_LENGTH: 1 }, batchJson: { name: ['triangle'] }, body: makeGlb({ batchId: true }) });
}

/** Instanced 3D Model: two instances of an embedded glb (gltfFormat 1). */
export function makeI3dm(): Buffer {
  return tableTile(
    'i3dm',
    { featureJson: { INSTANCES_LENGTH: 2, POSITION: { byteOffset: 0 } }, featureBinary: floats([0, 0, 0, 3, 0, 0]), body: makeGlb() },
    1,
  );
}

/** Point Cloud: three points, float positions and 8-bit RGB colours. */
export function makePnts(): Buffer {
  const positions = floats([0, 0, 0, 1, 0, 0, 0, 1, 0]);
  const colours = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255]);
  return tableTile('pnts', {
    featureJson: { POINTS_LENGTH: 3, POSITION: { byteOffset: 0 }, RGB: { byteOffset: positions.length } },
    featureBinary: Buffer.concat([positions, colours]),
  });
}

/** Composite: a b3dm and a pnts, each a multiple of 8 bytes long so each inner tile stays aligned. */
export function makeCmpt(): Buffer {
  const tiles = [makeB3dm(), makePnts()];
  const byteLength = 16 + tiles.reduce((sum, tile) => sum + tile.length, 0);
  return Buffer.concat([Buffer.from('cmpt', 'ascii'), uint32s([1, byteLength, tiles.length]), ...tiles]);
}

/** Availability as a constant, or as a bitstream (bytes, least significant bit first) with its count. */
export type Availability = { readonly constant: 0 | 1 } | { readonly bitstream: readonly number[]; readonly availableCount: number };

export interface SubtreeAvailability {
  readonly tileAvailability: Availability;
  readonly contentAvailability: readonly Availability[];
  readonly childSubtreeAvailability: Availability;
}

/**
 * A binary subtree: 24-byte header (magic "subt", version 1, uint64 JSON and binary lengths),
 * JSON padded with spaces to 8 bytes, then the bitstreams, each starting on an 8-byte boundary
 * of the binary chunk, which is itself padded with zeros to 8 bytes.
 */
export function makeSubtree(availability: SubtreeAvailability): Buffer {
  const chunks: Buffer[] = [];
  const bufferViews: { buffer: 0; byteOffset: number; byteLength: number }[] = [];
  let binaryLength = 0;
  const encode = (entry: Availability): object => {
    if ('constant' in entry) return { constant: entry.constant };
    const bits = paddedBinary(Buffer.from(entry.bitstream), 8);
    bufferViews.push({ buffer: 0, byteOffset: binaryLength, byteLength: entry.bitstream.length });
    chunks.push(bits);
    binaryLength += bits.length;
    return { bitstream: bufferViews.length - 1, availableCount: entry.availableCount };
  };
  const json: Record<string, unknown> = {
    tileAvailability: encode(availability.tileAvailability),
    contentAvailability: availability.contentAvailability.map(encode),
    childSubtreeAvailability: encode(availability.childSubtreeAvailability),
  };
  if (bufferViews.length > 0) Object.assign(json, { buffers: [{ byteLength: binaryLength }], bufferViews });
  const jsonBytes = paddedJson(json, 24, 8);
  const header = Buffer.alloc(24);
  header.write('subt', 0, 'ascii');
  header.writeUInt32LE(1, 4);
  header.writeBigUInt64LE(BigInt(jsonBytes.length), 8);
  header.writeBigUInt64LE(BigInt(binaryLength), 16);
  return Buffer.concat([header, jsonBytes, ...chunks]);
}

const BOX = [0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10];

function tilesetJson(version: '1.0' | '1.1', root: object): Buffer {
  return Buffer.from(`${JSON.stringify({ asset: { version }, geometricError: 100, root }, null, 2)}\n`, 'utf8');
}

function leaf(content: object): object {
  return { boundingVolume: { box: BOX }, geometricError: 0, content };
}

/**
 * The implicit tileset: a quadtree of 3 levels in subtrees of 2 levels. The root subtree holds the
 * root and three of its four children (Morton order: (0,0), (1,0), (0,1) yes, (1,1) no), all
 * with content, and has child subtrees at level 2 under tile 1/0/0: 2/0/0 (root with content)
 * and 2/1/1 (root without content). Level 3 would be past availableLevels, so it stays empty.
 */
function implicitFiles(): Map<string, Buffer> {
  const root = {
    boundingVolume: { box: BOX },
    geometricError: 50,
    refine: 'REPLACE',
    content: { uri: 'content/{level}/{x}/{y}.glb' },
    implicitTiling: { subdivisionScheme: 'QUADTREE', subtreeLevels: 2, availableLevels: 3, subtrees: { uri: 'subtrees/{level}/{x}/{y}.subtree' } },
  };
  const levelZeroAndOne = { bitstream: [0b00001111], availableCount: 4 };
  const onlyRoot = { bitstream: [0b00000001], availableCount: 1 };
  return new Map<string, Buffer>([
    ['tileset.json', tilesetJson('1.1', root)],
    [
      'subtrees/0/0/0.subtree',
      makeSubtree({
        tileAvailability: levelZeroAndOne,
        contentAvailability: [levelZeroAndOne],
        childSubtreeAvailability: { bitstream: [0b00001001, 0], availableCount: 2 },
      }),
    ],
    ['subtrees/2/0/0.subtree', makeSubtree({ tileAvailability: onlyRoot, contentAvailability: [onlyRoot], childSubtreeAvailability: { constant: 0 } })],
    ['subtrees/2/1/1.subtree', makeSubtree({ tileAvailability: onlyRoot, contentAvailability: [{ constant: 0 }], childSubtreeAvailability: { constant: 0 } })],
    ['content/0/0/0.glb', makeGlb()],
    ['content/1/0/0.glb', makeGlb({ origin: [-5, -5, 0] })],
    ['content/1/1/0.glb', makeGlb({ origin: [5, -5, 0] })],
    ['content/1/0/1.glb', makeGlb({ origin: [-5, 5, 0] })],
    ['content/2/0/0.glb', makeGlb({ origin: [-8, -8, 0] })],
  ]);
}

function tilesetFiles(name: ThirdPartyTilesetName): Map<string, Buffer> {
  const single = (version: '1.0' | '1.1', uri: string, content: Buffer): Map<string, Buffer> =>
    new Map([
      ['tileset.json', tilesetJson(version, { ...leaf({ uri }), geometricError: 10, refine: 'ADD' })],
      [uri, content],
    ]);
  switch (name) {
    case 'b3dm':
      return single('1.0', 'tiles/0.b3dm', makeB3dm());
    case 'i3dm':
      return single('1.0', 'tiles/0.i3dm', makeI3dm());
    case 'pnts':
      return single('1.0', 'tiles/0.pnts', makePnts());
    case 'cmpt':
      return single('1.0', 'tiles/0.cmpt', makeCmpt());
    case 'glb':
      return new Map([
        ['tileset.json', tilesetJson('1.1', { ...leaf({ uri: 'tiles/root.glb' }), geometricError: 10, refine: 'REPLACE', children: [leaf({ uri: 'tiles/child.glb' })] })],
        ['tiles/root.glb', makeGlb()],
        ['tiles/child.glb', makeGlb({ origin: [2, 2, 0] })],
      ]);
    case 'implicit':
      return implicitFiles();
    case 'external':
      return new Map([
        ['tileset.json', tilesetJson('1.1', { boundingVolume: { box: BOX }, geometricError: 10, refine: 'ADD', children: [{ ...leaf({ uri: 'nested/tileset.json' }), geometricError: 5 }] })],
        ['nested/tileset.json', tilesetJson('1.1', { ...leaf({ uri: 'content/tile.glb' }), geometricError: 5, refine: 'ADD' })],
        ['nested/content/tile.glb', makeGlb()],
      ]);
    case 'multi':
      return new Map([
        ['tileset.json', tilesetJson('1.1', { boundingVolume: { box: BOX }, geometricError: 0, refine: 'ADD', contents: [{ uri: 'tiles/mesh.glb' }, { uri: 'tiles/points.pnts' }] })],
        ['tiles/mesh.glb', makeGlb()],
        ['tiles/points.pnts', makePnts()],
      ]);
  }
}

/** Writes one tileset into `root/<name>` and lists what it wrote. */
export async function writeThirdPartyTileset(root: string, name: ThirdPartyTilesetName): Promise<WrittenFile[]> {
  const written: WrittenFile[] = [];
  for (const [relative, bytes] of tilesetFiles(name)) {
    const file = path.join(root, name, ...relative.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    written.push({ path: relative, contentType: EXPECTED_TYPES[path.extname(relative)] ?? 'application/octet-stream' });
  }
  return written;
}

/** Writes every third-party tileset, each in its own folder under `root`. */
export async function writeThirdPartyTilesets(root: string): Promise<ThirdPartyTilesets> {
  const entries = await Promise.all(THIRD_PARTY_TILESETS.map(async (name) => [name, await writeThirdPartyTileset(root, name)] as const));
  return Object.fromEntries(entries) as Record<ThirdPartyTilesetName, WrittenFile[]>;
}

/** Every file under `dir`, by `/`-separated relative path, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** A fixed timestamp, so that writing the same folder twice gives the same archive. */
const ZIP_MTIME = new Date(Date.UTC(2024, 0, 1));

async function zipOf(files: ReadonlyArray<readonly [string, Buffer]>, compress: boolean, zip64: boolean, index?: Buffer): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of files) zip.addBuffer(bytes, name, { compress, forceZip64Format: zip64, mtime: ZIP_MTIME });
  // The 3TZ specification asks for the index last and stored uncompressed.
  if (index) zip.addBuffer(index, '@3dtilesIndex1@', { compress: false, forceZip64Format: zip64, mtime: ZIP_MTIME });
  zip.end({ forceZip64Format: zip64, comment: '' });
  return buffer(zip.outputStream);
}

/**
 * The `@3dtilesIndex1@` entry of the 3TZ specification: per file, the MD5 hash of its path and the
 * offset of its local header (uint64 LE), sorted by hash read as two little-endian uint64s.
 */
function threeTzIndex(offsets: ReadonlyMap<string, number>): Buffer {
  const records = [...offsets].map(([name, offset]) => {
    const record = Buffer.alloc(24);
    createHash('md5').update(name, 'utf8').digest().copy(record, 0);
    record.writeBigUInt64LE(BigInt(offset), 16);
    return record;
  });
  const compare = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
  records.sort((a, b) => compare(a.readBigUInt64LE(0), b.readBigUInt64LE(0)) || compare(a.readBigUInt64LE(8), b.readBigUInt64LE(8)));
  return Buffer.concat(records);
}

/**
 * Packs `fromDir` into a 3D Tiles archive (.3tz), files deflated unless `compress` is false,
 * every entry in ZIP64 form when `zip64` is set, and the `@3dtilesIndex1@` entry last. The
 * index needs each entry's offset, which yazl only settles while writing: the archive is written
 * once to learn them, then again (byte for byte the same up to the index) with the index.
 */
export async function writeZipPackage(fromDir: string, toFile: string, options: { compress: boolean; zip64?: boolean } = { compress: true }): Promise<void> {
  const files = await Promise.all((await filesUnder(fromDir)).map(async (name) => [name, await readFile(path.join(fromDir, name))] as const));
  const zip64 = options.zip64 ?? false;
  const draft = await yauzl.fromBufferPromise(await zipOf(files, options.compress, zip64), { lazyEntries: true });
  const offsets = new Map<string, number>();
  for await (const entry of draft.eachEntry()) offsets.set(entry.fileName, entry.relativeOffsetOfLocalHeader);
  await mkdir(path.dirname(toFile), { recursive: true });
  await writeFile(toFile, await zipOf(files, options.compress, zip64, threeTzIndex(offsets)));
}

/**
 * Packs `fromDir` into a 3D Tiles package (.3dtiles) as 3d-tiles-tools does: one `media` row per
 * file, journal off, one transaction. With `gzip`, every blob is stored gzip-compressed, as the
 * original tilesetToDatabase did for tiles and JSON.
 */
export async function writeSqlitePackage(fromDir: string, toFile: string, options: { gzip: boolean } = { gzip: false }): Promise<void> {
  const files = await Promise.all((await filesUnder(fromDir)).map(async (name) => [name, await readFile(path.join(fromDir, name))] as const));
  await mkdir(path.dirname(toFile), { recursive: true });
  await rm(toFile, { force: true });
  const db = new Database(toFile);
  try {
    db.pragma('journal_mode = off');
    db.exec('BEGIN');
    db.exec('CREATE TABLE media (key TEXT PRIMARY KEY, content BLOB)');
    const insert = db.prepare<[string, Buffer]>('INSERT INTO media VALUES (?, ?)');
    for (const [name, bytes] of files) insert.run(name, options.gzip ? gzipSync(bytes) : bytes);
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}
