import type { Rejection } from './ingestTypes.js';

/** Earlier than this is a device whose clock was never set (1970, 2000-01-01 after a reset). */
export const EARLIEST_OBSERVATION_MS = Date.UTC(2000, 0, 2);

/**
 * Refuses a time no observation can have: before {@link EARLIEST_OBSERVATION_MS}, or more than
 * `futureSkewMs` ahead of the server's clock (a wrong device clock would otherwise hold the
 * sensor's current value hostage until that time came).
 */
export function checkObservationTime(timeMs: number, nowMs: number, futureSkewMs: number): Rejection | undefined {
  if (!Number.isSafeInteger(timeMs)) return { reason: 'bad_timestamp', message: 'The time is not a valid instant.' };
  if (timeMs < EARLIEST_OBSERVATION_MS) {
    return { reason: 'bad_timestamp', message: `${new Date(timeMs).toISOString()} is before 2000: the device's clock is probably not set.` };
  }
  if (timeMs > nowMs + futureSkewMs) {
    return {
      reason: 'future_timestamp',
      message: `${new Date(timeMs).toISOString()} is more than ${Math.round(futureSkewMs / 1000)} s ahead of the server's clock (${new Date(nowMs).toISOString()}).`,
    };
  }
  return undefined;
}
