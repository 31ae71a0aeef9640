import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classIndex, niceClassBreaks, niceStep } from './classBreaks.js';
import { CATEGORY_PALETTE, NO_DATA_COLOUR, OTHER_COLOUR, rampColour, rampColours } from './colourRamps.js';

const range = fc
  .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }))
  .map(([min, width]) => [min, min + width] as const);

describe('niceClassBreaks', () => {
  it('gives strictly increasing breaks inside the range, no more classes than asked', () => {
    fc.assert(
      fc.property(range, fc.integer({ min: 1, max: 9 }), fc.boolean(), ([min, max], classes, integers) => {
        const { breaks } = niceClassBreaks(min, max, classes, integers);
        expect(breaks.length + 1).toBeLessThanOrEqual(classes);
        for (const [i, b] of breaks.entries()) {
          expect(b).toBeGreaterThan(min);
          expect(b).toBeLessThan(max);
          if (i > 0) expect(b).toBeGreaterThan(breaks[i - 1] ?? Number.NEGATIVE_INFINITY);
        }
      }),
    );
  });

  it('steps by one nice number, so consecutive breaks are equally far apart', () => {
    // Ranges a double can split evenly: not narrower than a millionth of their magnitude.
    const splittable = fc
      .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }))
      .map(([min, width]) => [min, min + width] as const);
    fc.assert(
      fc.property(splittable, fc.integer({ min: 2, max: 9 }), ([min, max], classes) => {
        const { breaks } = niceClassBreaks(min, max, classes);
        const gaps = breaks.slice(1).map((b, i) => b - (breaks[i] ?? 0));
        for (const gap of gaps) expect(Math.abs(gap - (gaps[0] ?? gap))).toBeLessThanOrEqual(Math.abs(gap) * 1e-9 + 1e-9);
        // The breaks are the doubles nearest to exact decimals: their differences carry float error.
        const mantissa = gaps[0] === undefined ? 1 : gaps[0] / 10 ** Math.floor(Math.log10(gaps[0]));
        expect([1, 2, 2.5, 5, 10].some((nice) => Math.abs(mantissa - nice) < 1e-4), String(mantissa)).toBe(true);
      }),
    );
  });

  it('keeps integer data on integer breaks', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 9 }), (min, width, classes) => {
        for (const b of niceClassBreaks(min, min + width, classes, true).breaks) expect(Number.isInteger(b)).toBe(true);
      }),
    );
  });

  it('puts every value of the range in exactly one class', () => {
    fc.assert(
      fc.property(range, fc.integer({ min: 1, max: 9 }), fc.double({ min: 0, max: 1, noNaN: true }), ([min, max], classes, t) => {
        const { breaks } = niceClassBreaks(min, max, classes);
        const value = min + (max - min) * t;
        const index = classIndex(breaks, value);
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThanOrEqual(breaks.length);
        if (index > 0) expect(value).toBeGreaterThanOrEqual(breaks[index - 1] ?? Number.NaN);
        if (index < breaks.length) expect(value).toBeLessThan(breaks[index] ?? Number.NaN);
      }),
    );
  });

  it('reads like a planner would draw it', () => {
    expect(niceClassBreaks(3, 190.6, 5).breaks).toEqual([50, 100, 150]);
    expect(niceClassBreaks(1985, 2024, 5, true).breaks).toEqual([1990, 2000, 2010, 2020]);
    expect(niceClassBreaks(0.8, 4.6, 5).breaks).toEqual([1, 2, 3, 4]);
    expect(niceClassBreaks(7, 7, 5).breaks).toEqual([]);
    expect(niceStep(0.13)).toBe(0.2);
    expect(() => niceClassBreaks(2, 1, 5)).toThrow(RangeError);
    // A subnormal range used to widen its step forever.
    expect(niceClassBreaks(0, 6.4e-323, 3).breaks.length).toBeLessThan(3);
  });
});

describe('colours', () => {
  it('ramps give distinct colours from the first stop to the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), (count) => {
        const colours = rampColours(count);
        expect(colours).toHaveLength(count);
        expect(new Set(colours).size).toBe(count);
        for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
        expect(colours[0]).toBe(rampColour(0));
        expect(colours[count - 1]).toBe(rampColour(1));
      }),
    );
  });

  it('keeps "no data" and "other" apart from every thematic colour', () => {
    const thematic = new Set<string>([...CATEGORY_PALETTE, ...rampColours(9)]);
    expect(thematic.has(NO_DATA_COLOUR)).toBe(false);
    expect(thematic.has(OTHER_COLOUR)).toBe(false);
    expect(new Set(CATEGORY_PALETTE).size).toBe(CATEGORY_PALETTE.length);
  });
});
