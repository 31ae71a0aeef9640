import type { LonLat } from './BuildingRecord.js';
import { localMetres } from '../tiles3d/localMetres.js';

/** Shoelace area of a ring (no closing point) in square metres: positive when counter-clockwise. */
export function ringSignedAreaM2(ring: readonly LonLat[]): number {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length < 3 || !first || !last) return 0;
  const toXY = localMetres(first);
  let sum = 0;
  let [px, py] = toXY(last);
  for (const p of ring) {
    const [x, y] = toXY(p);
    sum += px * y - x * py;
    [px, py] = [x, y];
  }
  return sum / 2;
}
