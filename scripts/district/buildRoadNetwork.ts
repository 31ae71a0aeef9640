import type { LocalizedName, RoadClass, RoadNodeProperties } from '@pengcheng/protocol';
import type { Random } from './createRandom.js';
import type { RoadSpec } from './districtModel.js';
import { boxOf, boxesOverlap, cross, cumulativeLengths, distance, pointAlong, slicePolyline, sub, type Vec } from './planarGeometry.js';

export interface RoadNode {
  readonly id: string;
  readonly point: Vec;
  readonly kind: RoadNodeProperties['kind'];
  readonly signalized: boolean;
  /** Ids of the edges that start or end here. */
  readonly edgeIds: readonly string[];
}

export interface RoadEdge {
  readonly id: string;
  readonly spec: RoadSpec;
  readonly points: readonly Vec[];
  readonly fromNode: string;
  readonly toNode: string;
  readonly bridgeId?: string;
}

export interface Bridge {
  readonly id: string;
  readonly name: LocalizedName;
  readonly edgeIds: readonly string[];
  readonly points: readonly Vec[];
  readonly deckHeightM: number;
  readonly yearBuilt: number;
}

export interface RoadNetwork {
  readonly nodes: readonly RoadNode[];
  readonly edges: readonly RoadEdge[];
  readonly bridges: readonly Bridge[];
  readonly nodeById: ReadonlyMap<string, RoadNode>;
}

/** A watercourse the roads cross on bridges. */
export interface Crossing {
  readonly centre: readonly Vec[];
  /** Half the bridge's length: the water and the banks' abutments. */
  readonly halfSpanM: number;
  readonly name: LocalizedName;
}

interface Split {
  readonly s: number;
  readonly point: Vec;
}

const MAJOR: ReadonlySet<RoadClass> = new Set(['trunk', 'primary', 'secondary']);
const STREETS: ReadonlySet<RoadClass> = new Set(['trunk', 'primary', 'secondary', 'tertiary']);

/**
 * Turns planned road polylines into a routable graph: a node wherever two roads cross or one
 * ends on another, edges from node to node, and every road cut where it crosses the canal so
 * that the bridge is an edge of its own.
 */
export function buildRoadNetwork(specs: readonly RoadSpec[], crossing: Crossing, random: Random): RoadNetwork {
  const cums = specs.map((s) => cumulativeLengths(s.points));
  const splits: Split[][] = specs.map(() => []);
  const boxes = specs.map((s) => boxOf(s.points));

  for (let i = 0; i < specs.length; i++) {
    for (let j = i + 1; j < specs.length; j++) {
      if (!boxesOverlap(boxes[i] as (typeof boxes)[number], boxes[j] as (typeof boxes)[number], 0.01)) continue;
      for (const hit of polylineHits((specs[i] as RoadSpec).points, (specs[j] as RoadSpec).points, cums[i] as number[], cums[j] as number[])) {
        (splits[i] as Split[]).push({ s: hit.sA, point: hit.point });
        (splits[j] as Split[]).push({ s: hit.sB, point: hit.point });
      }
    }
  }

  // Bridge spans: [start, end] along each road that crosses the water.
  const spans: { spec: number; s0: number; s1: number }[] = [];
  const centreCum = cumulativeLengths(crossing.centre);
  specs.forEach((spec, i) => {
    const cum = cums[i] as number[];
    const length = cum[cum.length - 1] as number;
    for (const hit of polylineHits(spec.points, crossing.centre, cum, centreCum)) {
      const s0 = Math.max(0.5, hit.sA - crossing.halfSpanM);
      const s1 = Math.min(length - 0.5, hit.sA + crossing.halfSpanM);
      spans.push({ spec: i, s0, s1 });
      (splits[i] as Split[]).push({ s: s0, point: pointAlong(spec.points, s0).point }, { s: s1, point: pointAlong(spec.points, s1).point });
    }
  });

  const nodes = new NodeRegistry();
  const bridgeEnds = new Set<number>();
  for (const span of spans) {
    const spec = specs[span.spec] as RoadSpec;
    bridgeEnds.add(nodes.at(pointAlong(spec.points, span.s0).point)).add(nodes.at(pointAlong(spec.points, span.s1).point));
  }

  interface DraftEdge {
    readonly spec: RoadSpec;
    readonly points: Vec[];
    readonly from: number;
    readonly to: number;
    readonly span: number;
  }
  const drafts: DraftEdge[] = [];
  specs.forEach((spec, i) => {
    const cum = cums[i] as number[];
    const length = cum[cum.length - 1] as number;
    const cuts = [{ s: 0, point: spec.points[0] as Vec }, ...(splits[i] as Split[]), { s: length, point: spec.points[spec.points.length - 1] as Vec }].sort((a, b) => a.s - b.s);
    const unique: Split[] = [];
    for (const c of cuts) {
      const last = unique[unique.length - 1];
      if (!last || c.s - last.s > 0.05) unique.push(c);
    }
    for (let k = 1; k < unique.length; k++) {
      const a = unique[k - 1] as Split;
      const b = unique[k] as Split;
      const points = slicePolyline(spec.points, a.s, b.s);
      points[0] = a.point;
      points[points.length - 1] = b.point;
      const mid = (a.s + b.s) / 2;
      const span = spans.findIndex((sp) => sp.spec === i && sp.s0 <= mid && mid <= sp.s1);
      drafts.push({ spec, points, from: nodes.at(a.point), to: nodes.at(b.point), span });
    }
  });

  // Node ids read north to south, west to east.
  const order = nodes.points
    .map((p, index) => ({ p, index }))
    .sort((a, b) => b.p[1] - a.p[1] || a.p[0] - b.p[0]);
  const nodeId = new Map(order.map(({ index }, k) => [index, `RDN-${String(k + 1).padStart(6, '0')}`]));
  const idOf = (index: number): string => nodeId.get(index) as string;

  const spanIds = spans.map((_, k) => `BRG-${String(k + 1).padStart(3, '0')}`);
  const edges: RoadEdge[] = drafts.map((d, k) => ({
    id: `RDE-${String(k + 1).padStart(6, '0')}`,
    spec: d.spec,
    points: d.points.map((p, idx) => (idx === 0 ? (nodes.points[d.from] as Vec) : idx === d.points.length - 1 ? (nodes.points[d.to] as Vec) : p)),
    fromNode: idOf(d.from),
    toNode: idOf(d.to),
    ...(d.span >= 0 ? { bridgeId: spanIds[d.span] as string } : {}),
  }));

  const incident = new Map<string, RoadEdge[]>();
  for (const e of edges) {
    for (const id of [e.fromNode, e.toNode]) incident.set(id, [...(incident.get(id) ?? []), e]);
  }
  const built: RoadNode[] = order.map(({ p, index }) => {
    const id = idOf(index);
    const around = incident.get(id) ?? [];
    const degree = around.length;
    const names = new Set(around.filter((e) => STREETS.has(e.spec.class)).map((e) => e.spec.name.zh));
    const kind: RoadNode['kind'] = bridgeEnds.has(index) && degree === 2 ? 'bridge_end' : degree === 1 ? 'end' : degree === 2 ? 'bend' : 'junction';
    return {
      id,
      point: p,
      kind,
      signalized: kind === 'junction' && names.size >= 2 && around.some((e) => MAJOR.has(e.spec.class)),
      edgeIds: around.map((e) => e.id),
    };
  });

  const bridges: Bridge[] = spans.map((span, k) => {
    const spec = specs[span.spec] as RoadSpec;
    const onBridge = edges.filter((e) => e.bridgeId === spanIds[k]);
    return {
      id: spanIds[k] as string,
      name: { zh: `${crossing.name.zh}${spec.name.zh}桥`, en: `${spec.name.en ?? spec.name.zh} Bridge over the ${crossing.name.en ?? crossing.name.zh}` },
      edgeIds: onBridge.map((e) => e.id),
      points: onBridge.flatMap((e, idx) => (idx === 0 ? e.points : e.points.slice(1))),
      deckHeightM: Math.round(random.range(3.5, 6) * 10) / 10,
      yearBuilt: random.int(2009, 2016),
    };
  });
  return { nodes: built, edges, bridges, nodeById: new Map(built.map((nd) => [nd.id, nd])) };
}

/** Every point where two polylines cross or touch, with the distance along each. */
function polylineHits(a: readonly Vec[], b: readonly Vec[], cumA: readonly number[], cumB: readonly number[]): { sA: number; sB: number; point: Vec }[] {
  const hits: { sA: number; sB: number; point: Vec }[] = [];
  for (let i = 1; i < a.length; i++) {
    const p = a[i - 1] as Vec;
    const q = a[i] as Vec;
    for (let j = 1; j < b.length; j++) {
      const r = b[j - 1] as Vec;
      const t = b[j] as Vec;
      const lenA = distance(p, q);
      const lenB = distance(r, t);
      const d1 = sub(q, p);
      const d2 = sub(t, r);
      if (Math.abs(cross(d1, d2)) < 1e-9 * lenA * lenB) {
        // Parallel: roads may share an end point but never run along each other.
        if (Math.abs(cross(d1, sub(r, p))) > 1e-6 * lenA) continue;
        const touching: [number, number, Vec][] = [];
        for (const [ea, sa] of [[p, 0], [q, lenA]] as const) {
          for (const [eb, sb] of [[r, 0], [t, lenB]] as const) if (distance(ea, eb) < 1e-6) touching.push([sa, sb, ea]);
        }
        const along = (x: Vec): number => ((x[0] - p[0]) * d1[0] + (x[1] - p[1]) * d1[1]) / lenA;
        const lo = Math.max(0, Math.min(along(r), along(t)));
        const hi = Math.min(lenA, Math.max(along(r), along(t)));
        if (hi - lo > 1e-6) throw new Error(`two roads run along each other near ${p.join(', ')}`);
        for (const [sa, sb, pt] of touching) hits.push({ sA: (cumA[i - 1] as number) + sa, sB: (cumB[j - 1] as number) + sb, point: pt });
        continue;
      }
      const denom = cross(d1, d2);
      const w = sub(r, p);
      const u = cross(w, d2) / denom;
      const v = cross(w, d1) / denom;
      const eps = 1e-9;
      if (u < -eps || u > 1 + eps || v < -eps || v > 1 + eps) continue;
      // Snap to an end point when the crossing is at one, so both roads share that exact node.
      const uc = Math.min(1, Math.max(0, u));
      const vc = Math.min(1, Math.max(0, v));
      const point: Vec = uc < 1e-7 ? p : uc > 1 - 1e-7 ? q : vc < 1e-7 ? r : vc > 1 - 1e-7 ? t : [p[0] + d1[0] * uc, p[1] + d1[1] * uc];
      hits.push({ sA: (cumA[i - 1] as number) + uc * lenA, sB: (cumB[j - 1] as number) + vc * lenB, point });
    }
  }
  return hits;
}

/** Points that are the same node within 5 cm, found through a 10 cm grid. */
class NodeRegistry {
  readonly points: Vec[] = [];
  private readonly grid = new Map<string, number[]>();

  at(p: Vec): number {
    const gx = Math.round(p[0] / 0.1);
    const gy = Math.round(p[1] / 0.1);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const index of this.grid.get(`${gx + dx},${gy + dy}`) ?? []) if (distance(this.points[index] as Vec, p) < 0.05) return index;
      }
    }
    const index = this.points.length;
    this.points.push(p);
    const key = `${gx},${gy}`;
    this.grid.set(key, [...(this.grid.get(key) ?? []), index]);
    return index;
  }
}
