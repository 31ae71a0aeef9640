import { difference, featureCollection, polygon as turfPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon as GeoPolygon, Position } from 'geojson';
import { orientPolygon, polygonArea, type Polygon, type Ring, type Vec } from './planarGeometry.js';

const closed = (ring: Ring): Position[] => [...ring.map((p) => [p[0], p[1]]), [(ring[0] as Vec)[0], (ring[0] as Vec)[1]]];
const open = (ring: Position[]): Ring => ring.slice(0, -1).map((p) => [p[0] as number, p[1] as number] as Vec);

/**
 * `base` minus every polygon of `cut`, as polygons of at least `minAreaM2`. Turf's clipping is
 * planar, so it works on local metres as well as on degrees.
 */
export function subtractPolygons(base: Polygon, cut: readonly Polygon[], minAreaM2 = 50): Polygon[] {
  const features: Feature<GeoPolygon | MultiPolygon>[] = [turfPolygon(base.map(closed)), ...cut.map((p) => turfPolygon(p.map(closed)))];
  const result = cut.length === 0 ? features[0] : difference(featureCollection(features));
  if (!result) return [];
  const polygons = result.geometry.type === 'Polygon' ? [result.geometry.coordinates] : result.geometry.coordinates;
  return polygons.map((p) => orientPolygon(p.map(open))).filter((p) => polygonArea(p) >= minAreaM2);
}
