import { describe, expect, it } from 'vitest';
import { addKpis, emptyTrend, trendSamples, TREND_WINDOW_MS } from './trend.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 5, 1, 8, 0, 0);
const at = (minutes: number, index = 3, speed = 40) => ({ timeMs: T0 + minutes * MINUTE, traffic: { index, averageSpeedKmh: speed, links: 120 } });

describe('the traffic trend', () => {
  it('keeps each update’s index and speed in order', () => {
    let trend = emptyTrend();
    trend = addKpis(trend, at(0, 2.5, 45));
    trend = addKpis(trend, at(1, 3.1, 41));
    expect(trendSamples(trend)).toEqual([
      { timeMs: T0, index: 2.5, speedKmh: 45 },
      { timeMs: T0 + MINUTE, index: 3.1, speedKmh: 41 },
    ]);
  });

  it('shows only the last half hour', () => {
    let trend = emptyTrend();
    for (let minute = 0; minute <= 60; minute += 5) trend = addKpis(trend, at(minute));
    const samples = trendSamples(trend);
    expect(samples[0]?.timeMs).toBe(T0 + 35 * MINUTE);
    expect(samples.at(-1)?.timeMs).toBe(T0 + 60 * MINUTE);
    expect(samples.every((s) => s.timeMs > T0 + 60 * MINUTE - TREND_WINDOW_MS)).toBe(true);
  });

  it('holds at most its capacity, dropping the oldest', () => {
    let trend = emptyTrend(TREND_WINDOW_MS, 4);
    for (let second = 0; second < 10; second++) trend = addKpis(trend, { ...at(0, second), timeMs: T0 + second * 1000 });
    expect(trendSamples(trend).map((s) => s.index)).toEqual([6, 7, 8, 9]);
  });

  it('ignores updates without traffic and a snapshot sent again on reconnect', () => {
    let trend = addKpis(emptyTrend(), at(0));
    trend = addKpis(trend, at(2));
    const held = trend;
    expect(addKpis(trend, { timeMs: T0 + 3 * MINUTE, traffic: null })).toBe(held);
    expect(addKpis(trend, at(2, 9))).toBe(held);
    expect(addKpis(trend, at(1, 9))).toBe(held);
  });

  it('starts afresh when the hub’s time jumps back beyond the window (a replay)', () => {
    let trend = addKpis(emptyTrend(), at(120));
    trend = addKpis(trend, at(121));
    trend = addKpis(trend, at(10, 7));
    expect(trendSamples(trend)).toEqual([{ timeMs: T0 + 10 * MINUTE, index: 7, speedKmh: 40 }]);
  });
});
