import type { ReplayEvent, ReplayWindow } from '@pengcheng/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReplayPlayer } from './replayPlayer.js';

const NOW = Date.UTC(2026, 6, 1, 12);
const START = NOW - 3_600_000;
const observation = (timeMs: number, depth: number) => ({ sensorId: 'SNS-WL-001', timeMs, values: { depth }, quality: 'good' as const, source: 'simulator', receivedAtMs: timeMs });
const reading = (timeMs: number, depth: number): ReplayEvent => ({ kind: 'reading', timeMs, observation: observation(timeMs, depth) });

/** A server with one reading a second, the depth being the seconds since START. */
function server() {
  const asked: [number, number][] = [];
  const fetchWindow = vi.fn((fromMs: number, toMs: number): Promise<ReplayWindow> => {
    asked.push([fromMs, toMs]);
    const events: ReplayEvent[] = [];
    for (let t = Math.floor(fromMs / 1000) * 1000 + 1000; t <= toMs; t += 1000) events.push(reading(t, (t - START) / 1000));
    const last = Math.floor(fromMs / 1000) * 1000;
    return Promise.resolve({ fromMs, toMs, layers: ['sensors'], initial: { sensors: [observation(last, (last - START) / 1000)], links: [] }, events });
  });
  return { asked, fetchWindow };
}
const depth = (player: ReturnType<typeof createReplayPlayer>) => player.view.sensors.get('SNS-WL-001')?.values.depth;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('the replay player', () => {
  it('shows the state at its start, then plays the events as its clock runs at its speed', async () => {
    const { fetchWindow } = server();
    const player = createReplayPlayer({ token: 't', startMs: START, fetchWindow, now: Date.now });
    const layers: string[] = [];
    player.onChange((layer) => layers.push(layer));
    await vi.advanceTimersByTimeAsync(0);
    expect(depth(player)).toBe(0);
    expect(player.loading).toBe(false);
    player.play();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(player.timeMs).toBe(START + 3_000);
    expect(depth(player)).toBe(3);
    player.setSpeed(60);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(depth(player)).toBe(63);
    expect(layers).toContain('sensors');
    player.pause();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(player.timeMs).toBe(START + 63_000);
    player.dispose();
  });

  it('fetches the next window before the loaded one runs out, so fast play does not stall', async () => {
    const { asked, fetchWindow } = server();
    const player = createReplayPlayer({ token: 't', startMs: START, speed: 300, fetchWindow, now: Date.now });
    await vi.advanceTimersByTimeAsync(0);
    player.play();
    await vi.advanceTimersByTimeAsync(10_000);
    // 10 s at 300× is 50 minutes of recording, played through windows that join end to start.
    expect(player.timeMs).toBe(START + 3_000_000);
    expect(depth(player)).toBe(3_000);
    for (let i = 1; i < asked.length; i++) expect(asked[i]?.[0]).toBe(asked[i - 1]?.[1]);
    player.dispose();
  });

  it('resets the view to the state at the moment sought, and stops at the present', async () => {
    const { fetchWindow } = server();
    const player = createReplayPlayer({ token: 't', startMs: START, fetchWindow, now: Date.now });
    await vi.advanceTimersByTimeAsync(0);
    player.seek(START + 600_000);
    expect(player.loading).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(depth(player)).toBe(600);
    player.seek(NOW + 3_600_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(player.timeMs).toBeLessThan(Date.now());
    player.play();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(player.playing).toBe(false);
    expect(() => player.setSpeed(2)).toThrow(RangeError);
    expect(player.speed).toBe(1);
    player.dispose();
  });

  it('reports a failed fetch, keeps what it shows and tries again', async () => {
    const { fetchWindow } = server();
    const failing = vi.fn().mockRejectedValueOnce(new Error('offline')).mockImplementation(fetchWindow);
    const player = createReplayPlayer({ token: 't', startMs: START, fetchWindow: failing, now: Date.now });
    const errors: unknown[] = [];
    player.onError((error) => errors.push(error));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    expect(player.loading).toBe(true);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(depth(player)).toBe(0);
    expect(player.loading).toBe(false);
    player.dispose();
  });
});
