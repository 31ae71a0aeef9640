import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './loginLimiter.js';

describe('login limiter', () => {
  it('refuses a key exactly from its max-th failure until its window ends, whatever the timing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1000, max: 60_000 }),
        fc.array(fc.record({ waitMs: fc.integer({ min: 0, max: 30_000 }), fail: fc.boolean() }), { maxLength: 40 }),
        (maxFailures, windowMs, steps) => {
          let nowMs = 0;
          const limiter = new LoginLimiter({ maxFailures, windowMs, now: () => nowMs });
          // A reference model: the failures since the window opened by the first of them.
          let windowStart: number | undefined;
          let failures = 0;
          for (const { waitMs, fail } of steps) {
            nowMs += waitMs;
            if (windowStart !== undefined && nowMs - windowStart >= windowMs) {
              windowStart = undefined;
              failures = 0;
            }
            const expectedWait = windowStart !== undefined && failures >= maxFailures ? windowStart + windowMs - nowMs : 0;
            expect(limiter.retryAfterMs('10.0.0.7')).toBe(expectedWait);
            if (fail && expectedWait === 0) {
              limiter.recordFailure('10.0.0.7');
              windowStart ??= nowMs;
              failures += 1;
            }
          }
        },
      ),
    );
  });

  it('keeps keys apart and forgets a key on reset', () => {
    const limiter = new LoginLimiter({ maxFailures: 2, windowMs: 60_000, now: () => 0 });
    limiter.recordFailure('zhang.wei');
    limiter.recordFailure('zhang.wei');
    expect(limiter.retryAfterMs('zhang.wei')).toBe(60_000);
    expect(limiter.retryAfterMs('li.na')).toBe(0);
    limiter.reset('zhang.wei');
    expect(limiter.retryAfterMs('zhang.wei')).toBe(0);
  });
});
