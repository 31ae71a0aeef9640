import type { ReplayControls, ReplayControlsState } from '../../../ui/replay/replayControls.js';
import { createReplayPlayer, type ReplayPlayer, type ReplayPlayerOptions } from './replayPlayer.js';
import { replayRange } from './replayTimeline.js';

export interface ReplayControllerOptions {
  /** The screen's token now; replay does not start without one. */
  readonly token: () => string | undefined;
  /** A player started: the screen's live layers read from it until `onStop`. */
  readonly onStart: (player: ReplayPlayer) => void;
  /** Replay ended: the screen reads from the hub again. */
  readonly onStop: () => void;
  readonly now?: () => number;
  /** Replaced in tests. */
  readonly createPlayer?: (options: ReplayPlayerOptions) => ReplayPlayer;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The time slider's controls over one replay player at a time: `start` makes one (paused at the
 * moment asked), `backToLive` disposes of it. The state is rebuilt on each change of the player.
 */
export function createReplayController({ token, onStart, onStop, now = Date.now, createPlayer = createReplayPlayer }: ReplayControllerOptions): ReplayControls & { readonly player: ReplayPlayer | undefined } {
  const listeners = new Set<() => void>();
  let player: ReplayPlayer | undefined;
  let error: string | undefined;
  let state: ReplayControlsState = { active: false, playing: false, speed: 1, rangeMs: replayRange(now()) };

  const update = () => {
    state = player
      ? { active: true, timeMs: player.timeMs, playing: player.playing, speed: player.speed, rangeMs: replayRange(now()), loading: player.loading, ...(error === undefined ? {} : { error }) }
      : { active: false, playing: false, speed: state.speed, rangeMs: replayRange(now()), ...(error === undefined ? {} : { error }) };
    for (const listener of listeners) listener();
  };

  const stop = () => {
    player?.dispose();
    player = undefined;
  };

  return {
    get state() {
      return state;
    },
    get player() {
      return player;
    },
    start(atMs) {
      const held = token();
      if (held === undefined) {
        error = 'no token';
        update();
        return;
      }
      stop();
      error = undefined;
      const started = createPlayer({ token: held, startMs: atMs, now });
      player = started;
      started.onTime(update);
      started.onState(update);
      started.onChange(() => {
        if (error === undefined) return;
        error = undefined;
        update();
      });
      started.onError((failure) => {
        error = messageOf(failure);
        update();
      });
      onStart(started);
      update();
    },
    play: () => player?.play(),
    pause: () => player?.pause(),
    seek: (timeMs) => player?.seek(timeMs),
    setSpeed: (speed) => player?.setSpeed(speed),
    backToLive() {
      if (!player) return;
      stop();
      error = undefined;
      onStop();
      update();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
