import type { Scene } from 'cesium';

/** The pulse's frame interval: smooth enough for a slow throb, far from a full frame rate. */
export const PULSE_FRAME_MS = 50;

/** How far through its period a pulse is at `nowMs`: 0 at the start, rising towards 1. */
export function pulsePhase(nowMs: number, periodMs: number): number {
  return (nowMs % periodMs) / periodMs;
}

export interface BillboardPulseOptions {
  /** One throb, ms. */
  readonly periodMs: number;
  /** Whether anything pulses now (the layer shown, something to pulse); asked before each render. */
  readonly active: () => boolean;
  /** Sets the pulsing billboards' scale or colour for `phase` (see pulsePhase). */
  readonly apply: (phase: number) => void;
}

/**
 * Pulses a layer's billboards before each render while `active`, and asks for the next render
 * a frame interval later: a few renders a second, not a full frame rate, and none while idle.
 * Returns the function that stops it.
 */
export function startBillboardPulse(scene: Pick<Scene, 'preRender' | 'requestRender'>, { periodMs, active, apply }: BillboardPulseOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const removePreRender = scene.preRender.addEventListener(() => {
    if (!active()) return;
    apply(pulsePhase(performance.now(), periodMs));
    timer ??= setTimeout(() => {
      timer = undefined;
      scene.requestRender();
    }, PULSE_FRAME_MS);
  });
  return () => {
    removePreRender();
    if (timer !== undefined) clearTimeout(timer);
  };
}
