import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defined } from '../tiles3d/defined.js';
import { elementAt } from '../tiles3d/elementAt.js';
import type { BuildingRecord, LonLat, PolygonRings } from './BuildingRecord.js';
import { localMetres } from '../tiles3d/localMetres.js';
import { repairPolygon } from './repairPolygon.js';
import { simplifyBuilding } from './simplifyBuilding.js';
import { simplifyRing } from './simplifyRing.js';
import { at, footprint, rectangle, validPolygon } from './testPolygons.js';

const building = (parts: { rings: PolygonRings; minHeightM?: number; heightM: number }[]): BuildingRecord => ({
  id: 'BLD-000001',
  heightM: Math.max(...parts.map((p) => p.heightM)),
  parts: parts.map((p) => ({ minHeightM: 0, ...p })),
});

/** Largest distance from a vertex of `ring` to the outline of `simplified`, in metres. */
function deviation(ring: readonly LonLat[], simplified: readonly LonLat[]): number {
  const toXY = localMetres(elementAt(ring, 0));
  const s = simplified.map(toXY);
  return Math.max(
    ...ring.map(toXY).map(([px, py]) =>
      Math.min(
        ...s.map(([ax, ay], i) => {
          const [bx, by] = elementAt(s, (i + 1) % s.length);
          const [dx, dy] = [bx - ax, by - ay];
          const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
          return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
        }),
      ),
    ),
  );
}

describe('simplifyRing', () => {
  it('straightens a wobbly wall within the tolerance', () => {
    const wobbly: LonLat[] = [...Array.from({ length: 50 }, (_, i) => at(i, i % 2 ? 0.2 : -0.2)), at(50, 0), at(50, 30), at(0, 30)];
    const simplified = simplifyRing(wobbly, 1);
    expect(simplified.length).toBeLessThanOrEqual(6);
    expect(deviation(wobbly, simplified)).toBeLessThanOrEqual(1);
  });

  it('never moves an outline by more than the tolerance', () => {
    fc.assert(
      fc.property(validPolygon(), fc.double({ min: 0.1, max: 30, noNaN: true }), ([outer], tolerance) => {
        expect(deviation(outer, simplifyRing(outer, tolerance))).toBeLessThanOrEqual(tolerance + 1e-6);
      }),
      { numRuns: 200 },
    );
  });
});

describe('simplifyBuilding', () => {
  const podium = { rings: [footprint(rectangle(0, 0, 60, 40))] as const, heightM: 12 };
  const tower = { rings: [footprint(rectangle(10, 10, 30, 30))] as const, heightM: 150 };

  it('keeps everything at zero tolerance and drops what is no taller than the tolerance', () => {
    expect(simplifyBuilding(building([podium, tower]), 0)).toHaveLength(2);
    expect(simplifyBuilding(building([podium]), 12)).toEqual([]);
    const coarse = simplifyBuilding(building([podium, tower]), 20);
    expect(coarse.map((p) => p.heightM)).toEqual([150]);
  });

  it('collapses parts into one prism only when every roof is within the tolerance of the top', () => {
    const wing = { rings: [footprint(rectangle(60, 0, 100, 40))] as const, heightM: 30 };
    const main = { rings: [footprint(rectangle(0, 0, 60, 40))] as const, heightM: 33 };
    const collapsed = simplifyBuilding(building([wing, main]), 4);
    expect(collapsed).toHaveLength(1);
    expect(collapsed[0]?.heightM).toBe(33);
    expect(collapsed[0]?.rings[0]).toHaveLength(4);
    expect(simplifyBuilding(building([wing, main]), 2)).toHaveLength(2);
    expect(simplifyBuilding(building([podium, tower]), 4)).toHaveLength(2);
  });

  it('returns valid footprints that stay within half the tolerance, for any polygon', () => {
    fc.assert(
      fc.property(validPolygon(), fc.double({ min: 1, max: 60, noNaN: true }), (rings, tolerance) => {
        const part = defined(simplifyBuilding(building([{ rings, heightM: 100 }]), tolerance)[0]);
        const checked = repairPolygon(part.rings.map((ring) => [...ring, ring[0]]));
        expect(checked.ok && checked.rings.length).toBe(rings.length);
        rings.forEach((ring, i) => expect(deviation(ring, elementAt(part.rings, i))).toBeLessThanOrEqual(tolerance / 2 + 1e-6));
      }),
      { numRuns: 150 },
    );
  });
});
