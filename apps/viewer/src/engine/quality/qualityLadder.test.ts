import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptQuality, INITIAL_QUALITY, medianFrameMs, QUALITY_LADDER, qualityLevel, type QualityState } from './qualityLadder.js';

const TARGET = 1000 / 30;
const run = (frames: readonly number[], from: QualityState = INITIAL_QUALITY): QualityState =>
  frames.reduce((state, ms) => adaptQuality(state, ms, { targetFrameMs: TARGET, window: 12 }), from);

describe('adaptQuality', () => {
  it('walks down to the lowest rung when every frame is slow, and no further', () => {
    const state = run(Array(12 * QUALITY_LADDER.length * 2).fill(500));
    expect(state.level).toBe(QUALITY_LADDER.length - 1);
    expect(qualityLevel(state)).toEqual({ resolutionScale: 0.5, sseFactor: 3 });
  });

  it('climbs back to full quality once frames are fast again', () => {
    const slow = run(Array(100).fill(500));
    expect(run(Array(12 * QUALITY_LADDER.length).fill(8), slow).level).toBe(0);
  });

  it('holds its level at the target frame time and ignores one slow frame among fast ones', () => {
    expect(run(Array(200).fill(TARGET), { level: 3, samples: [] }).level).toBe(3);
    const frames = Array.from({ length: 48 }, (_, i) => (i % 12 === 5 ? 900 : TARGET));
    expect(run(frames, { level: 2, samples: [] }).level).toBe(2);
  });

  it('needs a full window of frames for each step, so a change is judged at its new level', () => {
    expect(run(Array(11).fill(500)).level).toBe(0);
    expect(run(Array(12).fill(500)).level).toBe(1);
    expect(run(Array(23).fill(500)).level).toBe(1);
  });

  it('stays on the ladder, moves at most one rung per frame, and ignores nonsense', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 2000, noNaN: true }), fc.constant(Number.NaN), fc.constant(-1)), { maxLength: 300 }), (frames) => {
        let state = INITIAL_QUALITY;
        for (const ms of frames) {
          const next = adaptQuality(state, ms, { targetFrameMs: TARGET, window: 12 });
          expect(Math.abs(next.level - state.level)).toBeLessThanOrEqual(1);
          expect(next.level).toBeGreaterThanOrEqual(0);
          expect(next.level).toBeLessThan(QUALITY_LADDER.length);
          expect(next.samples.length).toBeLessThanOrEqual(12);
          if (!Number.isFinite(ms) || ms < 0) expect(next).toBe(state);
          state = next;
        }
      }),
    );
  });

  it('reports the median of the frames judged so far', () => {
    expect(medianFrameMs(INITIAL_QUALITY)).toBeUndefined();
    expect(medianFrameMs(run([10, 30, 20]))).toBe(20);
  });

  it('lowers resolution and detail together, never raising one while lowering the other', () => {
    for (let i = 1; i < QUALITY_LADDER.length; i++) {
      const [better, worse] = [QUALITY_LADDER[i - 1], QUALITY_LADDER[i]];
      expect(worse?.resolutionScale).toBeLessThanOrEqual(better?.resolutionScale ?? 0);
      expect(worse?.sseFactor).toBeGreaterThanOrEqual(better?.sseFactor ?? 0);
    }
  });
});
