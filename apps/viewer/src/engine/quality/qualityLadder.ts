/** One rung of the quality ladder: what the scene is drawn at. */
export interface QualityLevel {
  /** Multiplies the canvas's pixel size (1: full resolution). */
  readonly resolutionScale: number;
  /** Multiplies each tileset's own maximum screen-space error (1: as the tileset asks). */
  readonly sseFactor: number;
}

/**
 * Best first. Coarser tiles come before fewer pixels: a slightly simpler far field is seen less
 * than a blurred wall, and fewer tiles also means less memory.
 */
export const QUALITY_LADDER: readonly QualityLevel[] = [
  { resolutionScale: 1, sseFactor: 1 },
  { resolutionScale: 1, sseFactor: 1.5 },
  { resolutionScale: 0.85, sseFactor: 1.5 },
  { resolutionScale: 0.85, sseFactor: 2 },
  { resolutionScale: 0.7, sseFactor: 2 },
  { resolutionScale: 0.6, sseFactor: 2.5 },
  { resolutionScale: 0.5, sseFactor: 3 },
];

export interface QualityOptions {
  /** The frame time to hold, in milliseconds. [default: 33.3, 30 frames a second] */
  readonly targetFrameMs?: number;
  /** Frames judged together: one slow frame (a tile upload) does not change the level. [default: 12] */
  readonly window?: number;
}

export interface QualityState {
  /** Index into {@link QUALITY_LADDER}. */
  readonly level: number;
  /** Frame times since the last change, newest last, at most `window` of them. */
  readonly samples: readonly number[];
}

export const INITIAL_QUALITY: QualityState = { level: 0, samples: [] };

/** Above target × this, step down; below target × {@link STEP_UP_BELOW}, step up. */
const STEP_DOWN_ABOVE = 1.2;
/** Far enough below the step-down line that the level a frame rate settles on does not flip back and forth. */
const STEP_UP_BELOW = 0.6;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The median of the frames judged so far, or undefined before there is any. */
export function medianFrameMs(state: QualityState): number | undefined {
  return state.samples.length ? median(state.samples) : undefined;
}

/**
 * One frame's time in, the next state out: after a full window of frames, a median above the
 * target (with margin) steps one rung down the ladder, one well below it steps one rung up, and
 * the window starts again, so each change is judged on frames drawn at the new level.
 */
export function adaptQuality(state: QualityState, frameMs: number, options: QualityOptions = {}): QualityState {
  const target = options.targetFrameMs ?? 1000 / 30;
  const window = options.window ?? 12;
  if (!Number.isFinite(frameMs) || frameMs < 0) return state;
  const samples = [...state.samples, frameMs].slice(-window);
  if (samples.length < window) return { level: state.level, samples };
  const typical = median(samples);
  const last = QUALITY_LADDER.length - 1;
  if (typical > target * STEP_DOWN_ABOVE && state.level < last) return { level: state.level + 1, samples: [] };
  if (typical < target * STEP_UP_BELOW && state.level > 0) return { level: state.level - 1, samples: [] };
  return { level: state.level, samples };
}

export function qualityLevel(state: QualityState): QualityLevel {
  return QUALITY_LADDER[Math.min(Math.max(state.level, 0), QUALITY_LADDER.length - 1)] as QualityLevel;
}
