import type { GeoRegion } from './TileNode.js';

/** The smallest region around some regions (none: an empty region with infinite bounds). */
export function unionRegions(regions: Iterable<GeoRegion>): GeoRegion {
  let union: GeoRegion = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity, minHeightM: Infinity, maxHeightM: -Infinity };
  for (const r of regions) {
    union = {
      west: Math.min(union.west, r.west),
      south: Math.min(union.south, r.south),
      east: Math.max(union.east, r.east),
      north: Math.max(union.north, r.north),
      minHeightM: Math.min(union.minHeightM, r.minHeightM),
      maxHeightM: Math.max(union.maxHeightM, r.maxHeightM),
    };
  }
  return union;
}
