import { describe, expect, it } from 'vitest';
import { categoryRows, durationFigure, feedState } from './figures.js';

const kpis = { timeMs: 0, incidents: { open: 0, byCategory: {}, byAge: { underHour: 0, underDay: 0, older: 0 }, averageHandlingMs: null }, alarms: { warning: 0, alarm: 0 }, traffic: null, parkingFreeSpaces: null, aqi: null };

describe('feedState', () => {
  it('says offline only when there is no feed and no figures', () => {
    expect(feedState('offline', undefined)).toBe('offline');
    expect(feedState('refused', undefined)).toBe('offline');
    expect(feedState('connecting', undefined)).toBe('waiting');
    expect(feedState('live', undefined)).toBe('waiting');
  });

  it('shows figures as current while live or replaying, else as the last ones held', () => {
    expect(feedState('live', kpis)).toBe('live');
    expect(feedState('replay', kpis)).toBe('live');
    expect(feedState('reconnecting', kpis)).toBe('stale');
    expect(feedState('offline', kpis)).toBe('stale');
  });
});

describe('durationFigure', () => {
  it('reads minutes under an hour, hours under two days, days beyond', () => {
    expect(durationFigure(25 * 60_000)).toEqual({ value: 25, unit: 'minutes', digits: 0 });
    expect(durationFigure(90 * 60_000)).toEqual({ value: 1.5, unit: 'hours', digits: 1 });
    expect(durationFigure(72 * 3_600_000)).toEqual({ value: 3, unit: 'days', digits: 1 });
  });

  it('does not show 60 minutes: that is an hour', () => {
    expect(durationFigure(59.7 * 60_000).unit).toBe('hours');
    expect(durationFigure(0)).toEqual({ value: 0, unit: 'minutes', digits: 0 });
  });
});

describe('categoryRows', () => {
  it('lists the categories with most open incidents first, ties in the protocol’s order', () => {
    const { top, rest } = categoryRows({ other: 1, traffic: 4, gas_leak: 1, waterlogging: 2 }, 5);
    expect(top).toEqual([
      { category: 'traffic', count: 4 },
      { category: 'waterlogging', count: 2 },
      { category: 'gas_leak', count: 1 },
      { category: 'other', count: 1 },
    ]);
    expect(rest).toBeUndefined();
  });

  it('sums what does not fit into one last row, so the bars add up to the open count', () => {
    const { top, rest } = categoryRows({ gas_leak: 5, waterlogging: 4, traffic: 3, environment: 2, other: 1 }, 3);
    expect(top.map((r) => r.category)).toEqual(['gas_leak', 'waterlogging']);
    expect(rest).toEqual({ categories: 3, count: 6 });
  });

  it('leaves out empty categories', () => {
    expect(categoryRows({ traffic: 0 }, 5).top).toEqual([]);
  });
});
