import type { LonLat } from './BuildingRecord.js';

/** Even-odd test: whether a point lies inside a ring (points on the boundary may go either way). */
export function pointInRing([x, y]: LonLat, ring: readonly LonLat[]): boolean {
  const last = ring[ring.length - 1];
  if (!last) return false;
  let inside = false;
  let [xj, yj] = last;
  for (const [xi, yi] of ring) {
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    [xj, yj] = [xi, yi];
  }
  return inside;
}
