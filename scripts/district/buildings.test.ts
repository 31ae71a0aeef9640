import { booleanIntersects, booleanValid, kinks, polygon as turfPolygon } from '@turf/turf';
import fc from 'fast-check';
import type { Feature, MultiPolygon, Polygon as GeoPolygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNameBook } from './nameBook.js';
import { createRandom } from './createRandom.js';
import type { DistrictFiles } from './districtFiles.js';
import { boxShape, courtyardShape, ellipseRingShape, lShape, pointTowerShape, roundedRectShape, steppedSlabShape, uShape } from './footprints.js';
import { LayoutContext } from './layoutContext.js';
import { boxOf, placePolygon, polygonArea, signedArea, type Polygon, type Vec } from './planarGeometry.js';
import { defaultDistrict, overlappingPairs } from './testSupport.js';

const closed = (polygon: Polygon): Position[][] => polygon.map((ring) => [...ring.map((p) => [p[0], p[1]]), [(ring[0] as Vec)[0], (ring[0] as Vec)[1]]]);

/** The polygons of a building one by one: its parts may stack over each other by design. */
const parts = (f: Feature): Feature<GeoPolygon>[] =>
  f.geometry.type === 'MultiPolygon' ? (f.geometry as MultiPolygon).coordinates.map((c) => turfPolygon(c)) : [f as Feature<GeoPolygon>];

describe('building footprints in the district', () => {
  let files: DistrictFiles;
  beforeAll(() => {
    files = defaultDistrict();
  });

  it('are valid polygons', () => {
    for (const f of files['buildings.geojson'].features) for (const p of parts(f)) expect(booleanValid(p), String(f.id)).toBe(true);
  });

  it('never overlap or touch each other', () => {
    const buildings = files['buildings.geojson'].features;
    const clashes = overlappingPairs(buildings).filter(([a, b]) => parts(a).some((pa) => parts(b).some((pb) => booleanIntersects(pa, pb))));
    expect(clashes.map(([a, b]) => `${String(a.id)} × ${String(b.id)}`)).toEqual([]);
  });

  it('stay off the water and the paved roads', () => {
    const buildings = files['buildings.geojson'].features;
    for (const file of ['water.geojson', 'road_surfaces.geojson'] as const) {
      const clashes = overlappingPairs(buildings, files[file].features).filter(([b, other]) => parts(b).some((p) => booleanIntersects(p, other)));
      expect(clashes.map(([a, b]) => `${String(a.id)} × ${String(b.id)}`), file).toEqual([]);
    }
  });

  it('stand in residential compounds of repeated buildings with one orientation', () => {
    const byCompound = new Map<string, Feature[]>();
    for (const f of files['buildings.geojson'].features) {
      const match = /号(.+?)\d+号楼$/.exec(f.properties?.['address']?.zh ?? '');
      if (match?.[1]) byCompound.set(match[1], [...(byCompound.get(match[1]) ?? []), f]);
    }
    expect(byCompound.size).toBeGreaterThan(100);
    const sizes = [...byCompound.values()].map((list) => list.length);
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeGreaterThan(8);
  });
});

const dims = fc.record({ w: fc.double({ min: 8, max: 200, noNaN: true }), d: fc.double({ min: 8, max: 200, noNaN: true }) });

describe('footprint shapes', () => {
  const shapes: [string, (w: number, d: number) => Polygon][] = [
    ['box', (w, d) => boxShape(w, d)],
    ['stepped slab', (w, d) => steppedSlabShape(w / 3, d, [0, 1.5, -1])],
    ['point tower', (w, d) => pointTowerShape(w, d, 3)],
    ['L', (w, d) => lShape(w, d, w * 0.4, d * 0.4)],
    ['U', (w, d) => uShape(w, d, w * 0.25, d * 0.4)],
    ['courtyard', (w, d) => courtyardShape(w, d, Math.min(w, d) * 0.2)],
    ['rounded', (w, d) => roundedRectShape(w, d, Math.min(w, d) / 3)],
    ['stadium ring', (w, d) => ellipseRingShape(w / 2, d / 2, Math.min(w, d) * 0.15)],
  ];

  it.each(shapes)('a %s is a valid, counter-clockwise polygon inside its width and depth', (_, make) => {
    fc.assert(
      fc.property(dims, fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), ({ w, d }, angle) => {
        const shape = make(w, d);
        const box = boxOf(shape[0] ?? []);
        expect(box.maxX - box.minX).toBeLessThanOrEqual(w + 1e-6);
        expect(box.maxY - box.minY).toBeLessThanOrEqual(d + 3.1);
        expect(signedArea(shape[0] ?? [])).toBeGreaterThan(0);
        for (const hole of shape.slice(1)) expect(signedArea(hole)).toBeLessThan(0);
        expect(polygonArea(shape)).toBeGreaterThan(0);
        // Validity is checked in the shape's own frame: turf's kinks reports float noise as crossings
        // between the collinear wing ends of a rotated U. Placing is a rotation, so it keeps area and orientation.
        const own = turfPolygon(closed(shape).map((r) => r.map(([x = 0, y = 0]) => [x / 1e5, y / 1e5])));
        expect(kinks(own).features).toEqual([]);
        expect(booleanValid(own)).toBe(true);
        const placed = placePolygon(shape, [0, 0], angle);
        expect(polygonArea(placed)).toBeCloseTo(polygonArea(shape), 6);
        expect(signedArea(placed[0] ?? [])).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('placing buildings', () => {
  it('refuses any building that would come within 6 m of one already placed', () => {
    const box = fc.record({ x: fc.double({ min: -300, max: 300, noNaN: true }), y: fc.double({ min: -300, max: 300, noNaN: true }), w: fc.double({ min: 5, max: 80, noNaN: true }), d: fc.double({ min: 5, max: 80, noNaN: true }), a: fc.double({ min: 0, max: Math.PI, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(box, { minLength: 2, maxLength: 40 }), (boxes) => {
        const ctx = new LayoutContext(createNameBook(createRandom(1)));
        for (const b of boxes) {
          ctx.addBuilding({ polygons: [placePolygon(boxShape(b.w, b.d), [b.x, b.y], b.a)], use: 'office', heightM: 10, floors: 2, yearBuilt: 2020, address: { zh: '昆仑大道1号' } });
        }
        const placed = ctx.buildings.map((b) => turfPolygon(closed(b.polygons[0] as Polygon).map((r) => r.map(([x = 0, y = 0]) => [x / 1e5, y / 1e5]))));
        for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(booleanIntersects(placed[i] as Feature, placed[j] as Feature)).toBe(false);
        expect(placed.length).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 80 },
    );
  });
});
