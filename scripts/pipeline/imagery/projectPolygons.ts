import type { Geometry } from 'geojson';
import type { WorldPath, WorldPolygons } from './groundScene.js';
import { projectPath } from './projectPath.js';

/** A closed ring needs three corners plus the repeated first one. */
const MIN_RING_POINTS = 4;

function projectRings(rings: unknown): WorldPath[] | null {
  if (!Array.isArray(rings) || rings.length === 0) return null;
  const projected: WorldPath[] = [];
  for (const ring of rings) {
    const path = projectPath(ring, MIN_RING_POINTS);
    if (!path) return null;
    projected.push(path);
  }
  return projected;
}

/** Projects a Polygon or MultiPolygon; null for any other geometry or a malformed ring. */
export function projectPolygons(geometry: Geometry | null): WorldPolygons | null {
  if (geometry?.type === 'Polygon') {
    const rings = projectRings(geometry.coordinates);
    return rings ? [rings] : null;
  }
  if (geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates) && geometry.coordinates.length > 0) {
    const polygons: WorldPath[][] = [];
    for (const polygon of geometry.coordinates) {
      const rings = projectRings(polygon);
      if (!rings) return null;
      polygons.push(rings);
    }
    return polygons;
  }
  return null;
}
