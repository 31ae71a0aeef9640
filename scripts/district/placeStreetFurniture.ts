import type { CameraProperties, LocalizedName, SmartPoleProperties } from '@pengcheng/protocol';
import type { RoadEdge, RoadNetwork } from './buildRoadNetwork.js';
import type { Random } from './createRandom.js';
import type { SquareDraft } from './districtModel.js';
import { add, bearingDeg, boxOf, distance, leftNormal, pointAlong, polylineLength, scale, type Vec } from './planarGeometry.js';
import { ROAD_STANDARDS, roadCorridorHalfM } from './roadStandards.js';

export interface SmartPole {
  readonly point: Vec;
  readonly properties: SmartPoleProperties;
}

export interface Camera {
  readonly point: Vec;
  readonly properties: CameraProperties;
}

type PoleFunction = SmartPoleProperties['functions'][number];

const POLE_ROADS = new Set(['trunk', 'primary']);
const CAMERA_ROADS = new Set(['trunk', 'primary', 'secondary']);
const COMPASS: readonly (readonly [string, string])[] = [
  ['北', 'north'],
  ['东', 'east'],
  ['南', 'south'],
  ['西', 'west'],
];

function side(from: Vec, to: Vec): readonly [string, string] {
  return COMPASS[Math.round(bearingDeg(from, to) / 90) % 4] as readonly [string, string];
}

/**
 * Multi-function smart poles (多功能信息杆柱) on both sides of the trunk and primary roads
 * every 45–58 m, and CCTV cameras (城市之眼): one per approach at the signalised junctions of
 * the main roads, mounted on the nearest pole where there is one, each looking at the junction;
 * some along Kunlun Avenue looking down the road; four at the corners of the citizen square.
 */
export function placeStreetFurniture(network: RoadNetwork, citizenSquare: SquareDraft, random: Random): { poles: SmartPole[]; cameras: Camera[] } {
  const edgeById = new Map(network.edges.map((e) => [e.id, e]));
  const junctionTrim = (nodeId: string, edge: RoadEdge): number => {
    const node = network.nodeById.get(nodeId);
    if (!node || node.kind !== 'junction') return 8;
    let trim = 8;
    for (const id of node.edgeIds) {
      const other = edgeById.get(id);
      if (other && other.spec !== edge.spec) trim = Math.max(trim, roadCorridorHalfM(other.spec.class, other.spec.widthM) + 6);
    }
    return trim;
  };

  const poles: { point: Vec; edge: RoadEdge; heightM: number; functions: Set<PoleFunction>; s: number; side: number }[] = [];
  for (const edge of network.edges) {
    if (!POLE_ROADS.has(edge.spec.class)) continue;
    const length = polylineLength(edge.points);
    const end = length - junctionTrim(edge.toNode, edge);
    const lateral = edge.spec.widthM / 2 + ROAD_STANDARDS[edge.spec.class].sidewalkM / 2;
    for (let s = junctionTrim(edge.fromNode, edge); s <= end; s += random.range(45, 58)) {
      const { point, direction } = pointAlong(edge.points, s);
      for (const sideSign of [1, -1]) {
        const functions = new Set<PoleFunction>(['lighting']);
        if (random.chance(0.45)) functions.add('5g');
        if (random.chance(0.25)) functions.add('environment');
        if (random.chance(0.3)) functions.add('wifi');
        if (random.chance(0.1)) functions.add('display');
        if (random.chance(0.06)) functions.add('ev_charging');
        if (random.chance(0.08)) functions.add('emergency_call');
        poles.push({ point: add(point, scale(leftNormal(direction), sideSign * lateral)), edge, heightM: edge.spec.class === 'trunk' ? 12 : 10, functions, s, side: sideSign });
      }
    }
  }
  const poleId = (i: number): string => `POLE-${String(i + 1).padStart(5, '0')}`;

  const cameras: Camera[] = [];
  const addCamera = (point: Vec, name: LocalizedName, heading: number, mountHeightM: number, fovDeg: number, pole?: number): void => {
    if (pole !== undefined) (poles[pole] as (typeof poles)[number]).functions.add('camera');
    cameras.push({
      point,
      properties: {
        id: `CAM-${String(cameras.length + 1).padStart(5, '0')}`,
        name,
        headingDeg: Math.round(heading * 10) / 10,
        fovDeg,
        mountHeightM,
        ...(pole !== undefined ? { poleId: poleId(pole) } : {}),
      },
    });
  };

  for (const node of network.nodes) {
    if (!node.signalized) continue;
    const around = node.edgeIds.map((id) => edgeById.get(id)).filter((e): e is RoadEdge => e !== undefined);
    if (!around.some((e) => POLE_ROADS.has(e.spec.class))) continue;
    for (const edge of around) {
      if (!CAMERA_ROADS.has(edge.spec.class)) continue;
      const other = around.find((e) => e.spec.name.zh !== edge.spec.name.zh) ?? edge;
      let best = -1;
      poles.forEach((p, i) => {
        if (p.edge === edge && distance(p.point, node.point) < 60 && (best < 0 || distance(p.point, node.point) < distance((poles[best] as (typeof poles)[number]).point, node.point))) best = i;
      });
      let point: Vec;
      if (best >= 0) point = (poles[best] as (typeof poles)[number]).point;
      else {
        const atStart = edge.fromNode === node.id;
        const length = polylineLength(edge.points);
        const s = Math.min(length / 2, roadCorridorHalfM(other.spec.class, other.spec.widthM) + 8);
        const { point: p, direction } = pointAlong(edge.points, atStart ? s : length - s);
        point = add(p, scale(leftNormal(direction), (atStart ? -1 : 1) * (edge.spec.widthM / 2 + 2)));
      }
      const [zh, en] = side(node.point, point);
      addCamera(
        point,
        { zh: `${edge.spec.name.zh}与${other.spec.name.zh}交叉口${zh}侧`, en: `${edge.spec.name.en} / ${other.spec.name.en} junction, ${en} side` },
        bearingDeg(point, node.point),
        best >= 0 ? 8 : 6,
        random.pick([60, 70, 90]),
        best >= 0 ? best : undefined,
      );
    }
  }

  // Traffic cameras along Kunlun Avenue, every eighth pole, looking down the traffic on their side.
  poles.forEach((p, i) => {
    if (p.edge.spec.class !== 'trunk' || i % 8 !== 0 || p.functions.has('camera')) return;
    const { direction } = pointAlong(p.edge.points, p.s);
    const look = add(p.point, scale(direction, -p.side * 100));
    addCamera(p.point, { zh: `${p.edge.spec.name.zh}路段监控`, en: `${p.edge.spec.name.en} traffic camera` }, bearingDeg(p.point, look), 10, 50, i);
  });

  const box = boxOf(citizenSquare.polygon[0] ?? []);
  const centre: Vec = [(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2];
  const corners: readonly [Vec, string, string][] = [
    [[box.minX + 3, box.minY + 3], '西南角', 'south-west corner'],
    [[box.maxX - 3, box.minY + 3], '东南角', 'south-east corner'],
    [[box.maxX - 3, box.maxY - 3], '东北角', 'north-east corner'],
    [[box.minX + 3, box.maxY - 3], '西北角', 'north-west corner'],
  ];
  for (const [p, zh, en] of corners) {
    addCamera(p, { zh: `${citizenSquare.name.zh}${zh}`, en: `${citizenSquare.name.en ?? citizenSquare.name.zh}, ${en}` }, bearingDeg(p, centre), 9, 90);
  }

  return {
    poles: poles.map((p, i) => ({
      point: p.point,
      properties: { id: poleId(i), roadEdgeId: p.edge.id, heightM: p.heightM, functions: [...p.functions].sort() },
    })),
    cameras,
  };
}
