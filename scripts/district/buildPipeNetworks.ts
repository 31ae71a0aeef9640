import { PIPE_NETWORKS, type PipeNetwork, type PipeNodeProperties, type PipeSegmentProperties, type RoadClass } from '@pengcheng/protocol';
import type { RoadEdge, RoadNetwork } from './buildRoadNetwork.js';
import type { Random } from './createRandom.js';
import type { RoadSpec } from './districtModel.js';
import { add, cross, dot, leftNormal, offsetPolyline, polylineLength, round, scale, slicePolyline, sub, unit, type Vec } from './planarGeometry.js';
import { roadCorridorHalfM } from './roadStandards.js';

const NETWORK_CODES: Readonly<Record<PipeNetwork, string>> = {
  water_supply: 'WS',
  storm_drainage: 'SD',
  sewage: 'SW',
  gas: 'GS',
  power: 'PW',
  telecom: 'TC',
  heating: 'HT',
};

/** The networks of the utility tunnel (综合管廊) under Kunlun Avenue. */
export const TUNNEL_NETWORKS: readonly PipeNetwork[] = ['water_supply', 'power', 'telecom', 'heating'];

/**
 * Where each network lies across the road, as a fraction of the half-width of the road corridor
 * (carriageway and sidewalk), positive to the north or east side. The usual Chinese cross-section:
 * cables under the sidewalks, water and gas under the non-motor lanes, drains under the
 * carriageway. Under the trunk road the tunnel networks sit together on the north side.
 */
const OFFSET: Readonly<Record<PipeNetwork, number>> = {
  heating: 0.15,
  water_supply: 0.35,
  power: 0.6,
  telecom: 0.85,
  storm_drainage: -0.15,
  sewage: -0.4,
  gas: -0.7,
};
const TRUNK_OFFSET: Readonly<Record<PipeNetwork, number>> = {
  heating: 0.25,
  water_supply: 0.35,
  power: 0.45,
  telecom: 0.55,
  storm_drainage: -0.2,
  sewage: -0.4,
  gas: -0.65,
};
/** Picks "north or east" for any direction, without ties on axis-aligned or diagonal roads. */
const REFERENCE: Vec = [0.6, 0.8];

const DIAMETER_MM: Readonly<Record<PipeNetwork, Readonly<Record<Exclude<RoadClass, 'service'>, number>>>> = {
  water_supply: { trunk: 800, primary: 600, secondary: 400, tertiary: 300, residential: 150 },
  storm_drainage: { trunk: 1500, primary: 1200, secondary: 1000, tertiary: 800, residential: 500 },
  sewage: { trunk: 1000, primary: 800, secondary: 600, tertiary: 500, residential: 300 },
  gas: { trunk: 500, primary: 400, secondary: 300, tertiary: 200, residential: 110 },
  power: { trunk: 200, primary: 200, secondary: 150, tertiary: 150, residential: 100 },
  telecom: { trunk: 160, primary: 110, secondary: 110, tertiary: 110, residential: 110 },
  heating: { trunk: 800, primary: 600, secondary: 500, tertiary: 400, residential: 200 },
};

/** Depth range of the pipe's centre line below ground, metres: cables and gas shallow, drains deep. */
const DEPTH_M: Readonly<Record<PipeNetwork, readonly [number, number]>> = {
  water_supply: [1.2, 1.8],
  storm_drainage: [2.0, 3.6],
  sewage: [2.6, 4.8],
  gas: [0.9, 1.4],
  power: [1.0, 1.5],
  telecom: [0.8, 1.2],
  heating: [1.4, 2.2],
};
/** Height of each network's rack inside the tunnel, as depth below ground. */
const TUNNEL_DEPTH_M: Readonly<Partial<Record<PipeNetwork, number>>> = { heating: 3.8, water_supply: 4.9, power: 3.9, telecom: 3.4 };

export interface UtilityTunnelPlan {
  readonly road: RoadSpec;
  readonly fromX: number;
  readonly toX: number;
  readonly builtYear: number;
}

export interface PipeSegment {
  readonly points: readonly Vec[];
  readonly properties: Omit<PipeSegmentProperties, 'lengthM'>;
}

export interface PipeNode {
  readonly point: Vec;
  readonly properties: PipeNodeProperties;
}

export interface PipeNetworks {
  readonly segments: readonly PipeSegment[];
  readonly nodes: readonly PipeNode[];
}

type CarryingClass = Exclude<RoadClass, 'service'>;

/** Lateral offset of a network under a road of this class, metres, towards the reference side. */
export function pipeOffsetM(network: PipeNetwork, roadClass: RoadClass, widthM: number): number {
  return (roadClass === 'trunk' ? TRUNK_OFFSET : OFFSET)[network] * roadCorridorHalfM(roadClass, widthM);
}

/** +1 when the edge's left is the reference (north/east) side, else -1: one side for the whole edge. */
export function referenceSide(points: readonly Vec[]): number {
  const chord = unit(sub(points[points.length - 1] as Vec, points[0] as Vec));
  return dot(leftNormal(chord), REFERENCE) >= 0 ? 1 : -1;
}

/** True for the edges of the tunnel stretch. */
function inTunnelStretch(edge: RoadEdge, tunnel: UtilityTunnelPlan): boolean {
  if (edge.spec !== tunnel.road) return false;
  return edge.points.every(([x]) => x >= tunnel.fromX - 0.01 && x <= tunnel.toX + 0.01);
}

/**
 * The seven underground networks under the road corridors: each follows every street of the
 * road graph (drive-ways and ramps excepted), offset across the road by network, so each is a
 * connected graph of its own. Drains have a manhole every 40–60 m, water, gas and heating
 * valves at junctions and every 250 m, cables a cable well every 150 m.
 */
export function buildPipeNetworks(network: RoadNetwork, tunnel: UtilityTunnelPlan, random: Random): PipeNetworks {
  const edges = network.edges.filter((e) => e.spec.class !== 'service');
  const edgeById = new Map(edges.map((e) => [e.id, e]));
  const segments: PipeSegment[] = [];
  const nodes: PipeNode[] = [];
  const years = new Map(edges.map((e) => [e.id, random.int(2008, 2014)]));

  for (const net of PIPE_NETWORKS) {
    const code = NETWORK_CODES[net];
    const r = random.fork(`pipes:${net}`);
    const offsetLine = (edge: RoadEdge): Vec[] => offsetPolyline(edge.points, referenceSide(edge.points) * pipeOffsetM(net, edge.spec.class, edge.spec.widthM));

    // Where the network's node sits at each road node: where two offset lines meet, else beside the road node.
    const nodePosition = new Map<string, Vec>();
    const position = (roadNodeId: string): Vec => {
      const known = nodePosition.get(roadNodeId);
      if (known) return known;
      const roadNode = network.nodeById.get(roadNodeId);
      if (!roadNode) throw new Error(`missing road node ${roadNodeId}`);
      const ends = roadNode.edgeIds
        .map((id) => edgeById.get(id))
        .filter((e): e is RoadEdge => e !== undefined)
        .map((e) => {
          const line = offsetLine(e);
          const atStart = e.fromNode === roadNodeId;
          const p = (atStart ? line[0] : line[line.length - 1]) as Vec;
          const q = (atStart ? line[1] : line[line.length - 2]) as Vec;
          return { p, dir: unit(sub(q, p)) };
        });
      let found: Vec | null = null;
      for (let i = 0; i < ends.length && !found; i++) {
        for (let j = i + 1; j < ends.length && !found; j++) {
          const a = ends[i] as (typeof ends)[number];
          const b = ends[j] as (typeof ends)[number];
          const denom = cross(a.dir, b.dir);
          if (Math.abs(denom) < 0.3) continue;
          const t = cross(sub(b.p, a.p), b.dir) / denom;
          const x = add(a.p, scale(a.dir, t));
          if (Math.hypot(x[0] - roadNode.point[0], x[1] - roadNode.point[1]) < 30) found = x;
        }
      }
      const result = found ?? (ends[0] as (typeof ends)[number]).p;
      nodePosition.set(roadNodeId, result);
      return result;
    };

    const nodeIds = new Map<string, string>();
    const degree = new Map<string, number>();
    for (const e of edges) for (const id of [e.fromNode, e.toNode]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const nodeDepth = new Map<string, number>();
    const nodeKind = new Map<string, PipeNodeProperties['kind']>();
    const nodeAt = new Map<string, Vec>();
    let nodeCount = 0;
    const newNode = (point: Vec, kind: PipeNodeProperties['kind']): string => {
      const id = `PN-${code}-${String(++nodeCount).padStart(6, '0')}`;
      nodeAt.set(id, point);
      nodeKind.set(id, kind);
      return id;
    };
    const roadNodeKind = (roadNodeId: string): PipeNodeProperties['kind'] => {
      const d = degree.get(roadNodeId) ?? 0;
      if (d === 1) return 'end';
      if (net === 'storm_drainage' || net === 'sewage') return 'manhole';
      if ((net === 'water_supply' || net === 'gas' || net === 'heating') && d >= 3) return 'valve';
      return 'junction';
    };
    const atRoadNode = (roadNodeId: string): string => {
      const known = nodeIds.get(roadNodeId);
      if (known) return known;
      const id = newNode(position(roadNodeId), roadNodeKind(roadNodeId));
      nodeIds.set(roadNodeId, id);
      return id;
    };

    let segmentCount = 0;
    for (const edge of edges) {
      const line = offsetLine(edge);
      const run: Vec[] = [position(edge.fromNode), ...line.slice(1, -1), position(edge.toNode)];
      const length = polylineLength(run);
      const cuts = splitRun(net, length);
      const cls = edge.spec.class as CarryingClass;
      const tunnelled = TUNNEL_NETWORKS.includes(net) && inTunnelStretch(edge, tunnel);
      const [d0, d1] = DEPTH_M[net];
      const deep = cls === 'trunk' || cls === 'primary' ? 0.3 : 0;
      const depthM = round(tunnelled ? (TUNNEL_DEPTH_M[net] as number) : Math.min(6, r.range(d0, d1) + deep), 1);
      const diameterMm = DIAMETER_MM[net][cls];
      const year = tunnelled ? tunnel.builtYear : Math.min(2024, (years.get(edge.id) as number) + (net === 'telecom' || net === 'power' ? r.int(0, 8) : r.int(0, 2)));
      let from = atRoadNode(edge.fromNode);
      for (let k = 0; k < cuts.length - 1; k++) {
        const s0 = cuts[k] as number;
        const s1 = cuts[k + 1] as number;
        const last = k === cuts.length - 2;
        const points = slicePolyline(run, s0, s1);
        const to = last ? atRoadNode(edge.toNode) : newNode(points[points.length - 1] as Vec, intermediateKind(net));
        if (!last) points[points.length - 1] = nodeAt.get(to) as Vec;
        points[0] = nodeAt.get(from) as Vec;
        if (last) points[points.length - 1] = nodeAt.get(to) as Vec;
        segments.push({
          points,
          properties: {
            id: `PIPE-${code}-${String(++segmentCount).padStart(6, '0')}`,
            network: net,
            material: material(net, cls, diameterMm),
            diameterMm,
            depthM,
            ...(pressure(net, cls) ? { pressureClass: pressure(net, cls) } : {}),
            installYear: year,
            fromNode: from,
            toNode: to,
            roadEdgeId: edge.id,
            inTunnel: tunnelled,
          },
        });
        for (const id of [from, to]) nodeDepth.set(id, Math.max(nodeDepth.get(id) ?? 0, depthM));
        from = to;
      }
    }
    for (const [id, point] of nodeAt) {
      const kind = nodeKind.get(id) as PipeNodeProperties['kind'];
      // A manhole's chamber reaches below the pipe; a valve chamber a little.
      const extra = kind === 'manhole' ? 0.5 : kind === 'valve' ? 0.3 : 0;
      nodes.push({ point, properties: { id, network: net, kind, depthM: round(Math.min(8, (nodeDepth.get(id) ?? 1) + extra), 1) } });
    }
  }
  return { segments, nodes };
}

function intermediateKind(net: PipeNetwork): PipeNodeProperties['kind'] {
  if (net === 'storm_drainage' || net === 'sewage') return 'manhole';
  if (net === 'power' || net === 'telecom') return 'junction';
  return 'valve';
}

/**
 * Distances along a run where its segments begin and end. Drains: manholes 40–60 m apart, evenly
 * when the run allows it, else every 50 m with a shorter last piece. Pressure mains: a valve at
 * least every 250 m. Cables: a cable well at least every 150 m.
 */
export function splitRun(net: PipeNetwork, length: number): number[] {
  if (net === 'storm_drainage' || net === 'sewage') {
    // A little inside 40–60 m, so that the spacing holds on the ellipsoid too.
    const k = Math.max(1, Math.ceil(length / 59.5));
    if (length / k >= 40.5 || k === 1) return even(length, k);
    const cuts = [0];
    while (length - (cuts[cuts.length - 1] as number) > 50) cuts.push((cuts[cuts.length - 1] as number) + 50);
    cuts.push(length);
    return cuts;
  }
  const interval = net === 'power' || net === 'telecom' ? 150 : 250;
  return even(length, Math.max(1, Math.ceil(length / interval)));
}

function even(length: number, pieces: number): number[] {
  return Array.from({ length: pieces + 1 }, (_, i) => (i === pieces ? length : (length * i) / pieces));
}

function material(net: PipeNetwork, cls: CarryingClass, diameterMm: number): PipeSegmentProperties['material'] {
  switch (net) {
    case 'water_supply':
      return diameterMm >= 300 ? 'ductile_iron' : 'pe';
    case 'storm_drainage':
      return diameterMm >= 800 ? 'concrete' : 'hdpe';
    case 'sewage':
      return diameterMm >= 600 ? 'concrete' : diameterMm >= 400 ? 'hdpe' : 'pvc';
    case 'gas':
      return cls === 'trunk' || cls === 'primary' ? 'steel' : 'pe';
    case 'power':
      return 'copper_cable';
    case 'telecom':
      return 'fibre_duct';
    case 'heating':
      return 'steel';
  }
}

function pressure(net: PipeNetwork, cls: CarryingClass): PipeSegmentProperties['pressureClass'] {
  const major = cls === 'trunk' || cls === 'primary';
  if (net === 'water_supply') return major ? 'medium' : 'low';
  if (net === 'gas') return cls === 'trunk' ? 'high' : major || cls === 'secondary' ? 'medium' : 'low';
  if (net === 'heating') return major ? 'high' : 'medium';
  return undefined;
}
