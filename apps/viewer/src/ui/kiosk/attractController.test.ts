import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAttractController, type KioskPhase } from './attractController.js';

function setup(homeFlightMs = 2_000) {
  const phases: KioskPhase[] = [];
  const calls: string[] = [];
  const controller = createAttractController({
    idleMs: 5_000,
    goHome: () => {
      calls.push('goHome');
      return new Promise((resolve) => setTimeout(resolve, homeFlightMs));
    },
    startTour: () => calls.push('startTour'),
    stopTour: () => calls.push('stopTour'),
    onPhase: (phase) => phases.push(phase),
  });
  return { controller, phases, calls };
}

describe('the kiosk attract controller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts at home and plays the tour after the idle time', () => {
    const { controller, calls } = setup();
    expect(controller.phase).toBe('home');
    vi.advanceTimersByTime(5_000);
    expect(controller.phase).toBe('touring');
    expect(calls).toEqual(['startTour']);
  });

  it('stops the tour at a touch, and returns home the idle time after the last touch', async () => {
    const { controller, phases, calls } = setup();
    vi.advanceTimersByTime(5_000);
    controller.input();
    expect(controller.phase).toBe('interactive');
    expect(calls).toEqual(['startTour', 'stopTour']);
    vi.advanceTimersByTime(3_000);
    controller.input();
    vi.advanceTimersByTime(4_999);
    expect(controller.phase).toBe('interactive');
    vi.advanceTimersByTime(1);
    expect(controller.phase).toBe('returning');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(controller.phase).toBe('home');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(phases).toEqual(['touring', 'interactive', 'returning', 'home', 'touring']);
    expect(calls).toEqual(['startTour', 'stopTour', 'goHome', 'startTour']);
  });

  it('a touch during the flight home hands the camera back to the visitor', async () => {
    const { controller, calls } = setup(3_000);
    controller.input();
    vi.advanceTimersByTime(5_000);
    expect(controller.phase).toBe('returning');
    controller.input();
    expect(calls.at(-1)).toBe('stopTour');
    await vi.advanceTimersByTimeAsync(3_000);
    // The late arrival of the cancelled flight does not claim the kiosk is home.
    expect(controller.phase).toBe('interactive');
  });

  it('plays the tour on request until the next touch, then goes home the idle time later', () => {
    const { controller, calls } = setup();
    controller.input();
    controller.tour();
    expect(controller.phase).toBe('touring');
    vi.advanceTimersByTime(60_000);
    expect(controller.phase).toBe('touring');
    controller.input();
    vi.advanceTimersByTime(5_000);
    expect(controller.phase).toBe('returning');
    expect(calls).toEqual(['startTour', 'stopTour', 'goHome']);
  });

  it('does nothing once disposed', async () => {
    const { controller, calls } = setup();
    controller.dispose();
    controller.input();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([]);
    expect(controller.phase).toBe('home');
  });
});
