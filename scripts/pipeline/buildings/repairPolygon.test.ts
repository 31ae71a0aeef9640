import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elementAt } from '../tiles3d/elementAt.js';
import type { PolygonRings } from './BuildingRecord.js';
import { localMetres } from '../tiles3d/localMetres.js';
import { pointInRing } from './pointInRing.js';
import { repairPolygon } from './repairPolygon.js';
import { ringsCross } from './ringsCross.js';
import { ringSignedAreaM2 } from './ringSignedAreaM2.js';
import { at, rectangle, validPolygon } from './testPolygons.js';

const square = rectangle(0, 0, 20, 20);

function expectValid([outer, ...holes]: PolygonRings): void {
  expect(outer.length).toBeGreaterThanOrEqual(3);
  expect(ringSignedAreaM2(outer)).toBeGreaterThanOrEqual(1);
  expect(ringsCross(outer, outer)).toBe(false);
  for (const hole of holes) {
    expect(hole.length).toBeGreaterThanOrEqual(3);
    expect(ringSignedAreaM2(hole)).toBeLessThan(0);
    expect(ringsCross(hole, hole)).toBe(false);
    expect(ringsCross(outer, hole)).toBe(false);
    expect(pointInRing(hole[0], outer)).toBe(true);
  }
}

describe('repairPolygon', () => {
  it('accepts a valid polygon as is, without the closing point', () => {
    const result = repairPolygon([square]);
    expect(result).toEqual({ ok: true, rings: [square.slice(0, 4)], repairs: [] });
  });

  it('closes unclosed rings, drops repeated, collinear and spike points, fixes winding', () => {
    const messy = [at(0, 0), at(0, 0), at(10, 0), at(20, 0), at(20, 20), at(20, 30), at(20, 20), at(0, 20)].reverse();
    const result = repairPolygon([messy]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rings[0]).toHaveLength(4);
    expect(ringSignedAreaM2(result.rings[0])).toBeCloseTo(400, -1);
    expect(result.repairs.join('; ')).toMatch(/closed 1 unclosed ring.*repeated point.*collinear or spike.*reversed the outer ring/);
  });

  it('keeps good courtyards (clockwise) and drops bad ones with a reason', () => {
    const courtyard = rectangle(5, 5, 15, 15);
    const result = repairPolygon([square, courtyard, rectangle(30, 30, 40, 40), rectangle(-5, 5, 5, 15), [at(6, 6), at(8, 6), at(6, 6)]]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rings).toHaveLength(2);
    expect(ringSignedAreaM2(result.rings[1] ?? [])).toBeCloseTo(-100, -1);
    expect(result.repairs).toEqual([
      'reversed hole 1 to clockwise',
      'dropped hole 2: it lies outside the outer ring',
      'dropped hole 3: it crosses the outer ring',
      'dropped hole 4: it is degenerate',
    ]);
  });

  it.each([
    ['no rings', [], /no rings/],
    ['a bow tie', [[at(0, 0), at(20, 20), at(20, 0), at(0, 20), at(0, 0)]], /crosses or touches itself/],
    ['a ring pinched at a vertex', [[at(0, 0), at(10, 10), at(20, 0), at(20, 20), at(10, 10), at(0, 20), at(0, 0)]], /crosses or touches itself/],
    ['a line', [[at(0, 0), at(10, 0), at(20, 0), at(0, 0)]], /fewer than 3 distinct points/],
    ['a sliver under 1 m²', [rectangle(0, 0, 10, 0.05)], /zero area/],
    ['latitudes out of range', [[[0, 0], [1, 0], [1, 95], [0, 0]]], /in range/],
    ['strings for numbers', [[['a', 'b'], [1, 1], [2, 2]]], /in range/],
    ['a ring that is not an array', ['ring'], /not an array/],
  ])('refuses %s', (_, coordinates, reason) => {
    const result = repairPolygon(coordinates);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('never throws on garbage, and whatever it accepts is valid', () => {
    const position = fc.oneof(
      fc.tuple(fc.double(), fc.double()),
      fc.tuple(fc.double({ min: 117, max: 117.001, noNaN: true }), fc.double({ min: 34, max: 34.001, noNaN: true })),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(fc.array(position, { maxLength: 12 }), { maxLength: 4 })), (coordinates) => {
        const result = repairPolygon(coordinates);
        if (result.ok) expectValid(result.rings);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps valid polygons intact whatever their winding or closure', () => {
    fc.assert(
      fc.property(validPolygon(), fc.boolean(), fc.boolean(), (rings, reverse, close) => {
        const input = rings.map((ring) => {
          const oriented = reverse ? [...ring].reverse() : ring;
          return close ? [...oriented, oriented[0]] : oriented;
        });
        const result = repairPolygon(input);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expectValid(result.rings);
        expect(result.rings).toHaveLength(rings.length);
        // Only vertices within 1 cm of the line through their neighbours may go, so an area moves
        // by less than 1 cm times half the perimeter.
        rings.forEach((ring, i) => {
          const toXY = localMetres(ring[0]);
          const perimeter = ring.reduce((sum, p, j) => {
            const [[x0, y0], [x1, y1]] = [toXY(p), toXY(elementAt(ring, (j + 1) % ring.length))];
            return sum + Math.hypot(x1 - x0, y1 - y0);
          }, 0);
          const change = Math.abs(ringSignedAreaM2(result.rings[i] ?? [])) - Math.abs(ringSignedAreaM2(ring));
          expect(Math.abs(change)).toBeLessThanOrEqual(0.005 * perimeter);
        });
      }),
      { numRuns: 200 },
    );
  });
});
