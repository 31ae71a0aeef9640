import { RoadEdgeProperties, RoadNodeProperties } from '@pengcheng/protocol';
import { booleanIntersects, length, lineIntersect } from '@turf/turf';
import fc from 'fast-check';
import type { Feature, LineString, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './buildRoadNetwork.js';
import { createRandom } from './createRandom.js';
import type { DistrictFiles } from './districtFiles.js';
import type { RoadSpec } from './districtModel.js';
import { polylineLength, segmentIntersection, type Vec } from './planarGeometry.js';
import { defaultDistrict, overlappingPairs } from './testSupport.js';

const same = (a: number[] | undefined, b: number[] | undefined): boolean => !!a && !!b && a[0] === b[0] && a[1] === b[1];

describe('the road network', () => {
  let files: DistrictFiles;
  let nodes: Map<string, Feature<Point>>;
  let edges: Feature<LineString>[];
  beforeAll(() => {
    files = defaultDistrict();
    nodes = new Map(files['road_nodes.geojson'].features.map((f) => [String(f.id), f as Feature<Point>]));
    edges = files['road_edges.geojson'].features as Feature<LineString>[];
  });
  const props = (f: Feature) => RoadEdgeProperties.parse(f.properties);

  it('draws every edge from its fromNode to its toNode, both existing', () => {
    for (const e of edges) {
      const { fromNode, toNode } = props(e);
      const coords = e.geometry.coordinates;
      expect(same(coords[0], nodes.get(fromNode)?.geometry.coordinates), `${String(e.id)} from`).toBe(true);
      expect(same(coords[coords.length - 1], nodes.get(toNode)?.geometry.coordinates), `${String(e.id)} to`).toBe(true);
    }
  });

  it('uses every node and classes it by the edges that meet there', () => {
    const degree = new Map<string, number>();
    for (const e of edges) for (const id of [props(e).fromNode, props(e).toNode]) degree.set(id, (degree.get(id) ?? 0) + 1);
    for (const [id, node] of nodes) {
      const { kind } = RoadNodeProperties.parse(node.properties);
      const d = degree.get(id) ?? 0;
      expect(d, id).toBeGreaterThan(0);
      if (kind === 'end') expect(d, id).toBe(1);
      if (kind === 'junction') expect(d, id).toBeGreaterThanOrEqual(3);
      if (kind === 'bridge_end') expect(d, id).toBe(2);
    }
  });

  it('lets edges meet only at shared nodes: a junction wherever roads cross', () => {
    const problems: string[] = [];
    for (const [a, b] of overlappingPairs(edges)) {
      for (const hit of lineIntersect(a as Feature<LineString>, b as Feature<LineString>).features) {
        const p = hit.geometry.coordinates;
        const ends = (f: Feature<LineString>) => [f.geometry.coordinates[0], f.geometry.coordinates[f.geometry.coordinates.length - 1]];
        const shared = ends(a as Feature<LineString>).some((x) => ends(b as Feature<LineString>).some((y) => same(x, y) && Math.abs((x?.[0] ?? 0) - (p[0] ?? 0)) < 1e-7 && Math.abs((x?.[1] ?? 0) - (p[1] ?? 0)) < 1e-7));
        if (!shared) problems.push(`${String(a.id)} × ${String(b.id)} at ${p.join(',')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('is connected, and every node can be driven to from every other respecting one-way edges', () => {
    const forward = new Map<string, string[]>();
    const backward = new Map<string, string[]>();
    const link = (m: Map<string, string[]>, a: string, b: string) => m.set(a, [...(m.get(a) ?? []), b]);
    for (const e of edges) {
      const { fromNode, toNode, oneway } = props(e);
      link(forward, fromNode, toNode);
      link(backward, toNode, fromNode);
      if (!oneway) {
        link(forward, toNode, fromNode);
        link(backward, fromNode, toNode);
      }
    }
    const reach = (m: Map<string, string[]>, start: string): Set<string> => {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length > 0) {
        for (const next of m.get(queue.pop() as string) ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          queue.push(next);
        }
      }
      return seen;
    };
    const start = nodes.keys().next().value as string;
    expect(reach(forward, start).size).toBe(nodes.size);
    expect(reach(backward, start).size).toBe(nodes.size);
    expect(edges.filter((e) => props(e).oneway).length).toBeGreaterThanOrEqual(3);
  });

  it('records geodesic lengths and plausible cross-sections', () => {
    const wrong = edges.filter((e) => {
      const p = props(e);
      return Math.abs(p.lengthM - length(e, { units: 'kilometers' }) * 1000) >= 0.1 || p.widthM / p.lanes < 3;
    });
    expect(wrong.map((e) => e.id)).toEqual([]);
    const classes = new Set(edges.map((e) => props(e).class));
    for (const c of ['trunk', 'primary', 'secondary', 'tertiary', 'residential', 'service']) expect(classes).toContain(c);
    expect(edges.filter((e) => props(e).name.zh === '昆仑大道').every((e) => props(e).class === 'trunk')).toBe(true);
  });

  it('puts a bridge wherever a road crosses the canal, its edges carrying its id', () => {
    const bridges = files['bridges.geojson'].features;
    const canal = files['water.geojson'].features.find((f) => f.properties?.['kind'] === 'canal');
    if (!canal) throw new Error('no canal');
    expect(bridges.length).toBeGreaterThanOrEqual(5);
    const byId = new Map(edges.map((e) => [String(e.id), e]));
    for (const b of bridges) {
      expect(booleanIntersects(b, canal), String(b.id)).toBe(true);
      for (const id of b.properties?.['edgeIds'] as string[]) expect(byId.get(id)?.properties?.['bridgeId'], id).toBe(b.id);
    }
    const bridged = new Set(bridges.map((b) => String(b.id)));
    for (const e of edges) {
      const bridgeId = e.properties?.['bridgeId'] as string | undefined;
      if (bridgeId) expect(bridged).toContain(bridgeId);
      else expect(booleanIntersects(e, canal), String(e.id)).toBe(false);
    }
  });

  it('has signalised junctions where avenues meet', () => {
    const signalised = [...nodes.values()].filter((n) => n.properties?.['signalized']);
    expect(signalised.length).toBeGreaterThan(30);
  });
});

describe('building a road graph from polylines', () => {
  const road = (points: Vec[]): RoadSpec => ({ name: { zh: '测试路' }, class: 'tertiary', lanes: 2, widthM: 14, speedLimitKmh: 40, oneway: false, points });
  const segment = fc
    .tuple(fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 }))
    .filter(([a, b, c, d]) => Math.hypot(c - a, d - b) > 20)
    .map(([a, b, c, d]): Vec[] => [
      [a + 0.37, b + 0.11],
      [c - 0.23, d + 0.29],
    ]);
  const nonCollinear = (roads: Vec[][]): boolean =>
    roads.every((r, i) =>
      roads.every((s, j) => {
        if (i >= j) return true;
        const [a, b] = r as [Vec, Vec];
        const [c, d] = s as [Vec, Vec];
        const cr = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
        return Math.abs(cr) > 1e-3 * Math.hypot(b[0] - a[0], b[1] - a[1]) * Math.hypot(d[0] - c[0], d[1] - c[1]);
      }),
    );

  it('cuts every road at every crossing, keeping its length, with no crossing left inside an edge', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }).filter(nonCollinear), (lines) => {
        const network = buildRoadNetwork(lines.map(road), { centre: [[9000, 9000], [9001, 9001]], halfSpanM: 30, name: { zh: '无' } }, createRandom(1));
        const total = lines.reduce((sum, l) => sum + polylineLength(l), 0);
        // Crossing points closer than the network's 5 cm snap distance merge into one node, which
        // moves a cut by up to that much: length is kept to within 10 cm per pair of roads.
        const pairs = (lines.length * (lines.length - 1)) / 2;
        expect(Math.abs(network.edges.reduce((sum, e) => sum + polylineLength(e.points), 0) - total)).toBeLessThanOrEqual(1e-6 + 0.1 * pairs);
        const nodeAt = new Map(network.nodes.map((n) => [n.id, n.point]));
        let crossings = 0;
        for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) if (segmentIntersection(...(lines[i] as [Vec, Vec]), ...(lines[j] as [Vec, Vec]))) crossings++;
        expect(network.nodes.filter((n) => n.kind === 'junction').length).toBeLessThanOrEqual(crossings);
        for (let i = 0; i < network.edges.length; i++) {
          const a = network.edges[i];
          for (let j = i + 1; j < network.edges.length; j++) {
            const b = network.edges[j];
            if (!a || !b) continue;
            const hit = segmentIntersection(a.points[0] as Vec, a.points[1] as Vec, b.points[0] as Vec, b.points[1] as Vec);
            if (!hit) continue;
            const shared = [a.fromNode, a.toNode].filter((id) => id === b.fromNode || id === b.toNode);
            expect(shared.length).toBeGreaterThan(0);
            expect(shared.some((id) => Math.hypot((nodeAt.get(id) as Vec)[0] - hit.point[0], (nodeAt.get(id) as Vec)[1] - hit.point[1]) < 1e-6)).toBe(true);
          }
        }
        expect(network.edges.every((e) => polylineLength(e.points) > 0.05)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
