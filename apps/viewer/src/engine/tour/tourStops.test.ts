import fc from 'fast-check';
import { ADMINISTRATIVE_CENTRE, PILOT_AREA_BOUNDS, type DistrictPlace } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { planTour, TOUR_CATEGORIES } from './tourStops.js';

const place = (id: string, category: string, dLon: number, dLat: number, heightM = 40, kind: DistrictPlace['kind'] = 'building'): DistrictPlace => ({
  id,
  kind,
  category,
  name: { zh: id, en: id },
  longitude: ADMINISTRATIVE_CENTRE.longitude + dLon,
  latitude: ADMINISTRATIVE_CENTRE.latitude + dLat,
  heightM,
  radiusM: 60,
});

const PLACES: DistrictPlace[] = [
  place('BLD-000001', 'government', 0, 0, 100),
  place('BLD-000002', 'government', 0.003, 0.001, 80),
  place('BLD-000010', 'office', -0.01, 0.01, 178),
  place('BLD-000011', 'office', -0.011, 0.012, 170),
  place('BLD-000020', 'cultural', 0.004, -0.006, 46),
  place('SQR-000001', 'square', 0, -0.002, 0, 'square'),
  place('WTR-000001', 'lake', 0.012, 0.004, 0, 'water'),
  place('BRG-000001', 'bridge', -0.006, -0.008, 6, 'bridge'),
  place('BRG-000002', 'bridge', -0.007, -0.009, 6, 'bridge'),
];

describe('planTour', () => {
  it('starts at the administrative centre and shows one place of each kind, each once', () => {
    const stops = planTour(PLACES);
    expect(stops[0]?.id).toBe('BLD-000001');
    expect(stops.map((s) => s.id).sort()).toEqual(['BLD-000001', 'BLD-000002', 'BLD-000010', 'BLD-000020', 'BRG-000001', 'SQR-000001', 'WTR-000001'].sort());
  });

  it('takes the most prominent place of a kind: the tallest tower', () => {
    expect(planTour(PLACES).some((s) => s.id === 'BLD-000010')).toBe(true);
    expect(planTour(PLACES).some((s) => s.id === 'BLD-000011')).toBe(false);
  });

  it('goes round the centre clockwise after the first stop, looking outwards', () => {
    const headings = planTour(PLACES).slice(1).map((s) => s.view.headingDegrees);
    expect(headings).toEqual([...headings].sort((a, b) => a - b));
    const lake = planTour(PLACES).find((s) => s.id === 'WTR-000001');
    // The lake lies east-north-east of the centre: seen looking that way.
    expect(lake?.view.headingDegrees).toBeGreaterThan(45);
    expect(lake?.view.headingDegrees).toBeLessThan(90);
  });

  it('stands further back on a portrait screen', () => {
    const near = planTour(PLACES)[0]?.view.rangeMetres ?? 0;
    expect(planTour(PLACES, 10, 16 / 9)[0]?.view.rangeMetres).toBeCloseTo(near * (16 / 9), -1);
    expect(planTour(PLACES, 10, Number.NaN)[0]?.view.rangeMetres).toBe(near);
  });

  it('keeps to its stop limit, and has no tour without places', () => {
    expect(planTour(PLACES, 3)).toHaveLength(3);
    expect(planTour([], 10)).toEqual([]);
    expect(planTour(PLACES, 0)).toEqual([]);
  });

  it('gives every stop a view above the ground, looking down, from a sensible distance', () => {
    const anyPlace = fc.record({
      id: fc.stringMatching(/^[A-Z]{3}-[0-9]{6}$/),
      kind: fc.constantFrom('building', 'square', 'water', 'bridge'),
      category: fc.constantFrom(...TOUR_CATEGORIES, 'residential'),
      name: fc.constant({ zh: '地点' }),
      longitude: fc.double({ min: PILOT_AREA_BOUNDS.west, max: PILOT_AREA_BOUNDS.east, noNaN: true }),
      latitude: fc.double({ min: PILOT_AREA_BOUNDS.south, max: PILOT_AREA_BOUNDS.north, noNaN: true }),
      heightM: fc.double({ min: 0, max: 300, noNaN: true }),
      radiusM: fc.double({ min: 0, max: 2000, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(anyPlace, { maxLength: 40 }), (places) => {
        const stops = planTour(places as DistrictPlace[], 10);
        expect(stops.length).toBeLessThanOrEqual(Math.min(10, places.length));
        expect(new Set(stops.map((s) => s.id)).size).toBe(stops.length);
        for (const { view } of stops) {
          expect(view.pitchDegrees).toBeLessThan(0);
          expect(view.rangeMetres).toBeGreaterThanOrEqual(350);
          expect(view.rangeMetres).toBeLessThanOrEqual(3500);
          expect(view.headingDegrees).toBeGreaterThanOrEqual(0);
          expect(view.headingDegrees).toBeLessThanOrEqual(360);
        }
      }),
    );
  });
});
