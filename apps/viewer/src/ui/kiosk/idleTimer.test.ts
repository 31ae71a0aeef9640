import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer } from './idleTimer.js';

describe('createIdleTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once the timeout has passed since creation, and only once', () => {
    const onIdle = vi.fn();
    createIdleTimer(5_000, onIdle);
    vi.advanceTimersByTime(4_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('starts over at every poke: a visitor touching every few seconds never makes it idle', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer(5_000, onIdle);
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(4_000);
      timer.poke();
    }
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled until poked, and nothing at all once disposed', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer(1_000, onIdle);
    timer.cancel();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).not.toHaveBeenCalled();
    timer.poke();
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    timer.dispose();
    timer.poke();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('refuses a timeout that is not a positive number', () => {
    expect(() => createIdleTimer(0, () => undefined)).toThrow(RangeError);
    expect(() => createIdleTimer(Number.NaN, () => undefined)).toThrow(RangeError);
  });
});
