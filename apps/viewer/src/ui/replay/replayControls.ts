/** What the time slider shows; a new object on every change, so a render can compare by reference. */
export interface ReplayControlsState {
  /** Replay is on (the screen shows recorded data, not live). */
  readonly active: boolean;
  /** The recorded moment shown, epoch ms; absent while live. */
  readonly timeMs?: number;
  readonly playing: boolean;
  /** One of 1, 10, 60, 300. */
  readonly speed: number;
  /** What the slider spans: the last 24 hours, epoch ms. */
  readonly rangeMs: [number, number];
  /** Waiting for recorded data (after a seek, or when play outran the fetches). */
  readonly loading?: boolean;
  /** Why recorded data could not be loaded (it is asked for again). */
  readonly error?: string;
}

/** The slider's contract with whoever owns the replay (the screen's live source). */
export interface ReplayControls {
  readonly state: ReplayControlsState;
  /** Leaves live and shows the recorded moment `atMs`, paused. */
  start(atMs: number): void;
  play(): void;
  pause(): void;
  seek(timeMs: number): void;
  setSpeed(speed: number): void;
  /** Ends replay: the screen goes back to live data. */
  backToLive(): void;
  /** Called after every change of `state`; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}
