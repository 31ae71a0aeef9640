import { localMetres, type LonLatDeg } from '../tiles3d/localMetres.js';
import type { GeoRegion } from '../tiles3d/TileNode.js';

/** The region of some points grown by `reachM` metres across, between two heights. */
export function regionAround(points: readonly LonLatDeg[], reachM: number, minHeightM: number, maxHeightM: number): GeoRegion {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) [west, south, east, north] = [Math.min(west, lon), Math.min(south, lat), Math.max(east, lon), Math.max(north, lat)];
  const [metresPerDegreeLon, metresPerDegreeLat] = localMetres([west, south])([west + 1, south + 1]);
  const [reachLon, reachLat] = [reachM / metresPerDegreeLon, reachM / metresPerDegreeLat];
  return { west: west - reachLon, south: south - reachLat, east: east + reachLon, north: north + reachLat, minHeightM, maxHeightM };
}
