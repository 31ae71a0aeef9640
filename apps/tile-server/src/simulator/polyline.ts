import { ADMINISTRATIVE_CENTRE } from '@pengcheng/protocol';

export type LonLat = readonly [lon: number, lat: number];

/**
 * Metres per degree around the district (an equirectangular frame: across 4 km its error is far
 * below a centimetre), so lengths, headings and distances are plain planar arithmetic.
 */
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320 * Math.cos((ADMINISTRATIVE_CENTRE.latitude * Math.PI) / 180);

export function distanceM(a: LonLat, b: LonLat): number {
  return Math.hypot((b[0] - a[0]) * M_PER_DEG_LON, (b[1] - a[1]) * M_PER_DEG_LAT);
}

/** Degrees clockwise from north, in [0, 360). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const deg = (Math.atan2((b[0] - a[0]) * M_PER_DEG_LON, (b[1] - a[1]) * M_PER_DEG_LAT) * 180) / Math.PI;
  return (deg + 360) % 360;
}

/** A line with its cumulative lengths, to find the point and direction at a distance along it. */
export interface Polyline {
  readonly points: readonly LonLat[];
  /** `cumulative[i]`: metres from the start to `points[i]`. */
  readonly cumulative: readonly number[];
  readonly lengthM: number;
}

export function polyline(points: readonly LonLat[]): Polyline {
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) cumulative.push((cumulative[i - 1] ?? 0) + distanceM(points[i - 1] as LonLat, points[i] as LonLat));
  return { points, cumulative, lengthM: cumulative[cumulative.length - 1] ?? 0 };
}

export interface PointOnLine {
  readonly lon: number;
  readonly lat: number;
  /** The direction of the line there, from its first point to its last. */
  readonly bearingDeg: number;
}

/** The point `s` metres from the start (clamped to the line), on the line itself. */
export function pointAt(line: Polyline, s: number): PointOnLine {
  const { points, cumulative } = line;
  const at = Math.min(Math.max(s, 0), line.lengthM);
  let i = 1;
  while (i < points.length - 1 && (cumulative[i] ?? 0) < at) i++;
  const a = points[i - 1] as LonLat;
  const b = points[i] as LonLat;
  const start = cumulative[i - 1] ?? 0;
  const span = (cumulative[i] ?? 0) - start;
  const t = span > 0 ? (at - start) / span : 0;
  return { lon: a[0] + (b[0] - a[0]) * t, lat: a[1] + (b[1] - a[1]) * t, bearingDeg: bearingDeg(a, b) };
}

/** Metres from a place to the nearest point of a line. */
export function distanceToLineM(place: LonLat, line: readonly LonLat[]): number {
  const toXY = (p: LonLat): readonly [number, number] => [(p[0] - place[0]) * M_PER_DEG_LON, (p[1] - place[1]) * M_PER_DEG_LAT];
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = toXY(line[i - 1] as LonLat);
    const [bx, by] = toXY(line[i] as LonLat);
    const dx = bx - ax;
    const dy = by - ay;
    const span = dx * dx + dy * dy;
    const t = span > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / span)) : 0;
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}
