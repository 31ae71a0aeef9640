/**
 * When the vehicle layer moves vehicles: each frame starts a segment from where vehicles are
 * drawn now to where the frame puts them, lasting about as long as frames come apart. Vehicles
 * stop at the end of a segment (never extrapolated), so late frames make them wait, not drift.
 */

export interface SegmentBounds {
  /** The shortest segment, for frames that come in bursts. */
  readonly minMs: number;
  /** The longest segment: after a pause the next frame is crossed in this time at most. */
  readonly maxMs: number;
}

/** How far along its segment the layer is at `nowMs`: 0 at the start, 1 at the end and after. */
export function segmentProgress(nowMs: number, startMs: number, durationMs: number): number {
  if (!(durationMs > 0)) return 1;
  const t = (nowMs - startMs) / durationMs;
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

/** The segment for a frame that arrived `arrivalGapMs` after the one before it. */
export function segmentDuration(arrivalGapMs: number, bounds: SegmentBounds): number {
  if (!Number.isFinite(arrivalGapMs)) return bounds.maxMs;
  return Math.min(bounds.maxMs, Math.max(bounds.minMs, arrivalGapMs));
}
