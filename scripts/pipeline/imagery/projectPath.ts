import type { WorldPath } from './groundScene.js';
import { webMercator } from './webMercator.js';

function isLonLat(position: unknown): position is [number, number, ...number[]] {
  if (!Array.isArray(position) || position.length < 2) return false;
  const [lon, lat] = position as unknown[];
  return typeof lon === 'number' && typeof lat === 'number' && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

/**
 * Projects a GeoJSON position array (a LineString or one ring) to world coordinates; null when
 * it is not an array of at least `minPoints` valid lon/lat positions, so the caller can skip
 * the feature and say why.
 */
export function projectPath(positions: unknown, minPoints: number): WorldPath | null {
  if (!Array.isArray(positions) || positions.length < minPoints) return null;
  const path = new Float64Array(positions.length * 2);
  for (let i = 0; i < positions.length; i++) {
    const position: unknown = positions[i];
    if (!isLonLat(position)) return null;
    const point = webMercator.project(position[0], position[1]);
    path[2 * i] = point.x;
    path[2 * i + 1] = point.y;
  }
  return path;
}
