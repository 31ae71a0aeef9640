/**
 * The timer that drives the simulator, injected so tests step it by hand instead of waiting.
 * `handle` is whatever `setInterval` returned.
 */
export interface SimTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: SimTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};
