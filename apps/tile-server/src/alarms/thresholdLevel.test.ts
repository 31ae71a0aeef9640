import fc from 'fast-check';
import type { Threshold } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { levelRank, nextThresholdLevel, type ThresholdLevel } from './thresholdLevel.js';

const depth: Threshold = { quantity: 'depth', direction: 'above', warning: 15, alarm: 30, hysteresis: 3 };
const pressure: Threshold = { quantity: 'pressure', direction: 'below', warning: 0.2, alarm: 0.1, hysteresis: 0.02 };

function run(threshold: Threshold, values: readonly number[], start: ThresholdLevel = 'none'): ThresholdLevel[] {
  const levels: ThresholdLevel[] = [];
  let level = start;
  for (const value of values) {
    level = nextThresholdLevel(threshold, level, value);
    levels.push(level);
  }
  return levels;
}

function changes(levels: readonly ThresholdLevel[]): number {
  return levels.slice(1).filter((level, i) => level !== levels[i]).length;
}

/** Thresholds whose two levels lie further apart than twice the hysteresis, so each can be hovered at alone. */
const separatedThreshold = fc
  .record({
    direction: fc.constantFrom<Threshold['direction']>('above', 'below'),
    base: fc.double({ min: -1000, max: 1000, noNaN: true }),
    hysteresis: fc.double({ min: 0.001, max: 50, noNaN: true }),
    gapFactor: fc.double({ min: 2.1, max: 20, noNaN: true }),
    levels: fc.constantFrom('both', 'warning', 'alarm'),
  })
  .map(({ direction, base, hysteresis, gapFactor, levels }): Threshold => {
    const sign = direction === 'above' ? 1 : -1;
    const alarm = base + sign * hysteresis * gapFactor;
    return {
      quantity: 'x',
      direction,
      hysteresis,
      ...(levels !== 'alarm' ? { warning: base } : {}),
      ...(levels !== 'warning' ? { alarm } : {}),
    };
  });

function limits(t: Threshold): number[] {
  return [t.warning, t.alarm].filter((v): v is number => v !== undefined);
}

describe('nextThresholdLevel', () => {
  it('enters a level at its threshold, above and below', () => {
    expect(run(depth, [14.9, 15, 29.9, 30])).toEqual(['none', 'warning', 'warning', 'alarm']);
    expect(run(pressure, [0.21, 0.2, 0.11, 0.1])).toEqual(['none', 'warning', 'warning', 'alarm']);
  });

  it('jumps straight to alarm and leaves each level only past its hysteresis band', () => {
    expect(run(depth, [40, 27.5, 26.9, 12.5, 11.9])).toEqual(['alarm', 'alarm', 'warning', 'warning', 'none']);
    expect(run(pressure, [0.05, 0.12, 0.121, 0.22, 0.221])).toEqual(['alarm', 'alarm', 'warning', 'warning', 'none']);
  });

  it('with only an alarm level, knows no warning', () => {
    const gas: Threshold = { quantity: 'ch4', direction: 'above', alarm: 20, hysteresis: 2 };
    expect(run(gas, [19, 20, 18.5, 17.9])).toEqual(['none', 'alarm', 'alarm', 'none']);
  });

  it('a value hovering within ±hysteresis/2 of a threshold changes level at most once', () => {
    fc.assert(
      fc.property(
        separatedThreshold,
        fc.integer({ min: 0, max: 1 }),
        fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 2, maxLength: 60 }),
        (threshold, which, offsets) => {
          const at = limits(threshold)[which % limits(threshold).length] as number;
          const values = offsets.map((o) => at + o * threshold.hysteresis);
          expect(changes(run(threshold, values))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('for a fresh start, the level is monotone in the value', () => {
    fc.assert(
      fc.property(separatedThreshold, fc.double({ min: -2000, max: 2000, noNaN: true }), fc.double({ min: -2000, max: 2000, noNaN: true }), (threshold, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lowRank = levelRank(nextThresholdLevel(threshold, 'none', low));
        const highRank = levelRank(nextThresholdLevel(threshold, 'none', high));
        if (threshold.direction === 'above') expect(lowRank).toBeLessThanOrEqual(highRank);
        else expect(lowRank).toBeGreaterThanOrEqual(highRank);
      }),
    );
  });

  it('clears only once the value is past the first threshold by the hysteresis', () => {
    fc.assert(
      fc.property(
        separatedThreshold,
        fc.constantFrom<ThresholdLevel>('warning', 'alarm'),
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        (threshold, start, value) => {
          const from = limits(threshold).length === 1 ? (threshold.alarm !== undefined ? 'alarm' : 'warning') : start;
          const first = threshold.warning ?? (threshold.alarm as number);
          const pastBand = threshold.direction === 'above' ? value < first - threshold.hysteresis : value > first + threshold.hysteresis;
          expect(nextThresholdLevel(threshold, from, value) === 'none').toBe(pastBand);
        },
      ),
    );
  });
});
