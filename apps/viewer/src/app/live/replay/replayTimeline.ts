import { REPLAY_HORIZON_MS, REPLAY_MAX_SPAN_MS, type ReplayEvent } from '@pengcheng/protocol';

/** The speeds the player offers: real time, and faster for a long review. */
export const REPLAY_SPEEDS = [1, 10, 60, 300] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export function isReplaySpeed(value: number): value is ReplaySpeed {
  return (REPLAY_SPEEDS as readonly number[]).includes(value);
}

/** A window lasts at least this long in real time at the current speed, so fast play does not ask every frame. */
const WINDOW_REAL_MS = 20_000;
const MIN_WINDOW_MS = 2 * 60_000;

/** How much recorded time one request covers at a speed: more when faster, never above the server's limit. */
export function windowSpanMs(speed: number): number {
  return Math.min(REPLAY_MAX_SPAN_MS, Math.max(MIN_WINDOW_MS, speed * WINDOW_REAL_MS));
}

/** Kept off both ends, so a clock a little apart from the server's is not refused. */
const EDGE_MARGIN_MS = 5_000;

/** The moments replay can show: the last day, up to (nearly) now. */
export function replayRange(nowMs: number): [number, number] {
  return [nowMs - REPLAY_HORIZON_MS + EDGE_MARGIN_MS, nowMs - EDGE_MARGIN_MS];
}

export function clampToRange(timeMs: number, nowMs: number): number {
  const [start, end] = replayRange(nowMs);
  return Math.min(end, Math.max(start, timeMs));
}

/**
 * The next window to fetch, or undefined: once the play head is within one window's span of
 * what is loaded, the window after it is asked for, so it arrives before the loaded part runs out.
 */
export function nextWindow(timeMs: number, loadedUntilMs: number, nowMs: number, speed: number): { fromMs: number; toMs: number } | undefined {
  const span = windowSpanMs(speed);
  if (loadedUntilMs >= nowMs || loadedUntilMs - timeMs > span) return undefined;
  return { fromMs: loadedUntilMs, toMs: Math.min(nowMs, loadedUntilMs + span) };
}

/** Appends a later window's events to those held: a stable merge by time, so chunking never reorders a moment. */
export function mergeEvents(held: readonly ReplayEvent[], incoming: readonly ReplayEvent[]): ReplayEvent[] {
  const merged: ReplayEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < held.length && j < incoming.length) {
    // Ties go to what was held first: it came from the earlier window.
    if ((incoming[j] as ReplayEvent).timeMs < (held[i] as ReplayEvent).timeMs) merged.push(incoming[j++] as ReplayEvent);
    else merged.push(held[i++] as ReplayEvent);
  }
  while (i < held.length) merged.push(held[i++] as ReplayEvent);
  while (j < incoming.length) merged.push(incoming[j++] as ReplayEvent);
  return merged;
}

/** The index after the last event at or before `timeMs`, searching from `start` (events are oldest first). */
export function dueUntil(events: readonly ReplayEvent[], start: number, timeMs: number): number {
  let low = start;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((events[mid] as ReplayEvent).timeMs <= timeMs) low = mid + 1;
    else high = mid;
  }
  return low;
}
