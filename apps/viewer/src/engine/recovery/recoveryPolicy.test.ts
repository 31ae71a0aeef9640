import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recoveryDelayMs, underMemoryPressure } from './recoveryPolicy.js';

const MINUTE = 60_000;

describe('recoveryDelayMs', () => {
  it('rebuilds at once after a first failure or one long after the last', () => {
    expect(recoveryDelayMs([], 1_000_000)).toBe(500);
    expect(recoveryDelayMs([0], 10 * MINUTE)).toBe(500);
  });

  it('doubles the wait while failures keep coming, up to a minute', () => {
    const now = 100 * MINUTE;
    expect(recoveryDelayMs([now - 10_000], now)).toBe(1_000);
    expect(recoveryDelayMs([now - 20_000, now - 10_000], now)).toBe(2_000);
    const many = Array.from({ length: 20 }, (_, i) => now - (20 - i) * 1_000);
    expect(recoveryDelayMs(many, now)).toBe(60_000);
  });

  it('counts only the unbroken run of recent failures', () => {
    const now = 100 * MINUTE;
    // An old burst, a calm hour, then one failure a minute ago.
    expect(recoveryDelayMs([now - 70 * MINUTE, now - 69 * MINUTE, now - MINUTE], now)).toBe(1_000);
  });

  it('is always between the first delay and the cap', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { maxLength: 50 }), (times) => {
        const sorted = [...times].sort((a, b) => a - b);
        const delay = recoveryDelayMs(sorted, (sorted.at(-1) ?? 0) + 1);
        expect(delay).toBeGreaterThanOrEqual(500);
        expect(delay).toBeLessThanOrEqual(60_000);
      }),
    );
  });
});

describe('underMemoryPressure', () => {
  it('is true only near the heap limit, and false when the browser does not say', () => {
    expect(underMemoryPressure(950, 1000)).toBe(true);
    expect(underMemoryPressure(500, 1000)).toBe(false);
    expect(underMemoryPressure(undefined, 1000)).toBe(false);
    expect(underMemoryPressure(10, 0)).toBe(false);
  });
});
