import type { RoadClass } from '@pengcheng/protocol';
import type { RoadEdge } from './buildRoadNetwork.js';
import { bufferPolyline, orientPolygon, type Polygon } from './planarGeometry.js';

export interface RoadSurface {
  readonly id: string;
  readonly edgeId: string;
  readonly class: RoadClass;
  readonly polygon: Polygon;
}

/** The paved area of every edge: its centre line widened by half its width, flat at the ends. */
export function buildRoadSurfaces(edges: readonly RoadEdge[]): RoadSurface[] {
  return edges.map((e) => ({
    id: e.id.replace(/^RDE-/, 'RDS-'),
    edgeId: e.id,
    class: e.spec.class,
    polygon: orientPolygon([bufferPolyline(e.points, e.spec.widthM / 2)]),
  }));
}
