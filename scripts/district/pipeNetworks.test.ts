import { PIPE_NETWORKS, PipeNodeProperties, PipeSegmentProperties, type PipeNetwork } from '@pengcheng/protocol';
import { booleanPointOnLine, length, point } from '@turf/turf';
import fc from 'fast-check';
import type { Feature, LineString, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitRun } from './buildPipeNetworks.js';
import type { DistrictFiles } from './districtFiles.js';
import { fromLonLat } from './localFrame.js';
import { defaultDistrict } from './testSupport.js';

const DRAINS: readonly PipeNetwork[] = ['storm_drainage', 'sewage'];

describe('the underground networks', () => {
  let files: DistrictFiles;
  let segments: { f: Feature<LineString>; p: PipeSegmentProperties }[];
  let nodes: Map<string, { f: Feature<Point>; p: PipeNodeProperties }>;
  beforeAll(() => {
    files = defaultDistrict();
    segments = files['pipe_segments.geojson'].features.map((f) => ({ f: f as Feature<LineString>, p: PipeSegmentProperties.parse(f.properties) }));
    nodes = new Map(files['pipe_nodes.geojson'].features.map((f) => [String(f.id), { f: f as Feature<Point>, p: PipeNodeProperties.parse(f.properties) }]));
  });

  it('draws every segment between two existing nodes of its own network', () => {
    const same = (a: number[] | undefined, b: number[] | undefined): boolean => !!a && !!b && a[0] === b[0] && a[1] === b[1];
    const problems = segments.filter(({ f, p }) => {
      const coords = f.geometry.coordinates;
      const from = nodes.get(p.fromNode);
      const to = nodes.get(p.toNode);
      return (
        from?.p.network !== p.network ||
        to?.p.network !== p.network ||
        !same(coords[0], from.f.geometry.coordinates) ||
        !same(coords[coords.length - 1], to.f.geometry.coordinates) ||
        Math.abs(p.lengthM - length(f, { units: 'kilometers' }) * 1000) >= 0.1
      );
    });
    expect(problems.map(({ p }) => p.id)).toEqual([]);
  });

  it('makes each of the seven networks one connected graph', () => {
    for (const net of PIPE_NETWORKS) {
      const parent = new Map<string, string>();
      const find = (x: string): string => {
        let r = x;
        while (parent.get(r) !== r) r = parent.get(r) as string;
        parent.set(x, r);
        return r;
      };
      for (const [id, n] of nodes) if (n.p.network === net) parent.set(id, id);
      for (const { p } of segments) if (p.network === net) parent.set(find(p.fromNode), find(p.toNode));
      const roots = new Set([...parent.keys()].map(find));
      expect(parent.size, net).toBeGreaterThan(100);
      expect(roots.size, net).toBe(1);
    }
  });

  it('spaces manholes on the drains 40 to 60 m apart (the last piece of a run may be shorter)', () => {
    const runs = new Map<string, number[]>();
    const problems: string[] = [];
    for (const { p } of segments) {
      if (!DRAINS.includes(p.network)) continue;
      const key = `${p.network}|${p.roadEdgeId}`;
      runs.set(key, [...(runs.get(key) ?? []), p.lengthM]);
      const kind = nodes.get(p.toNode)?.p.kind;
      if (kind !== 'manhole' && kind !== 'end') problems.push(`${p.id} ends at a ${String(kind)}`);
    }
    for (const [key, lengths] of runs) {
      lengths.forEach((len, i) => {
        if (len > 60.1 || (i < lengths.length - 1 && len < 39.9)) problems.push(`${key} piece ${i}: ${len} m`);
      });
    }
    expect(runs.size).toBeGreaterThan(500);
    expect(problems).toEqual([]);
  });

  it('lays pipes at depths for their network: cables and gas shallow, drains deep', () => {
    const mean = (net: PipeNetwork) => {
      const list = segments.filter((s) => s.p.network === net && !s.p.inTunnel).map((s) => s.p.depthM);
      return list.reduce((a, b) => a + b, 0) / list.length;
    };
    const wrong = segments.filter(({ p }) => p.depthM < 0.8 || p.depthM > 6 || (p.pressureClass !== undefined) !== (p.network === 'water_supply' || p.network === 'gas' || p.network === 'heating'));
    expect(wrong.map(({ p }) => p.id)).toEqual([]);
    for (const shallow of ['gas', 'telecom'] as const) for (const deep of DRAINS) expect(mean(shallow)).toBeLessThan(mean(deep) - 1);
  });

  it('puts valves on the pressure networks at junctions and along the mains', () => {
    for (const net of ['water_supply', 'gas', 'heating'] as const) {
      expect([...nodes.values()].filter((n) => n.p.network === net && n.p.kind === 'valve').length, net).toBeGreaterThan(100);
    }
  });

  it('runs the networks side by side, never on top of each other', () => {
    const seen = new Map<string, PipeNetwork>();
    const shared: string[] = [];
    for (const { f, p } of segments) {
      const key = JSON.stringify(f.geometry.coordinates);
      if ((seen.get(key) ?? p.network) !== p.network) shared.push(p.id);
      seen.set(key, p.network);
    }
    expect(shared).toEqual([]);
  });

  it('carries water, power, telecom and heating in the Kunlun Avenue tunnel, and nothing else', () => {
    const tunnel = files['utility_tunnel.geojson'].features[0] as Feature<LineString>;
    const ends = tunnel.geometry.coordinates.map((c) => fromLonLat(c)[0]);
    const [x0, x1] = [Math.min(...ends), Math.max(...ends)];
    const inside = segments.filter((s) => s.p.inTunnel);
    expect(new Set(inside.map((s) => s.p.network))).toEqual(new Set(tunnel.properties?.['networks']));
    for (const s of inside) {
      for (const c of s.f.geometry.coordinates) {
        const x = fromLonLat(c)[0];
        expect(x, s.p.id).toBeGreaterThan(x0 - 40);
        expect(x, s.p.id).toBeLessThan(x1 + 40);
      }
    }
    const along = inside.filter((s) => s.p.network === 'power').reduce((sum, s) => sum + s.p.lengthM, 0);
    expect(along).toBeGreaterThan(0.9 * length(tunnel, { units: 'kilometers' }) * 1000);
    expect(booleanPointOnLine(point(tunnel.geometry.coordinates[0] as number[]), tunnel)).toBe(true);
  });
});

describe('cutting a pipe run into segments', () => {
  it('gives drains pieces of 40 to 60 m, the last one possibly shorter, adding up to the run', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 3000, noNaN: true }), fc.constantFrom<PipeNetwork>(...PIPE_NETWORKS), (lengthM, net) => {
        const cuts = splitRun(net, lengthM);
        expect(cuts[0]).toBe(0);
        expect(cuts[cuts.length - 1]).toBe(lengthM);
        const pieces = cuts.slice(1).map((c, i) => c - (cuts[i] as number));
        expect(pieces.every((p) => p > 0)).toBe(true);
        if (DRAINS.includes(net)) {
          pieces.forEach((p, i) => {
            expect(p).toBeLessThanOrEqual(60 + 1e-9);
            if (i < pieces.length - 1) expect(p).toBeGreaterThanOrEqual(40 - 1e-9);
          });
        } else {
          expect(Math.max(...pieces)).toBeLessThanOrEqual((net === 'power' || net === 'telecom' ? 150 : 250) + 1e-9);
        }
      }),
      { numRuns: 500 },
    );
  });
});
