import { createEnuFrame } from '../tiles3d/createEnuFrame.js';
import type { GeoRegion, TileNode } from '../tiles3d/TileNode.js';
import type { BuildingRecord } from './BuildingRecord.js';
import { createBuildingTileGlb, type TileBuilding } from './createBuildingTileGlb.js';
import { localMetres } from './localMetres.js';
import { simplifyBuilding } from './simplifyBuilding.js';

export interface TilingOptions {
  /** A tile showing more buildings than this in full detail is split. */
  readonly maxFeaturesPerTile: number;
  /** Content above this size is split (full detail) or simplified further (coarser levels). */
  readonly targetTileBytes: number;
  /** Hard limit on any content file. */
  readonly maxTileBytes: number;
  /** Geometric error of the tiles just above full detail; each level up at least doubles it. */
  readonly baseErrorM: number;
  /**
   * Coarser tiles get a geometric error of at least this fraction of their width, so a viewer
   * refines a tile about when the camera comes within its width (at 16 px screen-space error).
   */
  readonly errorPerTileWidth: number;
  /** Quadtree levels below the root at most. */
  readonly maxDepth: number;
}

export const DEFAULT_TILING: TilingOptions = {
  maxFeaturesPerTile: 400,
  targetTileBytes: 1024 * 1024,
  maxTileBytes: 2 * 1024 * 1024,
  baseErrorM: 4,
  errorPerTileWidth: 1 / 64,
  maxDepth: 12,
};

export interface BuiltTiles {
  readonly root: TileNode;
  /** Where the buildings are (the root's region without its padding). */
  readonly extent: GeoRegion;
  readonly contentFiles: number;
  readonly totalBytes: number;
  readonly largestBytes: number;
}

interface Item {
  readonly record: BuildingRecord;
  readonly region: GeoRegion;
  /** Where the building sits in the quadtree: the centre of its footprint's bounding box. */
  readonly lon: number;
  readonly lat: number;
}

interface Box {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/** Padding so quantized content (3 cm steps) and chord sag stay inside each region. */
const PAD_M = 0.5;

function itemOf(record: BuildingRecord): Item {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const part of record.parts) {
    for (const [lon, lat] of part.rings[0]) {
      [west, south, east, north] = [Math.min(west, lon), Math.min(south, lat), Math.max(east, lon), Math.max(north, lat)];
    }
  }
  const minHeightM = Math.min(...record.parts.map((p) => p.minHeightM));
  const maxHeightM = Math.max(...record.parts.map((p) => p.heightM));
  return { record, region: { west, south, east, north, minHeightM, maxHeightM }, lon: (west + east) / 2, lat: (south + north) / 2 };
}

/** The box around some buildings' footprints and heights. */
function extentOf(items: readonly Item[]): GeoRegion {
  return items.reduce(
    (acc, { region: b }) => ({
      west: Math.min(acc.west, b.west),
      south: Math.min(acc.south, b.south),
      east: Math.max(acc.east, b.east),
      north: Math.max(acc.north, b.north),
      minHeightM: Math.min(acc.minHeightM, b.minHeightM),
      maxHeightM: Math.max(acc.maxHeightM, b.maxHeightM),
    }),
    { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity, minHeightM: Infinity, maxHeightM: -Infinity },
  );
}

/** A tile's bounding region: the extent of its buildings, padded. */
function regionOf(items: readonly Item[]): GeoRegion {
  const r = extentOf(items);
  const [metresPerDegreeLon, metresPerDegreeLat] = localMetres([r.west, r.south])([r.west + 1, r.south + 1]);
  const [padLon, padLat] = [PAD_M / metresPerDegreeLon, PAD_M / metresPerDegreeLat];
  return {
    west: r.west - padLon,
    south: r.south - padLat,
    east: r.east + padLon,
    north: r.north + padLat,
    minHeightM: r.minHeightM - PAD_M,
    maxHeightM: r.maxHeightM + PAD_M,
  };
}

/** A square (in metres) around the buildings' anchor points, so quadtree tiles are square too. */
function rootBox(items: readonly Item[]): Box {
  let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { lon, lat } of items) [west, east, south, north] = [Math.min(west, lon), Math.max(east, lon), Math.min(south, lat), Math.max(north, lat)];
  const centre: [number, number] = [(west + east) / 2, (south + north) / 2];
  const [kx, ky] = localMetres(centre)([centre[0] + 1, centre[1] + 1]);
  const half = (Math.max((east - west) * kx, (north - south) * ky) / 2) * 1.000001 + 1;
  return { west: centre[0] - half / kx, east: centre[0] + half / kx, south: centre[1] - half / ky, north: centre[1] + half / ky };
}

/**
 * Cuts buildings into a quadtree of 3D Tiles with levels of detail, writing each tile's GLB
 * through `writeContent`. Leaves hold every building in full detail and are split until they
 * have at most `maxFeaturesPerTile` buildings and fit `targetTileBytes`. Every coarser tile shows
 * all the buildings of its subtree simplified by `simplifyBuilding` at its geometric error: at
 * least `baseErrorM`, `errorPerTileWidth` of its width and twice its children's, and doubled
 * again while its content does not fit `targetTileBytes`. Quadrants without buildings are left out, and a node whose buildings all
 * fall in one quadrant is replaced by that quadrant.
 */
export async function buildBuildingTiles(
  buildings: readonly BuildingRecord[],
  options: TilingOptions,
  writeContent: (uri: string, bytes: Uint8Array) => Promise<void>,
  onProgress: (done: number, total: number) => void,
): Promise<BuiltTiles> {
  if (buildings.length === 0) throw new Error('no buildings to tile');
  const items = buildings.map(itemOf);
  let contentFiles = 0;
  let totalBytes = 0;
  let largestBytes = 0;
  let placed = 0;

  const tileContent = async (region: GeoRegion, shown: readonly TileBuilding[]): Promise<Uint8Array> =>
    createBuildingTileGlb(createEnuFrame((region.west + region.east) / 2, (region.south + region.north) / 2), shown);

  const write = async (uri: string, bytes: Uint8Array): Promise<string> => {
    if (bytes.byteLength > options.maxTileBytes) throw new Error(`${uri} would be ${bytes.byteLength} bytes, over the ${options.maxTileBytes}-byte limit`);
    await writeContent(uri, bytes);
    contentFiles++;
    totalBytes += bytes.byteLength;
    largestBytes = Math.max(largestBytes, bytes.byteLength);
    return uri;
  };

  const node = async (box: Box, members: readonly Item[], level: number, x: number, y: number): Promise<TileNode> => {
    const region = regionOf(members);
    const uri = `tiles/${level}/${x}/${y}.glb`;
    const [first] = members;
    const canSplit = level < options.maxDepth && members.some((m) => m.lon !== first?.lon || m.lat !== first.lat);

    if (members.length <= options.maxFeaturesPerTile || !canSplit) {
      const glb = await tileContent(region, members.map((m) => ({ record: m.record, parts: m.record.parts })));
      if (glb.byteLength <= options.targetTileBytes || !canSplit) {
        const contentUri = await write(uri, glb);
        placed += members.length;
        onProgress(placed, items.length);
        return { region, geometricError: 0, contentUri, children: [] };
      }
    }

    const midLon = (box.west + box.east) / 2;
    const midLat = (box.south + box.north) / 2;
    const quadrants = [0, 1, 2, 3].map((q) => {
      const east = q % 2 === 1;
      const north = q >= 2;
      return {
        box: { west: east ? midLon : box.west, east: east ? box.east : midLon, south: north ? midLat : box.south, north: north ? box.north : midLat },
        members: members.filter((m) => (m.lon >= midLon) === east && (m.lat >= midLat) === north),
        x: x * 2 + (east ? 1 : 0),
        y: y * 2 + (north ? 0 : 1),
      };
    });
    const occupied = quadrants.filter((q) => q.members.length > 0);
    const [only] = occupied;
    if (only && occupied.length === 1) return node(only.box, only.members, level + 1, only.x, only.y);
    const children: TileNode[] = [];
    for (const q of occupied) children.push(await node(q.box, q.members, level + 1, q.x, q.y));

    const widthM = localMetres([box.west, midLat])([box.east, midLat])[0];
    let geometricError = Math.max(options.baseErrorM, options.errorPerTileWidth * widthM, 2 * Math.max(...children.map((c) => c.geometricError)));
    for (;;) {
      const shown = members
        .map((m) => ({ record: m.record, parts: simplifyBuilding(m.record, geometricError) }))
        .filter((b) => b.parts.length > 0);
      if (shown.length === 0) return { region, geometricError, children };
      const glb = await tileContent(region, shown);
      if (glb.byteLength <= options.targetTileBytes) return { region, geometricError, contentUri: await write(uri, glb), children };
      geometricError *= 2;
    }
  };

  const root = await node(rootBox(items), items, 0, 0, 0);
  return { root, extent: extentOf(items), contentFiles, totalBytes, largestBytes };
}
