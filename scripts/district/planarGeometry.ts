/**
 * Plane geometry in the district's local metric frame (x east, y north, metres). Everything is
 * laid out here and converted to degrees only when written, so distances and clearances are
 * plain Euclidean arithmetic.
 */

export type Vec = readonly [number, number];
/** A ring without its closing vertex. Outer rings run counter-clockwise, holes clockwise. */
export type Ring = readonly Vec[];
/** An outer ring followed by its holes. */
export type Polygon = readonly Ring[];

export interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1]];
export const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1]];
export const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k];
export const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1];
export const cross = (a: Vec, b: Vec): number => a[0] * b[1] - a[1] * b[0];
export const norm = (a: Vec): number => Math.hypot(a[0], a[1]);
export const distance = (a: Vec, b: Vec): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
export const lerp = (a: Vec, b: Vec, t: number): Vec => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
export const leftNormal = (d: Vec): Vec => [-d[1], d[0]];

export function unit(a: Vec): Vec {
  const n = norm(a);
  return n === 0 ? [0, 0] : [a[0] / n, a[1] / n];
}

export function rotate(v: Vec, angleRad: number): Vec {
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  return [v[0] * c - v[1] * s, v[0] * s + v[1] * c];
}

/** Compass bearing from `from` to `to`, degrees clockwise from north in [0, 360). */
export function bearingDeg(from: Vec, to: Vec): number {
  const deg = (Math.atan2(to[0] - from[0], to[1] - from[1]) * 180) / Math.PI;
  return (deg + 360) % 360;
}

export function boxOf(points: readonly Vec[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return a.minX - margin < b.maxX && b.minX - margin < a.maxX && a.minY - margin < b.maxY && b.minY - margin < a.maxY;
}

export function rectRing(minX: number, minY: number, maxX: number, maxY: number): Ring {
  return [
    [minX, minY],
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
  ];
}

export function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Vec;
    const b = ring[(i + 1) % ring.length] as Vec;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

export function polygonArea(polygon: Polygon): number {
  return polygon.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(signedArea(ring)), 0);
}

/** The RFC 7946 winding: outer ring counter-clockwise, holes clockwise. */
export function orientPolygon(polygon: Polygon): Polygon {
  return polygon.map((ring, i) => {
    const ccw = signedArea(ring) > 0;
    return (i === 0) === ccw ? ring : [...ring].reverse();
  });
}

export function pointInRing(p: Vec, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Vec;
    const b = ring[j] as Vec;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Where segments ab and cd cross or touch: parameters along each and the point; null if apart or parallel. */
export function segmentIntersection(a: Vec, b: Vec, c: Vec, d: Vec): { t: number; u: number; point: Vec } | null {
  const r = sub(b, a);
  const s = sub(d, c);
  const denom = cross(r, s);
  // Parallel (relative to the lengths, so that long collinear pieces count as parallel too).
  if (Math.abs(denom) <= 1e-10 * norm(r) * norm(s)) return null;
  const qp = sub(c, a);
  const t = cross(qp, s) / denom;
  const u = cross(qp, r) / denom;
  const eps = 1e-9;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return null;
  const tc = Math.min(1, Math.max(0, t));
  return { t: tc, u: Math.min(1, Math.max(0, u)), point: lerp(a, b, tc) };
}

export function pointSegmentDistance(p: Vec, a: Vec, b: Vec): number {
  const ab = sub(b, a);
  const len2 = dot(ab, ab);
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, dot(sub(p, a), ab) / len2));
  return distance(p, lerp(a, b, t));
}

export function segmentDistance(a: Vec, b: Vec, c: Vec, d: Vec): number {
  if (segmentIntersection(a, b, c, d)) return 0;
  return Math.min(pointSegmentDistance(a, c, d), pointSegmentDistance(b, c, d), pointSegmentDistance(c, a, b), pointSegmentDistance(d, a, b));
}

/** True when two rings overlap or come closer than `clearance` (areas, not just outlines). */
export function ringsWithin(r1: Ring, r2: Ring, clearance: number): boolean {
  if (!boxesOverlap(boxOf(r1), boxOf(r2), clearance)) return false;
  for (let i = 0; i < r1.length; i++) {
    const a = r1[i] as Vec;
    const b = r1[(i + 1) % r1.length] as Vec;
    for (let j = 0; j < r2.length; j++) {
      if (segmentDistance(a, b, r2[j] as Vec, r2[(j + 1) % r2.length] as Vec) < clearance) return true;
    }
  }
  return pointInRing(r1[0] as Vec, r2) || pointInRing(r2[0] as Vec, r1);
}

export function polylineLength(points: readonly Vec[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += distance(points[i - 1] as Vec, points[i] as Vec);
  return sum;
}

/** Cumulative distance at each vertex. */
export function cumulativeLengths(points: readonly Vec[]): number[] {
  const out = [0];
  for (let i = 1; i < points.length; i++) out.push((out[i - 1] as number) + distance(points[i - 1] as Vec, points[i] as Vec));
  return out;
}

/** The point `s` metres along a polyline and the unit direction of the segment it lies on. */
export function pointAlong(points: readonly Vec[], s: number): { point: Vec; direction: Vec } {
  let remaining = Math.max(0, s);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Vec;
    const b = points[i] as Vec;
    const len = distance(a, b);
    if (remaining <= len || i === points.length - 1) {
      return { point: lerp(a, b, len === 0 ? 0 : Math.min(1, remaining / len)), direction: unit(sub(b, a)) };
    }
    remaining -= len;
  }
  const only = points[0] ?? [0, 0];
  return { point: only, direction: [1, 0] };
}

/** The part of a polyline between distances s0 < s1, with the interior vertices it passes. */
export function slicePolyline(points: readonly Vec[], s0: number, s1: number): Vec[] {
  const cum = cumulativeLengths(points);
  const out: Vec[] = [pointAlong(points, s0).point];
  for (let i = 1; i < points.length - 1; i++) {
    const c = cum[i] as number;
    if (c > s0 + 1e-9 && c < s1 - 1e-9) out.push(points[i] as Vec);
  }
  out.push(pointAlong(points, s1).point);
  return out;
}

/**
 * The polyline moved `d` metres to its left (negative: right), with mitred joins; the miter is
 * capped so a sharp turn cannot throw a vertex far away.
 */
export function offsetPolyline(points: readonly Vec[], d: number): Vec[] {
  const n = points.length;
  const out: Vec[] = [];
  for (let i = 0; i < n; i++) {
    const prev = points[Math.max(0, i - 1)] as Vec;
    const here = points[i] as Vec;
    const next = points[Math.min(n - 1, i + 1)] as Vec;
    const dirIn = unit(sub(here, i === 0 ? here : prev));
    const dirOut = unit(sub(i === n - 1 ? here : next, here));
    const nIn = leftNormal(i === 0 ? dirOut : dirIn);
    const nOut = leftNormal(i === n - 1 ? dirIn : dirOut);
    const bis = unit(add(nIn, nOut));
    const cosHalf = Math.max(0.35, dot(bis, nOut));
    out.push(add(here, scale(bis, d / cosHalf)));
  }
  return out;
}

/** The area within `half` metres either side of a polyline, flat at both ends. */
export function bufferPolyline(points: readonly Vec[], half: number): Ring {
  const left = offsetPolyline(points, half);
  const right = offsetPolyline(points, -half);
  const ring: Ring = [...right, ...left.reverse()];
  return signedArea(ring) > 0 ? ring : [...ring].reverse();
}

/** A shape placed at `centre`, turned `angleRad` counter-clockwise about its own origin. */
export function placePolygon(polygon: Polygon, centre: Vec, angleRad: number): Polygon {
  return polygon.map((ring) => ring.map((p) => add(rotate(p, angleRad), centre)));
}

/** Cubic Bézier sampled into `segments` pieces, both ends included. */
export function cubicBezier(p0: Vec, p1: Vec, p2: Vec, p3: Vec, segments: number): Vec[] {
  const out: Vec[] = [];
  for (let i = 0; i <= segments; i++) {
    const t = i / segments;
    const m = 1 - t;
    out.push([
      m * m * m * p0[0] + 3 * m * m * t * p1[0] + 3 * m * t * t * p2[0] + t * t * t * p3[0],
      m * m * m * p0[1] + 3 * m * m * t * p1[1] + 3 * m * t * t * p2[1] + t * t * t * p3[1],
    ]);
  }
  return out;
}

/** Smallest distance from a point to a ring's outline. */
export function distanceToRing(p: Vec, ring: Ring): number {
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) best = Math.min(best, pointSegmentDistance(p, ring[i] as Vec, ring[(i + 1) % ring.length] as Vec));
  return best;
}

export const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
