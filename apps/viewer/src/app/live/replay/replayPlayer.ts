import type { LiveLayer, ReplayEvent, ReplayWindow } from '@pengcheng/protocol';
import { fetchReplayWindow } from '../../../api/replayApi.js';
import type { LiveSource } from '../liveSource.js';
import { clampToRange, dueUntil, isReplaySpeed, mergeEvents, nextWindow, replayRange, REPLAY_SPEEDS, windowSpanMs, type ReplaySpeed } from './replayTimeline.js';
import { ReplayView } from './replayView.js';

export interface ReplayPlayerOptions {
  readonly token: string;
  /** The recorded moment to start at, epoch ms; held within the last day. */
  readonly startMs: number;
  readonly speed?: ReplaySpeed;
  /** Replaced in tests; by default `GET /api/v1/replay` with the token. */
  readonly fetchWindow?: (fromMs: number, toMs: number, signal: AbortSignal) => Promise<ReplayWindow>;
  /** The wall clock (replay never passes it), epoch ms. */
  readonly now?: () => number;
  /** How often the play head moves, real ms. */
  readonly tickMs?: number;
}

export interface ReplayPlayer extends LiveSource {
  readonly view: ReplayView;
  /** The recorded moment shown, epoch ms. */
  readonly timeMs: number;
  readonly playing: boolean;
  readonly speed: ReplaySpeed;
  /** Waiting for the window the play head is in (after a seek, or when play outran the fetches). */
  readonly loading: boolean;
  play(): void;
  pause(): void;
  /** Jumps to a moment (held within the last day): the view is reset to the state then. */
  seek(timeMs: number): void;
  setSpeed(speed: number): void;
  /** After every step of the play head and every seek. */
  onTime(listener: (timeMs: number) => void): () => void;
  /** A window could not be fetched (it is asked for again) or its events could not be applied. */
  onError(listener: (error: unknown) => void): () => void;
  /** Play, pause, speed or loading changed. */
  onState(listener: () => void): () => void;
  dispose(): void;
}

const TICK_MS = 100;
const RETRY_MS = 3_000;
const COMPACT_AFTER = 1_024;

/**
 * Plays back the recorded live data as a LiveSource: windows are fetched ahead of the play head,
 * their events applied in time order as a clock moves at `speed` × real time. Play stops at the
 * present; a fetch that fails is reported and tried again, and the view stays as it was.
 */
export function createReplayPlayer({ token, startMs, speed: initialSpeed = 1, fetchWindow, now = Date.now, tickMs = TICK_MS }: ReplayPlayerOptions): ReplayPlayer {
  if (!Number.isFinite(startMs)) throw new RangeError('startMs must be a finite epoch time');
  if (!isReplaySpeed(initialSpeed)) throw new RangeError(`speed must be one of ${REPLAY_SPEEDS.join(', ')}`);
  const fetchOne = fetchWindow ?? ((fromMs: number, toMs: number, signal: AbortSignal) => fetchReplayWindow(token, fromMs, toMs, signal));
  const view = new ReplayView();
  const changeListeners = new Set<(layer: LiveLayer) => void>();
  const timeListeners = new Set<(timeMs: number) => void>();
  const errorListeners = new Set<(error: unknown) => void>();
  const stateListeners = new Set<() => void>();

  let timeMs = clampToRange(startMs, now());
  let playing = false;
  let speed: ReplaySpeed = initialSpeed;
  let events: ReplayEvent[] = [];
  let cursor = 0;
  /** Undefined until the window the play head is in has arrived. */
  let loadedUntilMs: number | undefined;
  let fetching: AbortController | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let lastTickMs = now();
  let disposed = false;

  const report = (error: unknown) => {
    for (const listener of errorListeners) listener(error);
  };
  const changed = (layers: Iterable<LiveLayer>) => {
    for (const layer of layers) for (const listener of changeListeners) listener(layer);
  };
  const stateChanged = () => {
    for (const listener of stateListeners) listener();
  };
  const timeChanged = () => {
    for (const listener of timeListeners) listener(timeMs);
  };

  /** Applies the events due by the play head; a layer is announced once per step. */
  const applyDue = () => {
    const until = dueUntil(events, cursor, timeMs);
    if (until === cursor) return;
    const touched = new Set<LiveLayer>();
    try {
      for (; cursor < until; cursor++) touched.add(view.apply(events[cursor] as ReplayEvent));
    } catch (error) {
      // A bad event (a frame that does not decode) is skipped: the rest of the window still plays.
      cursor += 1;
      report(error);
    }
    // Applied events are not needed again (a seek fetches afresh): dropped now and then, not every step.
    if (cursor > COMPACT_AFTER) {
      events = events.slice(cursor);
      cursor = 0;
    }
    changed(touched);
  };

  const fetchNext = () => {
    if (fetching || disposed || retryTimer !== undefined) return;
    const first = loadedUntilMs === undefined;
    // The first window opens at the play head: its state is the view's; later ones extend the events.
    const range = first ? { fromMs: timeMs, toMs: Math.max(timeMs + 1, Math.min(now(), timeMs + windowSpanMs(speed))) } : nextWindow(timeMs, loadedUntilMs as number, now(), speed);
    if (!range) return;
    const controller = new AbortController();
    fetching = controller;
    fetchOne(range.fromMs, range.toMs, controller.signal).then(
      (window) => {
        if (fetching !== controller) return;
        fetching = undefined;
        if (first) {
          changed(view.reset(window.initial));
          events = [...window.events];
          cursor = 0;
        } else {
          events = mergeEvents(events, window.events);
        }
        loadedUntilMs = window.toMs;
        if (first) stateChanged();
        applyDue();
        fetchNext();
      },
      (error: unknown) => {
        if (fetching !== controller) return;
        fetching = undefined;
        report(error);
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          fetchNext();
        }, RETRY_MS);
      },
    );
  };

  const tick = () => {
    const wall = now();
    const elapsed = wall - lastTickMs;
    lastTickMs = wall;
    if (!playing || loadedUntilMs === undefined) return;
    // Held at what is loaded (the next window is on its way) and at the present.
    const end = replayRange(wall)[1];
    const next = Math.min(timeMs + elapsed * speed, loadedUntilMs, end);
    if (next !== timeMs) {
      timeMs = next;
      applyDue();
      timeChanged();
    }
    if (timeMs >= end) {
      playing = false;
      stateChanged();
      return;
    }
    fetchNext();
  };
  const timer = setInterval(tick, tickMs);

  const seek = (target: number) => {
    if (!Number.isFinite(target)) throw new RangeError('seek needs a finite epoch time');
    fetching?.abort();
    fetching = undefined;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    timeMs = clampToRange(target, now());
    events = [];
    cursor = 0;
    loadedUntilMs = undefined;
    timeChanged();
    stateChanged();
    fetchNext();
  };

  fetchNext();

  return {
    view,
    get timeMs() {
      return timeMs;
    },
    get playing() {
      return playing;
    },
    get speed() {
      return speed;
    },
    get loading() {
      return loadedUntilMs === undefined || (playing && timeMs >= loadedUntilMs && loadedUntilMs < replayRange(now())[1]);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onTime(listener) {
      timeListeners.add(listener);
      return () => timeListeners.delete(listener);
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    play() {
      if (playing || disposed) return;
      playing = true;
      lastTickMs = now();
      stateChanged();
    },
    pause() {
      if (!playing) return;
      playing = false;
      stateChanged();
    },
    seek,
    setSpeed(value) {
      if (!isReplaySpeed(value)) throw new RangeError(`speed must be one of ${REPLAY_SPEEDS.join(', ')}`);
      speed = value;
      stateChanged();
      fetchNext();
    },
    dispose() {
      disposed = true;
      playing = false;
      clearInterval(timer);
      clearTimeout(retryTimer);
      fetching?.abort();
      fetching = undefined;
      changeListeners.clear();
      timeListeners.clear();
      errorListeners.clear();
      stateListeners.clear();
    },
  };
}
