/** When the scene is rebuilt after a failure: soon the first time, later when failures repeat. */
export interface RecoveryPolicy {
  /** Wait before the first rebuild, in milliseconds. [default: 500] */
  readonly firstDelayMs?: number;
  /** Longest wait between rebuilds that keep failing. [default: 60 000] */
  readonly maxDelayMs?: number;
  /** A failure this long after the last one starts the back-off over. [default: 300 000] */
  readonly calmAfterMs?: number;
}

/**
 * The wait before the next rebuild, given the times of earlier rebuilds (oldest first): each
 * failure within `calmAfterMs` of the one before doubles the wait, so a wall whose GPU keeps
 * failing does not spin, and one that failed once last week recovers at once.
 */
export function recoveryDelayMs(previous: readonly number[], now: number, policy: RecoveryPolicy = {}): number {
  const first = policy.firstDelayMs ?? 500;
  const max = policy.maxDelayMs ?? 60_000;
  const calm = policy.calmAfterMs ?? 300_000;
  let streak = 0;
  let later = now;
  for (let i = previous.length - 1; i >= 0; i--) {
    const at = previous[i] as number;
    if (later - at > calm) break;
    streak++;
    later = at;
  }
  return Math.min(max, first * 2 ** streak);
}

/** Share of the JS heap limit above which the page is rebuilt before the browser kills it. */
export const HEAP_PRESSURE = 0.9;

/** True when the JS heap is so close to its limit that a fresh scene is the safe way on. */
export function underMemoryPressure(usedBytes: number | undefined, limitBytes: number | undefined): boolean {
  if (usedBytes === undefined || limitBytes === undefined || limitBytes <= 0) return false;
  return usedBytes / limitBytes > HEAP_PRESSURE;
}
