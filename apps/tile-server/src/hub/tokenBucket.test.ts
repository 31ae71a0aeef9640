import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucket } from './tokenBucket.js';

describe('TokenBucket', () => {
  it('allows a burst of its capacity, then its rate', () => {
    let now = 0;
    const bucket = new TokenBucket(5, 10, () => now);
    expect(Array.from({ length: 6 }, () => bucket.take())).toEqual([true, true, true, true, true, false]);
    now += 100;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 10_000;
    expect(Array.from({ length: 6 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
  });

  it('never lets more through over any span than its capacity plus its rate times the span', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.constantFrom(0.05, 1)), { maxLength: 300 }), (steps) => {
        let now = 0;
        const bucket = new TokenBucket(20, 10, () => now);
        let taken = 0;
        for (const [wait, cost] of steps) {
          now += wait;
          if (bucket.take(cost)) taken += cost;
        }
        expect(taken).toBeLessThanOrEqual(20 + (10 * now) / 1000 + 1e-9);
      }),
    );
  });
});
