import { LinkState, VehicleState } from '@pengcheng/protocol';
import { bearing, lineString, point, pointToLineDistance } from '@turf/turf';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { committedDistrict } from '../../../test-support/simulatorFixtures.js';
import { chinaTime } from '../localTime.js';
import { createSimRandom } from '../simRandom.js';
import { bprSpeedKmh } from './linkCongestion.js';
import { legEnds, RoadGraph } from './roadGraph.js';
import { TrafficModel, type TrafficTick } from './trafficModel.js';

let graph: RoadGraph;
beforeAll(async () => {
  graph = new RoadGraph((await committedDistrict()).district);
});

/** `ticks` ticks of `stepMs` from a local hour of a weekday, every `every`-th kept. */
function drive(hour: number, vehiclesPeak: number, ticks: number, every = 1, stepMs = 200): TrafficTick[] {
  const model = new TrafficModel({ graph, random: createSimRandom(5), vehiclesPeak });
  const start = chinaTime(2026, 12, 1, hour);
  const out: TrafficTick[] = [];
  for (let i = 1; i <= ticks; i++) {
    const tick = model.step(start + i * stepMs, stepMs, () => 1);
    if (i % every === 0) out.push(tick);
  }
  return out;
}

describe('the road network', () => {
  it('routes between real nodes along connected legs, one-way edges only forward', () => {
    const random = createSimRandom(11);
    for (let i = 0; i < 300; i++) {
      const from = random.pick(graph.nodeIds);
      const to = random.pick(graph.nodeIds);
      const legs = graph.route(from, to);
      if (from === to) {
        expect(legs).toBeUndefined();
        continue;
      }
      expect(legs, `${from} → ${to}`).toBeDefined();
      if (!legs) continue;
      expect(legEnds(legs[0] as (typeof legs)[number]).from).toBe(from);
      expect(legEnds(legs[legs.length - 1] as (typeof legs)[number]).to).toBe(to);
      for (let k = 1; k < legs.length; k++) expect(legEnds(legs[k] as (typeof legs)[number]).from).toBe(legEnds(legs[k - 1] as (typeof legs)[number]).to);
      for (const leg of legs) if (leg.link.props.oneway) expect(leg.forward).toBe(true);
    }
    // Going back against a one-way link must take another way, even when every other link is made slow.
    const oneWay = graph.links.filter((l) => l.props.oneway);
    expect(oneWay.length).toBeGreaterThan(0);
    for (const link of oneWay) {
      const cheapest = (l: typeof link) => (l === link ? 1 : 1000);
      expect(graph.route(link.props.fromNode, link.props.toNode, cheapest)?.map((l) => l.link)).toEqual([link]);
      const back = graph.route(link.props.toNode, link.props.fromNode, cheapest);
      expect(back?.length).toBeGreaterThan(0);
      expect(back?.some((l) => l.link === link)).toBe(false);
    }
  });

  it('slows a link as its volume grows (BPR), never below a crawl nor above free flow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 120 }), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (free, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const slow = bprSpeedKmh(free, high);
        expect(slow).toBeLessThanOrEqual(bprSpeedKmh(free, low));
        expect(slow).toBeGreaterThan(0);
        expect(bprSpeedKmh(free, low)).toBeLessThanOrEqual(free);
      }),
    );
  });
});

describe('vehicles on the network', () => {
  it('stay on their link: within a metre of its line, heading along it, one-way links driven forward', () => {
    const ticks = drive(8, 800, 600, 50);
    let checked = 0;
    for (const tick of ticks) {
      for (const v of tick.vehicles) {
        expect(VehicleState.safeParse(v).success).toBe(true);
        const link = graph.link(v.linkId);
        expect(link, v.linkId).toBeDefined();
        if (!link) continue;
        const line = lineString(link.line.points.map((p) => [...p]));
        const at = point([v.lon, v.lat]);
        expect(pointToLineDistance(at, line, { units: 'meters' })).toBeLessThan(1);
        // The directions of the line's pieces under the vehicle (two at a bend), from turf, not our own geometry.
        const pieces = link.line.points.slice(1).map((b, k) => lineString([[...(link.line.points[k] ?? b)], [...b]]));
        const under = pieces.filter((piece) => pointToLineDistance(at, piece, { units: 'meters' }) < 1);
        const directions = under.map((piece) => (bearing(point(piece.geometry.coordinates[0] ?? []), point(piece.geometry.coordinates[1] ?? [])) + 360) % 360);
        const off = (d: number) => Math.min(Math.abs(v.headingDeg - d) % 360, 360 - (Math.abs(v.headingDeg - d) % 360));
        const allowed = link.props.oneway ? directions : directions.flatMap((d) => [d, (d + 180) % 360]);
        expect(Math.min(...allowed.map(off)), `${v.id} on ${link.id}`).toBeLessThan(3);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('drive one-way links only forward (a one-way ring: every vehicle must go round with it)', () => {
    const corners: [number, number][] = [[117.27, 34.2], [117.272, 34.2], [117.272, 34.202], [117.27, 34.202]];
    const roadNodes = corners.map((c, i) => ({ point: c, props: { id: `RDN-00000${i + 1}`, kind: 'junction' as const, signalized: false } }));
    const roadEdges = corners.map((c, i) => ({
      line: [c, corners[(i + 1) % 4] as [number, number]],
      props: { id: `RDE-00000${i + 1}`, name: { zh: '环路' }, class: 'tertiary' as const, lanes: 2, widthM: 8, speedLimitKmh: 40, oneway: true, fromNode: `RDN-00000${i + 1}`, toNode: `RDN-00000${((i + 1) % 4) + 1}`, lengthM: 200 },
    }));
    const ring = new RoadGraph({ roadNodes, roadEdges });
    const model = new TrafficModel({ graph: ring, random: createSimRandom(9), vehiclesPeak: 40 });
    const start = chinaTime(2026, 12, 1, 8);
    let checked = 0;
    for (let i = 1; i <= 300; i++) {
      for (const v of model.step(start + i * 1000, 1000, () => 1).vehicles) {
        const link = ring.link(v.linkId);
        const [a, b] = link?.line.points ?? [];
        const forward = (bearing(point([...(a ?? [])]), point([...(b ?? [])])) + 360) % 360;
        expect(Math.min(Math.abs(v.headingDeg - forward), 360 - Math.abs(v.headingDeg - forward)), `${v.id} on ${v.linkId}`).toBeLessThan(3);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('move along their routes at the speed of their link', () => {
    const [a, b] = drive(8, 300, 10, 5) as [TrafficTick, TrafficTick];
    const before = new Map(a.vehicles.map((v) => [v.id, v]));
    const moved = b.vehicles.filter((v) => {
      const was = before.get(v.id);
      return was && (was.lon !== v.lon || was.lat !== v.lat);
    });
    expect(moved.length).toBeGreaterThan(b.vehicles.length * 0.9);
    expect(b.vehicles.every((v) => v.speedMs > 0 && v.speedMs < 40)).toBe(true);
  });

  it('congest the main roads at the rush hour and leave them free at night, reporting changed links only', () => {
    const meanSpeedRatio = (ticks: TrafficTick[]) => {
      const last = new Map<string, LinkState>();
      for (const t of ticks) for (const l of t.links) last.set(l.linkId, l);
      const main = graph.links.filter((l) => ['trunk', 'primary'].includes(l.props.class));
      return main.reduce((sum, l) => sum + (last.get(l.id)?.speedKmh ?? l.freeFlowKmh) / l.freeFlowKmh, 0) / main.length;
    };
    const rush = drive(8, 3000, 300, 1, 1000);
    const night = drive(3, 3000, 100, 1, 1000);
    expect(rush[0]?.links.length).toBe(graph.links.length);
    expect(rush.slice(-20).every((t) => t.links.length < graph.links.length / 4)).toBe(true);
    for (const t of [...rush.slice(-5), ...night.slice(-5)]) for (const l of t.links) expect(LinkState.safeParse(l).success).toBe(true);
    expect(meanSpeedRatio(rush)).toBeLessThan(meanSpeedRatio(night) - 0.03);
    expect(meanSpeedRatio(night)).toBeGreaterThan(0.95);
  });
});
