import { localMetres, type LonLatDeg } from '../tiles3d/localMetres.js';
import { parsePoint } from './parsePoint.js';

/** Points closer than this to the one before are the same point (coordinates have 7 decimals, ~1 cm). */
const SAME_POINT_M = 0.001;

/**
 * The positions of a GeoJSON LineString, repeated points dropped, or why it cannot be drawn: not
 * a LineString, a bad position, or fewer than two distinct points.
 */
export function parseLineString(geometry: unknown): LonLatDeg[] | string {
  const { type, coordinates } = (geometry ?? {}) as { type?: unknown; coordinates?: unknown };
  if (type !== 'LineString' || !Array.isArray(coordinates)) return `geometry is ${String(type ?? 'missing')}, not a LineString`;
  const line: LonLatDeg[] = [];
  for (const [i, position] of coordinates.entries()) {
    const point = parsePoint({ type: 'Point', coordinates: position });
    if (typeof point === 'string') return `position ${i}: ${point}`;
    const last = line[line.length - 1];
    if (last && Math.hypot(...localMetres(last)(point)) < SAME_POINT_M) continue;
    line.push(point);
  }
  return line.length >= 2 ? line : 'the line has fewer than two distinct points';
}
