import type { GeoBounds } from '@pengcheng/protocol';
import { webMercator } from './webMercator.js';

/** The tiles of one zoom level, inclusive on both ends. */
export interface TileRange {
  readonly zoom: number;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

/**
 * Exactly the tiles whose area overlaps the bounds at a zoom: a tile that only touches the bounds
 * along an edge is left out, since it would be fully transparent.
 */
export function tileRange(bounds: GeoBounds, zoom: number): TileRange {
  const tiles = 2 ** zoom;
  const northWest = webMercator.project(bounds.west, bounds.north);
  const southEast = webMercator.project(bounds.east, bounds.south);
  const clamp = (n: number): number => Math.max(0, Math.min(tiles - 1, n));
  return {
    zoom,
    minX: clamp(Math.floor(northWest.x * tiles)),
    maxX: clamp(Math.ceil(southEast.x * tiles) - 1),
    minY: clamp(Math.floor(northWest.y * tiles)),
    maxY: clamp(Math.ceil(southEast.y * tiles) - 1),
  };
}
