import { elementAt } from '../tiles3d/elementAt.js';
import type { LonLat } from './BuildingRecord.js';
import { localMetres, type XY } from '../tiles3d/localMetres.js';

function distanceToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker over points[from..to] (inclusive), marking the vertices to keep. */
function markKept(points: readonly XY[], from: number, to: number, tolerance: number, keep: boolean[]): void {
  const stack: [number, number][] = [[from, to]];
  for (let range = stack.pop(); range; range = stack.pop()) {
    const [first, last] = range;
    const [a, b] = [elementAt(points, first), elementAt(points, last)];
    let farthest = -1;
    let maxDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(elementAt(points, i), a, b);
      if (d > maxDistance) [farthest, maxDistance] = [i, d];
    }
    if (farthest < 0) continue;
    keep[farthest] = true;
    stack.push([first, farthest], [farthest, last]);
  }
}

/**
 * Douglas–Peucker simplification of a ring (no closing point) in metres: every dropped vertex
 * lies within `toleranceM` of the simplified outline, so the walls move by at most that much. The
 * result may be degenerate (fewer than 3 vertices, or crossing itself); the caller checks.
 */
export function simplifyRing(ring: readonly LonLat[], toleranceM: number): LonLat[] {
  const origin = ring[0];
  if (!origin || ring.length <= 3 || toleranceM <= 0) return [...ring];
  const points = ring.map(localMetres(origin));
  // Split the closed ring at vertex 0 and the vertex farthest from it, both of which stay.
  let split = 1;
  let splitDistance = 0;
  for (const [i, [x, y]] of points.entries()) {
    if (Math.hypot(x, y) > splitDistance) [split, splitDistance] = [i, Math.hypot(x, y)];
  }
  const closed = [...points, [0, 0] as const]; // back to vertex 0, the projection origin
  const keep = closed.map((_, i) => i === 0 || i === split);
  markKept(closed, 0, split, toleranceM, keep);
  markKept(closed, split, points.length, toleranceM, keep);
  return ring.filter((_, i) => keep[i]);
}
