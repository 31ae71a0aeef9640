import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vehicleArrowhead } from './vehicleSymbol.js';

describe('vehicleArrowhead', () => {
  it('points the way of travel, its stroke inside its box at every size', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200, noNaN: true }), (heightPx) => {
        const { widthPx, heightPx: height, linePx, tip, barb, notch } = vehicleArrowhead(heightPx);
        expect(height).toBeGreaterThanOrEqual(8);
        expect(widthPx).toBeLessThan(height);
        // Tip ahead of the notch, the notch ahead of the barbs: an arrowhead, not a triangle.
        expect(tip[1]).toBeGreaterThan(notch[1]);
        expect(notch[1]).toBeGreaterThan(barb[1]);
        expect(tip[0]).toBe(0);
        expect(notch[0]).toBe(0);
        expect(barb[0]).toBeGreaterThan(0);
        for (const [x, y] of [tip, barb, notch]) {
          expect(Math.abs(x) + linePx / 2).toBeLessThanOrEqual(widthPx / 2);
          expect(Math.abs(y) + linePx / 2).toBeLessThanOrEqual(height / 2);
        }
      }),
    );
  });

  it('is 18 px long by default size, with a stroke of a tenth of that', () => {
    const arrow = vehicleArrowhead(18);
    expect([arrow.widthPx, arrow.heightPx]).toEqual([13, 18]);
    expect(arrow.linePx).toBeCloseTo(1.8);
  });
});
