import { buildQuadtree } from '../tiles3d/buildQuadtree.js';
import { createEnuFrame } from '../tiles3d/createEnuFrame.js';
import { localMetres } from '../tiles3d/localMetres.js';
import { padRegion } from '../tiles3d/padRegion.js';
import { CONTENT_SIZE_LIMITS, type QuadtreeTilingOptions } from '../tiles3d/QuadtreeTilingOptions.js';
import type { GeoRegion, TileNode } from '../tiles3d/TileNode.js';
import { unionRegions } from '../tiles3d/unionRegions.js';
import type { BuildingRecord } from './BuildingRecord.js';
import { createBuildingTileGlb, type TileBuilding } from './createBuildingTileGlb.js';
import { simplifyBuilding } from './simplifyBuilding.js';

export interface TilingOptions extends QuadtreeTilingOptions {
  /** Geometric error of the tiles just above full detail; each level up at least doubles it. */
  readonly baseErrorM: number;
  /**
   * Coarser tiles get a geometric error of at least this fraction of their width, so a viewer
   * refines a tile about when the camera comes within its width (at 16 px screen-space error).
   */
  readonly errorPerTileWidth: number;
}

export const DEFAULT_TILING: TilingOptions = {
  maxFeaturesPerTile: 400,
  ...CONTENT_SIZE_LIMITS,
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
const extentOf = (items: readonly Item[]): GeoRegion => unionRegions(items.map((item) => item.region));

/**
 * Cuts buildings into a quadtree of 3D Tiles with levels of detail, writing each tile's GLB
 * through `writeContent`. Leaves hold every building in full detail and are split until they
 * have at most `maxFeaturesPerTile` buildings and fit `targetTileBytes`. Every coarser tile shows
 * all the buildings of its subtree simplified by `simplifyBuilding` at its geometric error: at
 * least `baseErrorM`, `errorPerTileWidth` of its width and twice its children's, and doubled
 * again while its content does not fit `targetTileBytes`. Tiles are cells of `buildQuadtree`.
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

  const root = await buildQuadtree(items, {
    maxDepth: options.maxDepth,
    async leaf({ members, level, x, y, canSplit }) {
      if (members.length > options.maxFeaturesPerTile && canSplit) return undefined;
      const region = padRegion(extentOf(members), PAD_M);
      const glb = await tileContent(region, members.map((m) => ({ record: m.record, parts: m.record.parts })));
      if (glb.byteLength > options.targetTileBytes && canSplit) return undefined;
      const contentUri = await write(`tiles/${level}/${x}/${y}.glb`, glb);
      placed += members.length;
      onProgress(placed, items.length);
      return { region, geometricError: 0, contentUris: [contentUri], children: [] };
    },
    async parent({ box, members, level, x, y }, children) {
      const region = padRegion(extentOf(members), PAD_M);
      const midLat = (box.south + box.north) / 2;
      const widthM = localMetres([box.west, midLat])([box.east, midLat])[0];
      let geometricError = Math.max(options.baseErrorM, options.errorPerTileWidth * widthM, 2 * Math.max(...children.map((c) => c.geometricError)));
      for (;;) {
        const shown = members
          .map((m) => ({ record: m.record, parts: simplifyBuilding(m.record, geometricError) }))
          .filter((b) => b.parts.length > 0);
        if (shown.length === 0) return { region, geometricError, children };
        const glb = await tileContent(region, shown);
        if (glb.byteLength <= options.targetTileBytes) return { region, geometricError, contentUris: [await write(`tiles/${level}/${x}/${y}.glb`, glb)], children };
        geometricError *= 2;
      }
    },
  });
  return { root, extent: extentOf(items), contentFiles, totalBytes, largestBytes };
}
