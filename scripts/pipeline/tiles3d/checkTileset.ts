import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { NodeIO } from '@gltf-transform/core';
import { ecefToWgs84, type Mat4, type Vec3 } from './createEnuFrame.js';
import { createGltfIo } from './createGltfIo.js';
import { regionContains, type RegionRadians, type RegionTolerance } from './regionContains.js';

export interface CheckTilesetOptions {
  /** Tileset file relative to the folder. */
  readonly entry?: string;
  /** Largest allowed content file. */
  readonly maxContentBytes?: number;
  /** Slack when checking that a child's region (or a GLB's vertices) lies in its parent's region. */
  readonly tolerance?: RegionTolerance;
  /** Decode every GLB and check that its vertices lie inside the tile's region (default true). */
  readonly contentBounds?: boolean;
}

const MAX_CONTENT_BYTES = 2 * 1024 * 1024;
const DEFAULT_TOLERANCE: RegionTolerance = { angle: 1e-7, height: 0.5 };
const RAD = Math.PI / 180;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteArray = (v: unknown, length: number): v is number[] =>
  Array.isArray(v) && v.length === length && v.every((n) => typeof n === 'number' && Number.isFinite(n));
const isRegion = (v: unknown): v is RegionRadians => isFiniteArray(v, 6);
const isSphere = (v: unknown): v is [number, number, number, number] => isFiniteArray(v, 4);
const isMat4 = (v: unknown): v is Mat4 => isFiniteArray(v, 16);
const regionOf = (tile: Json): RegionRadians | undefined => {
  const region = isObject(tile.boundingVolume) ? tile.boundingVolume.region : undefined;
  return isRegion(region) ? region : undefined;
};

const transformPoint = (m: Readonly<Mat4>, [x, y, z]: Vec3): Vec3 => [
  m[0] * x + m[4] * y + m[8] * z + m[12],
  m[1] * x + m[5] * y + m[9] * z + m[13],
  m[2] * x + m[6] * y + m[10] * z + m[14],
];

function boundingVolumeProblem(volume: unknown): string | undefined {
  if (!isObject(volume)) return 'has no boundingVolume';
  if ('region' in volume) {
    if (!isRegion(volume.region)) return 'region must be 6 finite numbers';
    const [w, s, e, n, min, max] = volume.region;
    const inRange = [w, e].every((a) => Math.abs(a) <= Math.PI) && [s, n].every((a) => Math.abs(a) <= Math.PI / 2);
    if (!inRange) return 'region is outside [-π, π] × [-π/2, π/2] (degrees instead of radians?)';
    if (s > n || min > max) return 'region has south > north or minimum height > maximum height';
    return undefined;
  }
  if ('box' in volume) return isFiniteArray(volume.box, 12) ? undefined : 'box must be 12 finite numbers';
  if ('sphere' in volume) {
    return isSphere(volume.sphere) && volume.sphere[3] >= 0 ? undefined : 'sphere must be 4 finite numbers with a radius ≥ 0';
  }
  return 'boundingVolume has no region, box or sphere';
}

function glbHeaderProblem(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || view.getUint32(0, true) !== 0x46546c67) return 'is not a GLB (bad magic)';
  if (view.getUint32(4, true) !== 2) return 'is not glTF 2.0';
  if (view.getUint32(8, true) !== bytes.byteLength) return 'has a GLB length header that disagrees with its size';
  return undefined;
}

/**
 * Vertices of a GLB that fall outside a region, placed as a 3D Tiles runtime places them: node
 * matrices, then glTF's y-up turned to z-up ((x, y, z) → (x, −z, y)), then the tile transforms
 * (innermost first).
 */
async function verticesOutside(io: NodeIO, glb: Uint8Array, transforms: readonly Mat4[], region: RegionRadians, tolerance: RegionTolerance): Promise<string | undefined> {
  const document = await io.readBinary(glb);
  let outside = 0;
  let total = 0;
  let example = '';
  for (const node of document.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    const matrix = node.getWorldMatrix();
    for (const primitive of mesh.listPrimitives()) {
      const positions = primitive.getAttribute('POSITION');
      if (!positions) continue;
      const p: Vec3 = [0, 0, 0];
      for (let i = 0; i < positions.getCount(); i++) {
        const [x, y, z] = transformPoint(matrix, positions.getElement(i, p));
        const [lon, lat, height] = ecefToWgs84(...transforms.reduceRight((q, m) => transformPoint(m, q), [x, -z, y] as Vec3));
        total++;
        if (!regionContains(region, [lon * RAD, lat * RAD, lon * RAD, lat * RAD, height, height], tolerance)) {
          outside++;
          example ||= `${lon.toFixed(7)}°, ${lat.toFixed(7)}°, ${height.toFixed(2)} m`;
        }
      }
    }
  }
  return outside ? `${outside} of ${total} vertices lie outside the tile's region (e.g. ${example})` : undefined;
}

/**
 * Our structural check of a 3D Tiles 1.1 tileset folder. Returns one line per problem (empty:
 * fine): JSON shape, geometric errors (numbers ≥ 0, every child's below its parent's), bounding
 * volumes (children's regions inside their parent's), and content (every URI resolves to a local
 * file no larger than the limit, GLB headers intact, and GLB vertices — placed with tile
 * transforms, node matrices and the y-up to z-up rotation — inside the tile's region).
 * External tilesets are checked recursively.
 */
export async function checkTileset(dir: string, options: CheckTilesetOptions = {}): Promise<string[]> {
  const maxBytes = options.maxContentBytes ?? MAX_CONTENT_BYTES;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const rootDir = path.resolve(dir);
  const visited = new Set<string>();
  const io = options.contentBounds === false ? undefined : await createGltfIo();

  async function contentProblems(tilesetDir: string, uri: unknown, tile: Json, transforms: readonly Mat4[]): Promise<string[]> {
    if (typeof uri !== 'string' || uri === '') return ['content has no uri'];
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/')) return [`content uri "${uri}" is not a relative path`];
    const file = path.resolve(tilesetDir, decodeURIComponent(uri.replace(/[?#].*$/, '')));
    if (path.relative(rootDir, file).startsWith('..')) return [`content uri "${uri}" points outside the tileset folder`];
    if (file.endsWith('.json')) return checkFile(file, `→ ${uri}`, transforms);
    try {
      if (!(await stat(file)).isFile()) return [`content "${uri}" is not a file`];
    } catch {
      return [`content "${uri}" does not exist`];
    }
    const bytes = new Uint8Array(await readFile(file));
    const problems: string[] = [];
    if (bytes.byteLength > maxBytes) problems.push(`content "${uri}" is ${bytes.byteLength} bytes, over the ${maxBytes}-byte limit`);
    if (!file.endsWith('.glb')) return problems;
    const headerProblem = glbHeaderProblem(bytes);
    if (headerProblem) return [...problems, `content "${uri}" ${headerProblem}`];
    const region = regionOf(tile);
    if (io && region) {
      try {
        const outside = await verticesOutside(io, bytes, transforms, region, tolerance);
        if (outside) problems.push(`content "${uri}": ${outside}`);
      } catch (error) {
        problems.push(`content "${uri}" cannot be read as glTF: ${(error as Error).message}`);
      }
    }
    return problems;
  }

  async function checkFile(file: string, label: string, parentTransforms: readonly Mat4[]): Promise<string[]> {
    if (visited.has(file)) return [`${label}: external tileset is referenced twice (cycle?)`];
    visited.add(file);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      return [`${label}: cannot read or parse: ${(error as Error).message}`];
    }
    if (!isObject(json)) return [`${label}: not a JSON object`];
    const problems: string[] = [];
    const asset = json.asset;
    if (!isObject(asset) || asset.version !== '1.1') {
      problems.push(`${label}: asset.version must be "1.1" (got ${JSON.stringify(isObject(asset) ? asset.version : asset)})`);
    }
    const topError = json.geometricError;
    if (typeof topError !== 'number' || !Number.isFinite(topError) || topError < 0) problems.push(`${label}: geometricError must be a number ≥ 0`);
    if (!isObject(json.root)) return [...problems, `${label}: has no root tile`];
    if (json.root.refine !== 'REPLACE' && json.root.refine !== 'ADD') problems.push(`${label} root: refine must be "REPLACE" or "ADD"`);
    if (typeof topError === 'number' && typeof json.root.geometricError === 'number' && json.root.geometricError > topError) {
      problems.push(`${label} root: geometricError ${json.root.geometricError} is above the tileset's ${topError}`);
    }

    const tilesetDir = path.dirname(file);
    const walk = async (tile: Json, where: string, inherited: readonly Mat4[], parent?: Json): Promise<void> => {
      const error = tile.geometricError;
      if (typeof error !== 'number' || !Number.isFinite(error) || error < 0) problems.push(`${where}: geometricError must be a number ≥ 0`);
      const volumeProblem = boundingVolumeProblem(tile.boundingVolume);
      if (volumeProblem) problems.push(`${where}: ${volumeProblem}`);
      if (tile.refine !== undefined && tile.refine !== 'REPLACE' && tile.refine !== 'ADD') problems.push(`${where}: refine must be "REPLACE" or "ADD"`);
      if (tile.transform !== undefined && !isMat4(tile.transform)) problems.push(`${where}: transform must be 16 finite numbers`);
      const transforms = isMat4(tile.transform) ? [...inherited, tile.transform] : inherited;
      if (parent) {
        const parentError = parent.geometricError;
        if (typeof error === 'number' && typeof parentError === 'number' && !(error < parentError)) {
          problems.push(`${where}: geometricError ${error} is not below its parent's ${parentError}`);
        }
        const outer = regionOf(parent);
        const inner = regionOf(tile);
        if (!volumeProblem && outer && inner && !regionContains(outer, inner, tolerance)) {
          problems.push(`${where}: region is not inside its parent's`);
        }
      }
      const contents = [...(isObject(tile.content) ? [tile.content] : []), ...(Array.isArray(tile.contents) ? tile.contents : [])];
      for (const content of contents) {
        const uri = isObject(content) ? content.uri : undefined;
        problems.push(...(await contentProblems(tilesetDir, uri, tile, transforms)).map((p) => `${where}: ${p}`));
      }
      if (tile.children !== undefined && !Array.isArray(tile.children)) problems.push(`${where}: children must be an array`);
      const children = Array.isArray(tile.children) ? tile.children : [];
      for (const [i, child] of children.entries()) {
        if (isObject(child)) await walk(child, `${where}.children[${i}]`, transforms, tile);
        else problems.push(`${where}.children[${i}]: not an object`);
      }
    };
    await walk(json.root, `${label} root`, parentTransforms);
    return problems;
  }

  return checkFile(path.join(rootDir, options.entry ?? 'tileset.json'), options.entry ?? 'tileset.json', []);
}
