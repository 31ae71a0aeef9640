import { featureCollection, polygon, union } from '@turf/turf';
import type { PolygonRings } from './BuildingRecord.js';
import { repairPolygon } from './repairPolygon.js';

const closed = (rings: PolygonRings): number[][][] => rings.map((ring) => [...ring, ring[0]].map(([lon, lat]) => [lon, lat]));

/**
 * The union of repaired polygons, as repaired polygons (seams left by the union are cleaned up,
 * windings normalised). Undefined if the polygon clipper fails on the input.
 */
export function unionPolygons(polygons: readonly PolygonRings[]): PolygonRings[] | undefined {
  if (polygons.length < 2) return [...polygons];
  let merged;
  try {
    merged = union(featureCollection(polygons.map((rings) => polygon(closed(rings)))));
  } catch {
    return undefined;
  }
  if (!merged) return undefined;
  const parts = merged.geometry.type === 'Polygon' ? [merged.geometry.coordinates] : merged.geometry.coordinates;
  const result: PolygonRings[] = [];
  for (const coordinates of parts) {
    const repaired = repairPolygon(coordinates);
    if (repaired.ok) result.push(repaired.rings);
  }
  return result.length ? result : undefined;
}
