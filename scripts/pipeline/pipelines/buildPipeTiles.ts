import { buildQuadtree } from '../tiles3d/buildQuadtree.js';
import { createEnuFrame } from '../tiles3d/createEnuFrame.js';
import { padRegion } from '../tiles3d/padRegion.js';
import { CONTENT_SIZE_LIMITS, type QuadtreeTilingOptions } from '../tiles3d/QuadtreeTilingOptions.js';
import type { GeoRegion, TileNode } from '../tiles3d/TileNode.js';
import { unionRegions } from '../tiles3d/unionRegions.js';
import { createPipeContentGlb } from './createPipeContentGlb.js';
import type { PipeFeature } from './PipeFeature.js';

/** Pipelines tile by the shared quadtree limits; features are segments and nodes. */
export type PipeTilingOptions = QuadtreeTilingOptions;

export const DEFAULT_PIPE_TILING: PipeTilingOptions = {
  maxFeaturesPerTile: 1200,
  ...CONTENT_SIZE_LIMITS,
  maxDepth: 10,
};

export interface BuiltPipeTiles {
  readonly root: TileNode;
  readonly contentFiles: number;
  readonly totalBytes: number;
  readonly largestBytes: number;
  /** Quadtree levels with content. */
  readonly levels: number;
}

/** Padding so quantized content (3 cm steps over a 2 km tile) stays inside each region. */
const PAD_M = 0.5;

/** The contents of a tile: one GLB per metadata class, each under its own folder. */
const CONTENTS = [
  { className: 'pipe_segment', folder: 'segments' },
  { className: 'pipe_node', folder: 'nodes' },
] as const;

interface Content {
  readonly uri: string;
  readonly bytes: Uint8Array;
}

const regionOf = (features: readonly PipeFeature[]): GeoRegion => padRegion(unionRegions(features.map((f) => f.region)), PAD_M);

/**
 * Cuts pipe segments and nodes into a quadtree of 3D Tiles (`buildQuadtree`) with levels of
 * detail, writing GLBs through `writeContent`. Leaves show every feature and are split until they
 * hold at most `maxFeaturesPerTile` and each content fits `targetTileBytes`. A coarser tile shows
 * the features of its subtree ranked above a threshold (thin pipes and their nodes drop out
 * first), at least its children's threshold, and raised while the geometric error would not
 * exceed the children's or the content would not fit. Its geometric error is what the spec
 * means: the widest feature it leaves out, in metres.
 */
export async function buildPipeTiles(
  features: readonly PipeFeature[],
  options: PipeTilingOptions,
  writeContent: (uri: string, bytes: Uint8Array) => Promise<void>,
  onProgress: (done: number, total: number) => void,
): Promise<BuiltPipeTiles> {
  let contentFiles = 0;
  let totalBytes = 0;
  let largestBytes = 0;
  let levels = 0;
  let placed = 0;
  /** The rank threshold each tile was built with: a parent never shows what its children leave out. */
  const thresholds = new WeakMap<TileNode, number>();

  const contentsOf = async (region: GeoRegion, shown: readonly PipeFeature[], level: number, x: number, y: number): Promise<Content[]> => {
    const frame = createEnuFrame((region.west + region.east) / 2, (region.south + region.north) / 2);
    const contents: Content[] = [];
    for (const { className, folder } of CONTENTS) {
      const ofClass = shown.filter((f) => f.className === className);
      if (ofClass.length) contents.push({ uri: `${folder}/${level}/${x}/${y}.glb`, bytes: await createPipeContentGlb(frame, className, ofClass) });
    }
    return contents;
  };
  const fits = (contents: readonly Content[]): boolean => contents.every((c) => c.bytes.byteLength <= options.targetTileBytes);

  const write = async (contents: readonly Content[], level: number): Promise<string[]> => {
    for (const { uri, bytes } of contents) {
      if (bytes.byteLength > options.maxTileBytes) throw new Error(`${uri} would be ${bytes.byteLength} bytes, over the ${options.maxTileBytes}-byte limit`);
      await writeContent(uri, bytes);
      contentFiles++;
      totalBytes += bytes.byteLength;
      largestBytes = Math.max(largestBytes, bytes.byteLength);
    }
    levels = Math.max(levels, level + 1);
    return contents.map((c) => c.uri);
  };

  const root = await buildQuadtree(features, {
    maxDepth: options.maxDepth,
    async leaf({ members, level, x, y, canSplit }) {
      if (members.length > options.maxFeaturesPerTile && canSplit) return undefined;
      const region = regionOf(members);
      const contents = await contentsOf(region, members, level, x, y);
      if (!fits(contents) && canSplit) return undefined;
      const node: TileNode = { region, geometricError: 0, contentUris: await write(contents, level), children: [] };
      thresholds.set(node, -Infinity);
      placed += members.length;
      onProgress(placed, features.length);
      return node;
    },
    async parent({ members, level, x, y }, children) {
      const region = regionOf(members);
      const childError = Math.max(...children.map((c) => c.geometricError));
      const childThreshold = Math.max(...children.map((c) => thresholds.get(c) ?? -Infinity));
      // Thresholds fall between ranks: group the members by rank, thinnest pipes first.
      const byRank = [...members].sort((a, b) => a.rank - b.rank);
      const groups: { rank: number; end: number; widest: number }[] = [];
      for (const [i, f] of byRank.entries()) {
        const last = groups[groups.length - 1];
        if (last && last.rank === f.rank) groups[groups.length - 1] = { rank: f.rank, end: i + 1, widest: Math.max(last.widest, f.thicknessM) };
        else groups.push({ rank: f.rank, end: i + 1, widest: f.thicknessM });
      }
      let widest = 0;
      for (const [g, group] of groups.entries()) {
        widest = Math.max(widest, group.widest);
        if (group.rank < childThreshold || widest <= childError) continue;
        // Leaving the next rank out too costs nothing while nothing wider goes with it.
        const next = groups[g + 1];
        if (next && next.widest <= widest) continue;
        const shown = byRank.slice(group.end);
        const contents = shown.length ? await contentsOf(region, shown, level, x, y) : [];
        if (!fits(contents)) continue;
        const node: TileNode = { region, geometricError: widest, contentUris: await write(contents, level), children };
        thresholds.set(node, group.rank);
        return node;
      }
      // Everything is left out and still no wider than what a child leaves out: no larger honest
      // error exists, and an empty tile needs one only to stay above its children's.
      const node: TileNode = { region, geometricError: childError + 0.01, children };
      thresholds.set(node, Infinity);
      return node;
    },
  });
  return { root, contentFiles, totalBytes, largestBytes, levels };
}
