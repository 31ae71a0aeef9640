import type { GeoRegion, TileNode } from './TileNode.js';

const RAD = Math.PI / 180;

export interface TilesetJsonOptions {
  /** Error if nothing of the tileset is rendered (e.g. the tallest building's height). */
  readonly geometricError: number;
  readonly generator: string;
}

/** 3D Tiles regions are radians: [west, south, east, north, minimum height, maximum height]. */
function regionToRadians(r: GeoRegion): [number, number, number, number, number, number] {
  return [r.west * RAD, r.south * RAD, r.east * RAD, r.north * RAD, r.minHeightM, r.maxHeightM];
}

function contentJson(uris: readonly string[]): Record<string, unknown> {
  const [only] = uris;
  if (only !== undefined && uris.length === 1) return { content: { uri: only } };
  return uris.length > 1 ? { contents: uris.map((uri) => ({ uri })) } : {};
}

function tileJson(node: TileNode): Record<string, unknown> {
  return {
    boundingVolume: { region: regionToRadians(node.region) },
    geometricError: node.geometricError,
    ...(node.refine ? { refine: node.refine } : {}),
    ...contentJson(node.contentUris ?? []),
    ...(node.children.length ? { children: node.children.map(tileJson) } : {}),
  };
}

/**
 * The tileset.json of a 3D Tiles 1.1 tree: regions for bounding volumes, glTF content, REPLACE
 * refinement (children carry everything their parent shows, in more detail) unless a tile says
 * otherwise.
 */
export function createTilesetJson(root: TileNode, options: TilesetJsonOptions): Record<string, unknown> {
  return {
    asset: { version: '1.1', generator: options.generator },
    geometricError: options.geometricError,
    root: { ...tileJson(root), refine: root.refine ?? 'REPLACE' },
  };
}
