import { describe, expect, it } from 'vitest';
import { DEFAULT_DISTANCE_SCALE, nearFarOf } from './symbolDistanceScale.js';

describe('nearFarOf', () => {
  it('keeps symbols full size near the camera and shrinks them to farScale far away', () => {
    expect(nearFarOf(DEFAULT_DISTANCE_SCALE)).toEqual([1000, 1, 5000, 0.4]);
    expect(nearFarOf({ nearM: 0, farM: 10, farScale: 1 })).toEqual([0, 1, 10, 1]);
  });

  it('refuses distances out of order and scales outside (0, 1]', () => {
    expect(() => nearFarOf({ nearM: 500, farM: 500, farScale: 0.5 })).toThrow(RangeError);
    expect(() => nearFarOf({ nearM: -1, farM: 500, farScale: 0.5 })).toThrow(RangeError);
    expect(() => nearFarOf({ nearM: 0, farM: Number.POSITIVE_INFINITY, farScale: 0.5 })).toThrow(RangeError);
    expect(() => nearFarOf({ nearM: 0, farM: 500, farScale: 0 })).toThrow(RangeError);
    expect(() => nearFarOf({ nearM: 0, farM: 500, farScale: 1.5 })).toThrow(RangeError);
    expect(() => nearFarOf({ nearM: 0, farM: 500, farScale: Number.NaN })).toThrow(RangeError);
  });
});
