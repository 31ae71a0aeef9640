import type { LowPointProperties } from '@pengcheng/protocol';
import type { RoadEdge, RoadNetwork } from './buildRoadNetwork.js';
import type { Random } from './createRandom.js';
import { distance, distanceToRing, pointAlong, pointSegmentDistance, polylineLength, type Vec } from './planarGeometry.js';
import type { WaterPlan } from './planWater.js';

export interface LowPoint {
  readonly point: Vec;
  readonly properties: LowPointProperties;
}

const COUNT = 8;

/**
 * Waterlogging points (内涝点): dips in the streets near the canal and the lake, where the ground
 * is lowest and rain gathers first; each named after its street and the nearest cross street.
 */
export function placeLowPoints(network: RoadNetwork, water: WaterPlan, random: Random): LowPoint[] {
  const nearWater = (p: Vec): boolean => {
    let canal = Infinity;
    for (let i = 1; i < water.canalCentre.length; i++) canal = Math.min(canal, pointSegmentDistance(p, water.canalCentre[i - 1] as Vec, water.canalCentre[i] as Vec));
    return canal < 260 || distanceToRing(p, water.lake) < 350;
  };
  const candidates = network.edges.filter((e) => {
    if (e.bridgeId || !['primary', 'secondary', 'tertiary'].includes(e.spec.class)) return false;
    const length = polylineLength(e.points);
    return length > 80 && nearWater(pointAlong(e.points, length / 2).point);
  });
  const chosen: RoadEdge[] = [];
  while (chosen.length < COUNT && candidates.length > 0) chosen.push(...candidates.splice(random.int(0, candidates.length - 1), 1));
  chosen.sort((a, b) => (a.id < b.id ? -1 : 1));

  const edgeById = new Map(network.edges.map((e) => [e.id, e]));
  return chosen.map((edge, i) => {
    const length = polylineLength(edge.points);
    const point = pointAlong(edge.points, length * random.range(0.35, 0.65)).point;
    const ends = [edge.fromNode, edge.toNode].map((id) => network.nodeById.get(id)).filter((nd) => nd !== undefined);
    ends.sort((a, b) => distance(a.point, point) - distance(b.point, point));
    const cross = ends
      .flatMap((nd) => nd.edgeIds.map((id) => edgeById.get(id)))
      .find((e) => e !== undefined && e.spec.name.zh !== edge.spec.name.zh && e.spec.class !== 'service' && e.spec.class !== 'residential');
    const near = cross ? cross.spec.name : { zh: '桥头', en: 'the bridge' };
    return {
      point,
      properties: {
        id: `LWP-${String(i + 1).padStart(3, '0')}`,
        name: { zh: `${edge.spec.name.zh}（近${near.zh}）低洼路段`, en: `${edge.spec.name.en} dip near ${near.en}` },
        roadEdgeId: edge.id,
        groundElevationM: Math.round(random.range(32.8, 34.6) * 10) / 10,
        warningDepthCm: random.pick([15, 20, 25, 30]),
      },
    };
  });
}
