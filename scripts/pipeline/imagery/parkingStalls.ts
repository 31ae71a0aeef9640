import type { WorldPath } from './groundScene.js';

/** GB 50067-style stall: 2.5 m wide, 5 m deep, on each side of a 6 m aisle. */
const STALL_WIDTH_M = 2.5;
const STALL_DEPTH_M = 5;
const AISLE_M = 6;

/**
 * The painted stall lines of a rectangular surface lot, as segments (x0 y0 x1 y1 per segment):
 * rows of stalls along its long sides, as many rows as fit around an aisle. Null for a lot that
 * is not a simple rectangle or too narrow for a row.
 */
export function parkingStalls(ring: WorldPath, unitsPerMetre: number): WorldPath | null {
  if (ring.length !== 10) return null;
  const p = (i: number): [number, number] => [ring[2 * i] as number, ring[2 * i + 1] as number];
  const [a, b, , d] = [p(0), p(1), p(2), p(3)];
  const ab = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const ad = Math.hypot(d[0] - a[0], d[1] - a[1]);
  // Rows run along the long side, from `origin` in direction `along`, stalls reaching `across`.
  const [origin, alongEnd, acrossEnd, length, depth] = ab >= ad ? [a, b, d, ab, ad] : [a, d, b, ad, ab];
  if (length === 0 || depth === 0) return null;
  const along = [(alongEnd[0] - origin[0]) / length, (alongEnd[1] - origin[1]) / length] as const;
  const across = [(acrossEnd[0] - origin[0]) / depth, (acrossEnd[1] - origin[1]) / depth] as const;
  const stall = STALL_DEPTH_M * unitsPerMetre;
  const rows: [number, number][] = [];
  if (depth >= (2 * STALL_DEPTH_M + AISLE_M) * unitsPerMetre) rows.push([0, stall], [depth - stall, depth]);
  else if (depth >= (STALL_DEPTH_M + AISLE_M) * unitsPerMetre) rows.push([0, stall]);
  else return null;

  const step = STALL_WIDTH_M * unitsPerMetre;
  const segments: number[] = [];
  for (const [from, to] of rows) {
    for (let s = 0; s <= length + 1e-12; s += step) {
      const x = origin[0] + along[0] * s;
      const y = origin[1] + along[1] * s;
      segments.push(x + across[0] * from, y + across[1] * from, x + across[0] * to, y + across[1] * to);
    }
  }
  return Float64Array.from(segments);
}
