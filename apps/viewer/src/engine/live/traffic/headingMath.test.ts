import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseHeading, shortestHeadingDelta } from './headingMath.js';

const heading = fc.double({ min: -1080, max: 1080, noNaN: true });
/** Equal as headings: the same direction, whichever turn of the circle. */
const sameDirection = (a: number, b: number) => Math.abs(shortestHeadingDelta(a, b)) < 1e-6;

describe('normaliseHeading', () => {
  it('folds any heading into [0, 360) without changing its direction', () => {
    expect(normaliseHeading(-90)).toBe(270);
    expect(normaliseHeading(360)).toBe(0);
    expect(Object.is(normaliseHeading(-0), 0)).toBe(true);
    fc.assert(
      fc.property(heading, (h) => {
        const n = normaliseHeading(h);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThan(360);
        expect(Math.abs(Math.cos(((n - h) * Math.PI) / 180) - 1)).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('shortestHeadingDelta', () => {
  it('turns the short way round through north', () => {
    expect(shortestHeadingDelta(350, 10)).toBeCloseTo(20);
    expect(shortestHeadingDelta(10, 350)).toBeCloseTo(-20);
    expect(shortestHeadingDelta(0, 180)).toBe(180);
    expect(shortestHeadingDelta(90, 90)).toBe(0);
  });

  it('is at most half a turn, and lands on the target', () => {
    fc.assert(
      fc.property(heading, heading, (from, to) => {
        const delta = shortestHeadingDelta(from, to);
        expect(delta).toBeGreaterThan(-180);
        expect(delta).toBeLessThanOrEqual(180);
        expect(sameDirection(from + delta, to)).toBe(true);
      }),
    );
  });
});
