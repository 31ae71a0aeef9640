import type { LonLatDeg } from '../tiles3d/localMetres.js';

/** Longitude and latitude of a GeoJSON Point (a height is ignored), or why it is not one. */
export function parsePoint(geometry: unknown): LonLatDeg | string {
  const { type, coordinates } = (geometry ?? {}) as { type?: unknown; coordinates?: unknown };
  if (type !== 'Point') return `geometry is ${String(type ?? 'missing')}, not a Point`;
  const [lon, lat] = Array.isArray(coordinates) ? (coordinates as unknown[]) : [];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return 'coordinates are not two finite numbers';
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return `(${lon}, ${lat}) is not a longitude and latitude`;
  return [lon, lat];
}
