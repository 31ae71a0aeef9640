/** What the tracker needs to know of a scene, each render. */
export interface SettledProbe {
  /** True when nothing the initial view needs is still loading. */
  isSettled(): boolean;
}

export interface ReadinessTracker {
  /** Call after every rendered frame; returns true on the frame readiness is reached. */
  afterFrame(): boolean;
  readonly ready: boolean;
}

/**
 * Ready once the scene has reported itself settled for `stableFrames` frames in a row: a
 * single settled frame can happen between two tile requests, before the next level is asked for.
 */
export function createReadinessTracker(probe: SettledProbe, stableFrames = 3): ReadinessTracker {
  if (!Number.isInteger(stableFrames) || stableFrames < 1) {
    throw new RangeError('stableFrames must be a positive integer');
  }
  let streak = 0;
  let ready = false;
  return {
    afterFrame() {
      if (ready) return false;
      streak = probe.isSettled() ? streak + 1 : 0;
      if (streak >= stableFrames) {
        ready = true;
        return true;
      }
      return false;
    },
    get ready() {
      return ready;
    },
  };
}
