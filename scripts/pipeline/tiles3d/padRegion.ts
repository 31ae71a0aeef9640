import { localMetres } from './localMetres.js';
import type { GeoRegion } from './TileNode.js';

/** A region grown by some metres on every side, above and below. */
export function padRegion(r: GeoRegion, padM: number): GeoRegion {
  const [metresPerDegreeLon, metresPerDegreeLat] = localMetres([r.west, r.south])([r.west + 1, r.south + 1]);
  const [padLon, padLat] = [padM / metresPerDegreeLon, padM / metresPerDegreeLat];
  return {
    west: r.west - padLon,
    south: r.south - padLat,
    east: r.east + padLon,
    north: r.north + padLat,
    minHeightM: r.minHeightM - padM,
    maxHeightM: r.maxHeightM + padM,
  };
}
