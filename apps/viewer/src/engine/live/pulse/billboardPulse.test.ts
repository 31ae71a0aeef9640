import { Event } from 'cesium';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PULSE_FRAME_MS, pulsePhase, startBillboardPulse } from './billboardPulse.js';

describe('pulsePhase', () => {
  it('runs from 0 to just under 1 through each period, and starts again', () => {
    expect(pulsePhase(0, 1200)).toBe(0);
    expect(pulsePhase(300, 1200)).toBe(0.25);
    expect(pulsePhase(1199, 1200)).toBeCloseTo(0.99917, 5);
    expect(pulsePhase(1200, 1200)).toBe(0);
    expect(pulsePhase(2700, 1800)).toBe(0.5);
  });
});

describe('startBillboardPulse', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function fakeScene() {
    const scene = { preRender: new Event(), renders: 0, requestRender: () => void scene.renders++ };
    return scene;
  }

  it('applies the phase before a render and asks for one render a frame interval later', () => {
    vi.useFakeTimers();
    const scene = fakeScene();
    const phases: number[] = [];
    startBillboardPulse(scene, { periodMs: 1200, active: () => true, apply: (phase) => phases.push(phase) });
    scene.preRender.raiseEvent();
    scene.preRender.raiseEvent();
    expect(phases).toHaveLength(2);
    for (const phase of phases) expect(phase).toBeGreaterThanOrEqual(0);
    vi.advanceTimersByTime(PULSE_FRAME_MS);
    expect(scene.renders).toBe(1);
  });

  it('does nothing while inactive, and nothing after it is stopped', () => {
    vi.useFakeTimers();
    const scene = fakeScene();
    let active = false;
    const apply = vi.fn();
    const stop = startBillboardPulse(scene, { periodMs: 1200, active: () => active, apply });
    scene.preRender.raiseEvent();
    vi.advanceTimersByTime(PULSE_FRAME_MS);
    expect(apply).not.toHaveBeenCalled();
    expect(scene.renders).toBe(0);
    active = true;
    scene.preRender.raiseEvent();
    stop();
    vi.advanceTimersByTime(PULSE_FRAME_MS);
    scene.preRender.raiseEvent();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(scene.renders).toBe(0);
  });
});
