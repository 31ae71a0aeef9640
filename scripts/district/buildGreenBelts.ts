import type { RoadEdge, RoadNetwork } from './buildRoadNetwork.js';
import type { GreenDraft } from './districtModel.js';
import { add, distance, leftNormal, orientPolygon, scale, sub, unit, type Vec } from './planarGeometry.js';
import { ROAD_STANDARDS, roadCorridorHalfM } from './roadStandards.js';

/**
 * The planted strips (绿化带) along the avenues, both sides, between the sidewalk and the
 * setback; cut back at junctions so they stop where the crossing street's own strips begin.
 */
export function buildGreenBelts(network: RoadNetwork): GreenDraft[] {
  const edgeById = new Map(network.edges.map((e) => [e.id, e]));
  const trimAt = (nodeId: string, edge: RoadEdge): number => {
    const node = network.nodeById.get(nodeId);
    if (!node || node.kind !== 'junction') return 0;
    let trim = 0;
    for (const id of node.edgeIds) {
      const other = edgeById.get(id);
      if (!other || other.spec === edge.spec) continue;
      trim = Math.max(trim, roadCorridorHalfM(other.spec.class, other.spec.widthM) + ROAD_STANDARDS[other.spec.class].beltM);
    }
    return trim;
  };
  const belts: GreenDraft[] = [];
  for (const edge of network.edges) {
    const std = ROAD_STANDARDS[edge.spec.class];
    if (std.beltM <= 0 || edge.bridgeId || edge.points.length !== 2) continue;
    const a = edge.points[0] as Vec;
    const b = edge.points[1] as Vec;
    const dir = unit(sub(b, a));
    const t0 = trimAt(edge.fromNode, edge);
    const t1 = trimAt(edge.toNode, edge);
    if (distance(a, b) - t0 - t1 < 10) continue;
    const start = add(a, scale(dir, t0));
    const end = add(b, scale(dir, -t1));
    const inner = roadCorridorHalfM(edge.spec.class, edge.spec.widthM);
    const outer = inner + std.beltM;
    const normal = leftNormal(dir);
    for (const side of [1, -1]) {
      const off = (p: Vec, d: number): Vec => add(p, scale(normal, side * d));
      belts.push({
        kind: 'green_belt',
        name: { zh: `${edge.spec.name.zh}绿化带`, en: `${edge.spec.name.en ?? edge.spec.name.zh} Green Belt` },
        polygons: [orientPolygon([[off(start, inner), off(end, inner), off(end, outer), off(start, outer)]])],
      });
    }
  }
  return belts;
}
