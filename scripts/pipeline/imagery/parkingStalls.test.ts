import { describe, expect, it } from 'vitest';
import { parkingStalls } from './parkingStalls.js';

const rectangle = (w: number, h: number): Float64Array => Float64Array.from([0, 0, w, 0, w, h, 0, h, 0, 0]);
const segmentCount = (segments: Float64Array | null): number => (segments?.length ?? 0) / 4;

describe('parkingStalls', () => {
  it('lines two rows of 2.5 m stalls along the long sides of a lot wide enough for an aisle', () => {
    const stalls = parkingStalls(rectangle(50, 20), 1);
    // 50 m / 2.5 m = 20 stalls, 21 lines, per row.
    expect(segmentCount(stalls)).toBe(42);
    const depths = new Set<number>();
    for (let i = 0; stalls && i < stalls.length; i += 4) depths.add(Math.abs((stalls[i + 3] as number) - (stalls[i + 1] as number)));
    expect([...depths]).toEqual([5]);
  });

  it('fits one row in a narrower lot, none in a strip, and leaves other shapes plain', () => {
    expect(segmentCount(parkingStalls(rectangle(12, 30), 1))).toBe(13);
    expect(parkingStalls(rectangle(30, 8), 1)).toBeNull();
    expect(parkingStalls(Float64Array.from([0, 0, 10, 0, 5, 8, 0, 0]), 1)).toBeNull();
  });
});
