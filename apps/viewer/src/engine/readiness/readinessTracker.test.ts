import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReadinessTracker } from './readinessTracker.js';

/** Reference model: the index of the frame that completes the first run of `n` settled frames. */
function firstReadyFrame(frames: readonly boolean[], n: number): number {
  let streak = 0;
  for (let i = 0; i < frames.length; i++) {
    streak = frames[i] ? streak + 1 : 0;
    if (streak >= n) return i;
  }
  return -1;
}

describe('createReadinessTracker', () => {
  it('turns ready exactly once, on the frame that completes a run of settled frames', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (frames, n) => {
        let frame = 0;
        const tracker = createReadinessTracker({ isSettled: () => frames[frame] ?? false }, n);
        const readyOn: number[] = [];
        for (frame = 0; frame < frames.length; frame++) {
          if (tracker.afterFrame()) readyOn.push(frame);
        }
        const expected = firstReadyFrame(frames, n);
        expect(readyOn).toEqual(expected === -1 ? [] : [expected]);
        expect(tracker.ready).toBe(expected !== -1);
      }),
    );
  });

  it('is not fooled by one settled frame between two tile requests', () => {
    const frames = [false, true, false, true, true, false];
    let frame = 0;
    const tracker = createReadinessTracker({ isSettled: () => frames[frame] ?? false }, 3);
    for (frame = 0; frame < frames.length; frame++) tracker.afterFrame();
    expect(tracker.ready).toBe(false);
  });

  it('refuses a meaningless frame count', () => {
    expect(() => createReadinessTracker({ isSettled: () => true }, 0)).toThrow(RangeError);
  });
});
