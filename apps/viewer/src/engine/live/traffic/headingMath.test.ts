import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolateHeading, normaliseHeading, screenRotation, shortestHeadingDelta } from './headingMath.js';

const heading = fc.double({ min: -1080, max: 1080, noNaN: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
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

describe('interpolateHeading', () => {
  it('starts at the first heading and ends at the second', () => {
    fc.assert(
      fc.property(heading, heading, (from, to) => {
        expect(sameDirection(interpolateHeading(from, to, 0), from)).toBe(true);
        expect(sameDirection(interpolateHeading(from, to, 1), to)).toBe(true);
      }),
    );
  });

  it('stays on the short arc, turning in proportion to t', () => {
    fc.assert(
      fc.property(heading, heading, unit, (from, to, t) => {
        const h = interpolateHeading(from, to, t);
        const whole = Math.abs(shortestHeadingDelta(from, to));
        const done = Math.abs(shortestHeadingDelta(from, h));
        const left = Math.abs(shortestHeadingDelta(h, to));
        expect(done + left).toBeCloseTo(whole, 6);
        expect(done).toBeCloseTo(whole * t, 6);
      }),
    );
  });

  it('never turns by more than half a circle between frames, so 359° → 1° does not spin', () => {
    expect(interpolateHeading(359, 1, 0.5)).toBeCloseTo(0);
    expect(interpolateHeading(1, 359, 0.25)).toBeCloseTo(0.5);
  });
});

describe('screenRotation', () => {
  const rad = Math.PI / 180;
  const rotationOf = (headingDeg: number, cameraHeadingDeg: number) => {
    // A camera looking straight down with heading φ sees east and north turned by φ anticlockwise.
    const phi = cameraHeadingDeg * rad;
    return screenRotation(Math.sin(headingDeg * rad), Math.cos(headingDeg * rad), Math.cos(phi), Math.sin(phi), -Math.sin(phi), Math.cos(phi));
  };
  const sameAngle = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b))) < 1e-9;

  it('points north up and east to the right on a north-up view', () => {
    expect(rotationOf(0, 0)).toBeCloseTo(0);
    expect(rotationOf(90, 0)).toBeCloseTo(-Math.PI / 2);
    expect(Math.abs(rotationOf(180, 0))).toBeCloseTo(Math.PI);
  });

  it('turns the symbol clockwise with the heading and back with the camera', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true }), (h, camera) => {
        expect(sameAngle(rotationOf(h, camera), (camera - h) * rad)).toBe(true);
      }),
    );
  });

  it('follows the road on a tilted view, where north is foreshortened', () => {
    // Looking north, tilted 60° from straight down: north shrinks to cos 60° on screen.
    const northeast = screenRotation(Math.SQRT1_2, Math.SQRT1_2, 1, 0, 0, 0.5);
    expect(northeast).toBeCloseTo(Math.atan2(-1, 0.5));
  });
});
