import { describe, expect, it, vi } from 'vitest';
import { createReplayController } from './replayController.js';
import { createReplayPlayer, type ReplayPlayerOptions } from './replayPlayer.js';

const NOW = Date.UTC(2026, 6, 1, 12);

describe('the replay controller', () => {
  it('starts a player at the moment asked, reports its errors, and goes back to live', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const onStart = vi.fn();
    const onStop = vi.fn();
    const fetchWindow = vi.fn().mockRejectedValue(new Error('HTTP 503'));
    const controller = createReplayController({
      token: () => 'desk-token',
      onStart,
      onStop,
      createPlayer: (options: ReplayPlayerOptions) => createReplayPlayer({ ...options, fetchWindow }),
    });
    const seen: boolean[] = [];
    controller.subscribe(() => seen.push(controller.state.active));
    expect(controller.state.active).toBe(false);
    controller.start(NOW - 3_600_000);
    expect(onStart).toHaveBeenCalledWith(controller.player);
    expect(controller.state).toMatchObject({ active: true, timeMs: NOW - 3_600_000, playing: false, speed: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.state.error).toBe('HTTP 503');
    controller.backToLive();
    expect(onStop).toHaveBeenCalledOnce();
    expect(controller.state).toMatchObject({ active: false, playing: false });
    expect(controller.state.error).toBeUndefined();
    expect(seen.at(-1)).toBe(false);
    vi.useRealTimers();
  });

  it('does not start without a token', () => {
    const onStart = vi.fn();
    const controller = createReplayController({ token: () => undefined, onStart, onStop: vi.fn() });
    controller.start(NOW);
    expect(onStart).not.toHaveBeenCalled();
    expect(controller.state.active).toBe(false);
  });
});
