import { ADMINISTRATIVE_CENTRE, PILOT_AREA_BOUNDS } from '@pengcheng/protocol';
import { booleanIntersects, distance as turfDistance, point, polygon as turfPolygon } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from './createRandom.js';
import { fromLonLat, toLonLat } from './localFrame.js';
import {
  bufferPolyline,
  offsetPolyline,
  placePolygon,
  pointInRing,
  pointSegmentDistance,
  polylineLength,
  rectRing,
  ringsWithin,
  slicePolyline,
  type Ring,
  type Vec,
} from './planarGeometry.js';

const coord = fc.double({ min: -1900, max: 1900, noNaN: true });
const vec = fc.tuple(coord, coord) as fc.Arbitrary<Vec>;
/** A polyline whose turns stay gentle, like a road's. */
const gentlePolyline = fc
  .record({ start: vec, heading: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), steps: fc.array(fc.record({ len: fc.double({ min: 20, max: 200, noNaN: true }), turn: fc.double({ min: -0.5, max: 0.5, noNaN: true }) }), { minLength: 1, maxLength: 8 }) })
  .map(({ start, heading, steps }) => {
    const points: Vec[] = [start];
    let h = heading;
    for (const { len, turn } of steps) {
      h += turn;
      const last = points[points.length - 1] as Vec;
      points.push([last[0] + len * Math.cos(h), last[1] + len * Math.sin(h)]);
    }
    return points;
  });

describe('the local metric frame', () => {
  it('puts the origin on the administrative centre and ±2000 m on the pilot bounds', () => {
    expect(toLonLat([0, 0])).toEqual([ADMINISTRATIVE_CENTRE.longitude, ADMINISTRATIVE_CENTRE.latitude]);
    const [west, south] = toLonLat([-2000, -2000]) as [number, number];
    const [east, north] = toLonLat([2000, 2000]) as [number, number];
    expect(west).toBeCloseTo(PILOT_AREA_BOUNDS.west, 7);
    expect(south).toBeCloseTo(PILOT_AREA_BOUNDS.south, 7);
    expect(east).toBeCloseTo(PILOT_AREA_BOUNDS.east, 7);
    expect(north).toBeCloseTo(PILOT_AREA_BOUNDS.north, 7);
  });

  it('round-trips any point to within 2 cm and keeps distances to within 0.1 %', () => {
    fc.assert(
      fc.property(vec, vec, (a, b) => {
        const back = fromLonLat(toLonLat(a));
        expect(Math.hypot(back[0] - a[0], back[1] - a[1])).toBeLessThan(0.02);
        const metres = Math.hypot(b[0] - a[0], b[1] - a[1]);
        const geodesic = turfDistance(point(toLonLat(a)), point(toLonLat(b)), { units: 'kilometers' }) * 1000;
        expect(Math.abs(geodesic - metres)).toBeLessThan(0.001 * metres + 0.03);
      }),
    );
  });
});

describe('polylines', () => {
  it('offset keeps every vertex of a straight line at the offset distance, on the left for positive', () => {
    fc.assert(
      fc.property(vec, vec, fc.double({ min: -30, max: 30, noNaN: true }), (a, b, d) => {
        fc.pre(Math.hypot(b[0] - a[0], b[1] - a[1]) > 1);
        for (const p of offsetPolyline([a, b], d)) {
          expect(pointSegmentDistance(p, a, b)).toBeCloseTo(Math.abs(d), 6);
          const side = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
          if (Math.abs(d) > 1e-6) expect(Math.sign(side)).toBe(Math.sign(d));
        }
      }),
    );
  });

  it('buffer covers the line it was drawn around and nothing beyond its half-width', () => {
    fc.assert(
      fc.property(gentlePolyline, fc.double({ min: 2, max: 25, noNaN: true }), (line, half) => {
        const ring = bufferPolyline(line, half);
        const length = polylineLength(line);
        for (let k = 1; k < 20; k++) {
          const [p] = slicePolyline(line, (length * k) / 20, length);
          expect(pointInRing(p as Vec, ring)).toBe(true);
        }
        for (const v of ring) {
          let nearest = Infinity;
          for (let i = 1; i < line.length; i++) nearest = Math.min(nearest, pointSegmentDistance(v, line[i - 1] as Vec, line[i] as Vec));
          expect(nearest).toBeLessThan(half / 0.35 + 1e-6);
        }
      }),
    );
  });

  it('slicing keeps the length of the part sliced', () => {
    fc.assert(
      fc.property(gentlePolyline, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (line, f0, f1) => {
        const length = polylineLength(line);
        const [s0, s1] = [Math.min(f0, f1) * length, Math.max(f0, f1) * length];
        expect(polylineLength(slicePolyline(line, s0, s1))).toBeCloseTo(s1 - s0, 6);
      }),
    );
  });
});

describe('clearance between footprints', () => {
  const box = fc.record({ c: vec, w: fc.double({ min: 2, max: 120, noNaN: true }), d: fc.double({ min: 2, max: 120, noNaN: true }), a: fc.double({ min: 0, max: Math.PI, noNaN: true }) });
  const ringOf = (b: { c: Vec; w: number; d: number; a: number }): Ring => placePolygon([rectRing(-b.w / 2, -b.d / 2, b.w / 2, b.d / 2)], b.c, b.a)[0] as Ring;
  const degrees = (ring: Ring) => turfPolygon([[...ring, ring[0] as Vec].map(toLonLat)]);

  it('agrees with turf on whether two footprints overlap, and is symmetric', () => {
    fc.assert(
      fc.property(box, box, (a, b) => {
        const near = { ...b, c: [a.c[0] + (b.c[0] % 150), a.c[1] + (b.c[1] % 150)] as Vec };
        const ra = ringOf(a);
        const rb = ringOf(near);
        expect(ringsWithin(ra, rb, 3)).toBe(ringsWithin(rb, ra, 3));
        // Leave out the near-touching pairs, where 1 cm of rounding to degrees could go either way.
        const overlapping = ringsWithin(ra, ringOf({ ...near, w: near.w - 0.1, d: near.d - 0.1 }), 1e-9);
        const apart = !ringsWithin(ra, rb, 0.05);
        fc.pre(overlapping || apart);
        expect(booleanIntersects(degrees(ra), degrees(rb))).toBe(overlapping);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the seeded random stream', () => {
  it('repeats for a seed, and a fork does not depend on what was drawn before it', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), fc.nat(20), (seed, label, draws) => {
        const a = createRandom(seed);
        const b = createRandom(seed);
        for (let i = 0; i < draws; i++) a.next();
        expect(a.fork(label).next()).toBe(b.fork(label).next());
        expect(createRandom(seed).int(0, 1000)).toBe(createRandom(seed).int(0, 1000));
      }),
    );
  });
});
