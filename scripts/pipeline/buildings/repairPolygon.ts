import { elementAt } from '../tiles3d/elementAt.js';
import { isRing, type LonLat, type PolygonRings, type Ring } from './BuildingRecord.js';
import { localMetres } from '../tiles3d/localMetres.js';
import { pointInRing } from './pointInRing.js';
import { ringsCross } from './ringsCross.js';
import { ringSignedAreaM2 } from './ringSignedAreaM2.js';

export type RepairResult =
  | { readonly ok: true; readonly rings: PolygonRings; readonly repairs: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Smallest footprint worth extruding; below it an outer ring is "zero area". */
const MIN_OUTER_AREA_M2 = 1;
const MIN_HOLE_AREA_M2 = 0.01;
/** Vertices closer than this to the line through their neighbours add nothing (collinear or spikes). */
const DEGENERATE_VERTEX_M = 0.01;
const DUPLICATE_POINT_M = 0.001;

function reversed(ring: Ring): Ring {
  const flipped = [...ring].reverse();
  return isRing(flipped) ? flipped : ring;
}

function parsePosition(value: unknown): LonLat | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const [lon, lat]: unknown[] = value;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return undefined;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return undefined;
  return [lon, lat];
}

interface CleanRing {
  readonly ring: LonLat[];
  readonly unclosed: boolean;
  readonly duplicates: number;
  readonly degenerate: number;
}

/** Drops the closing point, repeated points and vertices that are collinear or spikes. */
function cleanRing(points: readonly LonLat[]): CleanRing {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return { ring: [], unclosed: false, duplicates: 0, degenerate: 0 };
  const toXY = localMetres(first);
  const distance = (a: LonLat, b: LonLat): number => {
    const [ax, ay] = toXY(a);
    const [bx, by] = toXY(b);
    return Math.hypot(ax - bx, ay - by);
  };
  const unclosed = points.length > 1 && (first[0] !== last[0] || first[1] !== last[1]);
  let ring: LonLat[] = [];
  let duplicates = 0;
  for (const p of points) {
    const previous = ring[ring.length - 1];
    if (previous && distance(p, previous) < DUPLICATE_POINT_M) duplicates++;
    else ring.push(p);
  }
  const end = ring[ring.length - 1];
  if (ring.length > 1 && end && distance(first, end) < DUPLICATE_POINT_M) ring.pop();

  let degenerate = 0;
  for (let changed = true; changed && ring.length >= 3; ) {
    changed = false;
    for (let i = 0; i < ring.length && ring.length >= 3; i++) {
      const [px, py] = toXY(elementAt(ring, (i + ring.length - 1) % ring.length));
      const [hx, hy] = toXY(elementAt(ring, i));
      const [nx, ny] = toXY(elementAt(ring, (i + 1) % ring.length));
      const base = Math.hypot(nx - px, ny - py);
      const cross = Math.abs((nx - px) * (hy - py) - (ny - py) * (hx - px));
      if (base < DUPLICATE_POINT_M || cross / base < DEGENERATE_VERTEX_M) {
        ring = ring.filter((_, j) => j !== i);
        degenerate++;
        changed = true;
        i--;
      }
    }
  }
  return { ring, unclosed, duplicates, degenerate };
}

/**
 * Checks and repairs the coordinates of one GeoJSON Polygon (any value: it never throws).
 * Repairs: unclosed rings, repeated points, collinear or spike vertices, wrong winding (the outer
 * ring becomes counter-clockwise, holes clockwise), and holes that are degenerate, cross
 * themselves, cross the outer ring or another hole, or lie outside the outer ring (dropped).
 * Refuses: malformed or out-of-range positions, an outer ring with under 3 distinct points or
 * under 1 m², and an outer ring that crosses itself.
 */
export function repairPolygon(coordinates: unknown): RepairResult {
  if (!Array.isArray(coordinates) || coordinates.length === 0) return { ok: false, reason: 'polygon has no rings' };
  const parsed: LonLat[][] = [];
  for (const [i, ring] of coordinates.entries()) {
    if (!Array.isArray(ring)) return { ok: false, reason: `ring ${i} is not an array of positions` };
    const positions = ring.map(parsePosition).filter((p): p is LonLat => p !== undefined);
    if (positions.length !== ring.length) return { ok: false, reason: `ring ${i} has a position that is not [longitude, latitude] in range` };
    parsed.push(positions);
  }

  const repairs: string[] = [];
  const cleaned = parsed.map(cleanRing);
  const unclosed = cleaned.filter((c) => c.unclosed).length;
  const duplicates = cleaned.reduce((sum, c) => sum + c.duplicates, 0);
  const degenerate = cleaned.reduce((sum, c) => sum + c.degenerate, 0);
  if (unclosed) repairs.push(`closed ${unclosed} unclosed ring(s)`);
  if (duplicates) repairs.push(`removed ${duplicates} repeated point(s)`);
  if (degenerate) repairs.push(`removed ${degenerate} collinear or spike vertex(es)`);

  const [first, ...rest] = cleaned;
  const outerPoints = first?.ring ?? [];
  if (!isRing(outerPoints)) return { ok: false, reason: 'outer ring has fewer than 3 distinct points' };
  if (ringsCross(outerPoints, outerPoints)) return { ok: false, reason: 'outer ring crosses or touches itself' };
  const outerArea = ringSignedAreaM2(outerPoints);
  if (Math.abs(outerArea) < MIN_OUTER_AREA_M2) return { ok: false, reason: `outer ring encloses ${Math.abs(outerArea).toFixed(2)} m² (zero area)` };
  const outer = outerArea < 0 ? reversed(outerPoints) : outerPoints;
  if (outerArea < 0) repairs.push('reversed the outer ring to counter-clockwise');

  const holes: Ring[] = [];
  for (const [i, { ring }] of rest.entries()) {
    const drop = (problem: string): void => {
      repairs.push(`dropped hole ${i + 1}: it ${problem}`);
    };
    const area = ringSignedAreaM2(ring);
    if (!isRing(ring) || Math.abs(area) < MIN_HOLE_AREA_M2) {
      drop('is degenerate');
      continue;
    }
    const problem = ringsCross(ring, ring)
      ? 'crosses itself'
      : ringsCross(outer, ring)
        ? 'crosses the outer ring'
        : !pointInRing(ring[0], outer)
          ? 'lies outside the outer ring'
          : holes.some((h) => ringsCross(h, ring) || pointInRing(ring[0], h) || pointInRing(h[0], ring))
            ? 'overlaps another hole'
            : undefined;
    if (problem) {
      drop(problem);
      continue;
    }
    holes.push(area > 0 ? reversed(ring) : ring);
    if (area > 0) repairs.push(`reversed hole ${i + 1} to clockwise`);
  }
  return { ok: true, rings: [outer, ...holes], repairs };
}

