import type { Position } from '@pengcheng/protocol';
import type { Rejection } from '../ingestTypes.js';
import { isRecord, own } from './jsonValue.js';

const GEOMETRY_DEPTH: Readonly<Record<string, number>> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

export type PlaceResult = { readonly ok: true; readonly place: Position } | ({ readonly ok: false } & Rejection);

function invalid(message: string): PlaceResult {
  return { ok: false, reason: 'invalid', message };
}

/** The positions of a coordinates array nested `depth` levels above its positions. */
function positionsOf(coordinates: unknown, depth: number): unknown[][] | undefined {
  let level: unknown[] = [coordinates];
  for (let i = 0; i < depth; i += 1) {
    const next: unknown[] = [];
    for (const item of level) {
      if (!Array.isArray(item) || item.length === 0) return undefined;
      next.push(...(item as unknown[]));
    }
    level = next;
  }
  return level.every((item) => Array.isArray(item)) ? (level as unknown[][]) : undefined;
}

/**
 * Checks a GeoJSON geometry (WGS84 longitude, latitude) and returns a representative place:
 * the point itself, or the middle of the bounding box of a line or an area. Altitude is dropped
 * (our heights are above the ground, GeoJSON's above the ellipsoid).
 */
export function readGeometry(value: unknown): PlaceResult {
  if (!isRecord(value)) return invalid('location must be a GeoJSON geometry like {"type":"Point","coordinates":[117.28,34.2]}.');
  const type = own(value, 'type');
  const depth = typeof type === 'string' && Object.hasOwn(GEOMETRY_DEPTH, type) ? GEOMETRY_DEPTH[type] : undefined;
  if (depth === undefined) return invalid('location must be a GeoJSON Point, LineString, Polygon or their Multi- forms.');
  const positions = positionsOf(own(value, 'coordinates'), depth);
  if (!positions || positions.length === 0) return invalid(`location's coordinates do not form a ${String(type)}.`);
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const position of positions) {
    const [lon, lat] = position;
    if (position.length < 2 || position.length > 3 || typeof lon !== 'number' || typeof lat !== 'number' || !position.every((n) => typeof n === 'number')) {
      return invalid('every position of location must be [longitude, latitude] in numbers.');
    }
    if (!(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) {
      return { ok: false, reason: 'coordinates_out_of_range', message: `[${lon}, ${lat}] is not a WGS84 longitude and latitude (longitude −180…180, latitude −90…90).` };
    }
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return { ok: true, place: { lon: (west + east) / 2, lat: (south + north) / 2, height: 0 } };
}
