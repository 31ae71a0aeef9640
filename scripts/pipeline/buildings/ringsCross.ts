import { elementAt } from '../tiles3d/elementAt.js';
import type { LonLat } from './BuildingRecord.js';

interface Segment {
  readonly ring: 0 | 1;
  readonly index: number;
  readonly ax: number;
  readonly ay: number;
  readonly bx: number;
  readonly by: number;
  readonly minX: number;
  readonly maxX: number;
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number =>
  (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/** Whether c, known collinear with a–b, lies within the segment's bounding box. */
const within = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean =>
  Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);

function segmentsTouch(s: Segment, t: Segment): boolean {
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return (
    (o1 === 0 && within(s.ax, s.ay, s.bx, s.by, t.ax, t.ay)) ||
    (o2 === 0 && within(s.ax, s.ay, s.bx, s.by, t.bx, t.by)) ||
    (o3 === 0 && within(t.ax, t.ay, t.bx, t.by, s.ax, s.ay)) ||
    (o4 === 0 && within(t.ax, t.ay, t.bx, t.by, s.bx, s.by))
  );
}

/** Consecutive edges of one ring share a vertex; they are only bad if the second folds back onto the first. */
function foldsBack(s: Segment, t: Segment): boolean {
  return orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by) === 0 && (s.ax - s.bx) * (t.bx - t.ax) + (s.ay - s.by) * (t.by - t.ay) > 0;
}

function segments(ring: readonly LonLat[], tag: 0 | 1, origin: LonLat): Segment[] {
  return ring.map((p, index) => {
    const q = elementAt(ring, (index + 1) % ring.length);
    const [ax, ay, bx, by] = [p[0] - origin[0], p[1] - origin[1], q[0] - origin[0], q[1] - origin[1]];
    return { ring: tag, index, ax, ay, bx, by, minX: Math.min(ax, bx), maxX: Math.max(ax, bx) };
  });
}

/**
 * Whether two rings (no closing points) touch or cross, or, given the same ring twice, whether it
 * touches or crosses itself. Any contact counts: footprints are triangulated and extruded, so a
 * ring pinched at a vertex is as unusable as one that crosses. A sweep over x keeps it near
 * O(n log n) for large rings.
 */
export function ringsCross(a: readonly LonLat[], b: readonly LonLat[]): boolean {
  const self = a === b;
  const origin = a[0];
  if (!origin || b.length === 0) return false;
  const all = self ? segments(a, 0, origin) : [...segments(a, 0, origin), ...segments(b, 1, origin)];
  all.sort((s, t) => s.minX - t.minX);
  const n = a.length;
  for (const [i, s] of all.entries()) {
    for (let j = i + 1; j < all.length; j++) {
      const t = elementAt(all, j);
      if (t.minX > s.maxX) break;
      if (!self && s.ring === t.ring) continue;
      if (Math.max(s.ay, s.by) < Math.min(t.ay, t.by) || Math.max(t.ay, t.by) < Math.min(s.ay, s.by)) continue;
      if (self) {
        const [first, second] = s.index < t.index ? [s, t] : [t, s];
        const gap = second.index - first.index;
        if (gap === 1) {
          if (foldsBack(first, second)) return true;
          continue;
        }
        if (gap === n - 1) {
          if (foldsBack(second, first)) return true;
          continue;
        }
      }
      if (segmentsTouch(s, t)) return true;
    }
  }
  return false;
}
