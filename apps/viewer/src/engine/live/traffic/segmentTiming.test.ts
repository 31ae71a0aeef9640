import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentDuration, segmentProgress } from './segmentTiming.js';

const time = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const duration = fc.double({ min: 0, max: 1e5, noNaN: true });

describe('segmentProgress', () => {
  it('runs from 0 at the start to 1 at the end', () => {
    expect(segmentProgress(1000, 1000, 500)).toBe(0);
    expect(segmentProgress(1250, 1000, 500)).toBe(0.5);
    expect(segmentProgress(1500, 1000, 500)).toBe(1);
  });

  it('never goes past the end (no extrapolation), nor before the start', () => {
    fc.assert(
      fc.property(time, time, duration, (now, start, length) => {
        const t = segmentProgress(now, start, length);
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('only moves forward as time does', () => {
    fc.assert(
      fc.property(time, fc.double({ min: 0, max: 1e5, noNaN: true }), time, duration, (now, later, start, length) => {
        expect(segmentProgress(now + later, start, length)).toBeGreaterThanOrEqual(segmentProgress(now, start, length));
      }),
    );
  });

  it('is at the end for an empty segment (the first frame, or a jump)', () => {
    expect(segmentProgress(0, 0, 0)).toBe(1);
    expect(segmentProgress(0, 0, Number.NaN)).toBe(1);
  });
});

describe('segmentDuration', () => {
  const bounds = { minMs: 100, maxMs: 2000 };
  it('follows how far apart frames come, within bounds', () => {
    expect(segmentDuration(1000, bounds)).toBe(1000);
    expect(segmentDuration(10, bounds)).toBe(100);
    expect(segmentDuration(60_000, bounds)).toBe(2000);
    expect(segmentDuration(Number.POSITIVE_INFINITY, bounds)).toBe(2000);
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (gap) => {
        const d = segmentDuration(gap, bounds);
        expect(d).toBeGreaterThanOrEqual(100);
        expect(d).toBeLessThanOrEqual(2000);
      }),
    );
  });
});
