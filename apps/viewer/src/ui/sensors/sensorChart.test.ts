import { SENSOR_KINDS, UNITS, WATCHED_ASSET_KINDS, type ObservationHistoryResponse, type StoredObservation } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.sensors.json';
import zh from '../../i18n/locales/zh-CN.sensors.json';
import { chartPoints, defaultQuantity, historyChartOption, historyPoints, relativeTime, thresholdLines, UNIT_KEYS, valueRange } from './sensorChart.js';

const obs = (timeMs: number, depth: number, quality: StoredObservation['quality'] = 'good'): StoredObservation => ({
  sensorId: 'wl-1', timeMs, values: { depth }, quality, source: 'simulator', receivedAtMs: timeMs,
});
const HOUR = 3_600_000;

describe('historyPoints', () => {
  it('uses raw observations, and rollup means only where no raw one exists', () => {
    const history: ObservationHistoryResponse = {
      sensorId: 'wl-1',
      observations: [obs(5 * HOUR + 60_000, 12), obs(5 * HOUR, 10), obs(5 * HOUR + 120_000, 99, 'bad')],
      rollups: [
        { sensorId: 'wl-1', quantity: 'depth', bucketStartMs: 3 * HOUR, bucketMs: HOUR, count: 60, min: 1, max: 3, mean: 2 },
        { sensorId: 'wl-1', quantity: 'depth', bucketStartMs: 5 * HOUR, bucketMs: HOUR, count: 60, min: 9, max: 13, mean: 11 },
        { sensorId: 'wl-1', quantity: 'other', bucketStartMs: 4 * HOUR, bucketMs: HOUR, count: 60, min: 0, max: 0, mean: 0 },
      ],
    };
    expect(historyPoints(history, 'depth')).toEqual([[3.5 * HOUR, 2], [5 * HOUR, 10], [5 * HOUR + 60_000, 12]]);
  });

  it('is always in time order, whatever order the server sends', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ t: fc.integer({ min: 0, max: 1e9 }), v: fc.double({ noNaN: true, noDefaultInfinity: true }) })), (rows) => {
        const points = historyPoints({ sensorId: 'wl-1', observations: rows.map((r) => obs(r.t, r.v)), rollups: [] }, 'depth');
        expect(points).toHaveLength(rows.length);
        for (let i = 1; i < points.length; i++) expect(points[i]?.[0]).toBeGreaterThanOrEqual(points[i - 1]?.[0] ?? 0);
      }),
    );
  });
});

describe('chartPoints', () => {
  it('appends a live reading only when it is newer than the last point, and drops what left the window', () => {
    const history = [[HOUR, 1], [2 * HOUR, 2]] as const;
    expect(chartPoints(history, [obs(1.5 * HOUR, 9), obs(3 * HOUR, 3), obs(3 * HOUR, 4), obs(4 * HOUR, 5, 'bad')], 'depth', 0)).toEqual([[HOUR, 1], [2 * HOUR, 2], [3 * HOUR, 3]]);
    expect(chartPoints(history, [obs(3 * HOUR, 3)], 'depth', 1.5 * HOUR)).toEqual([[2 * HOUR, 2], [3 * HOUR, 3]]);
    expect(chartPoints([], [obs(3 * HOUR, 3)], 'depth', 0)).toEqual([[3 * HOUR, 3]]);
  });
});

describe('threshold lines', () => {
  const thresholds = [
    { quantity: 'depth', direction: 'above' as const, warning: 15, alarm: 30, hysteresis: 2 },
    { quantity: 'other', direction: 'above' as const, alarm: 1, hysteresis: 0 },
  ];

  it('draws the quantity\u2019s warning and alarm levels, amber and red, labelled', () => {
    const lines = thresholdLines(thresholds, 'depth');
    expect(lines).toEqual([{ level: 'warning', value: 15 }, { level: 'alarm', value: 30 }]);
    const option = historyChartOption(
      { name: 'depth', points: [[0, 3]], lines, lineLabel: (l) => `${l.level} ${l.value}`, formatValue: String, fromMs: 0, toMs: HOUR },
      { remPx: 16, lineColour: '#37b6ff', textColour: '#fff', levelColours: { warning: '#ffb020', alarm: '#ff3b3b' } },
    );
    const series = Array.isArray(option.series) ? option.series[0] : option.series;
    const data = (series?.markLine as { data: { yAxis: number; lineStyle: { color: string }; label: { formatter: string } }[] }).data;
    expect(data.map((d) => [d.yAxis, d.lineStyle.color, d.label.formatter])).toEqual([[15, '#ffb020', 'warning 15'], [30, '#ff3b3b', 'alarm 30']]);
  });

  it('keeps every threshold line and every point inside the value axis', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 20 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3 }), (values, levels) => {
        const range = valueRange(values.map((v, i) => [i, v]), levels.map((value) => ({ level: 'alarm', value })));
        for (const v of [...values, ...levels]) {
          expect(v).toBeGreaterThan(range?.min ?? Infinity);
          expect(v).toBeLessThan(range?.max ?? -Infinity);
        }
      }),
    );
  });
});

describe('defaultQuantity', () => {
  const sensor = { id: 'aq-1', kind: 'air_quality' as const, thresholds: [{ quantity: 'pm10', direction: 'above' as const, alarm: 150, hysteresis: 5 }] };
  it('opens on the alarmed quantity, else a watched one, else the first', () => {
    expect(defaultQuantity(sensor, [{ sensorId: 'aq-1', quantity: 'o3', state: 'raised' }])).toBe('o3');
    expect(defaultQuantity(sensor, [{ sensorId: 'aq-1', quantity: 'o3', state: 'cleared' }, { sensorId: 'aq-2', quantity: 'no2', state: 'raised' }])).toBe('pm10');
    expect(defaultQuantity({ ...sensor, thresholds: [] }, [])).toBe('pm25');
  });
});

describe('relativeTime', () => {
  it('says seconds, minutes, hours, days ago', () => {
    expect(relativeTime(12_000)).toEqual({ value: -12, unit: 'second' });
    expect(relativeTime(5 * 60_000 + 59_000)).toEqual({ value: -5, unit: 'minute' });
    expect(relativeTime(3 * HOUR)).toEqual({ value: -3, unit: 'hour' });
    expect(relativeTime(50 * HOUR)).toEqual({ value: -2, unit: 'day' });
  });
});

describe('labels', () => {
  it('every unit, sensor kind and watched asset kind has a label in both languages', () => {
    for (const locale of [zh, en]) {
      const labels = locale.sensors;
      for (const unit of UNITS) {
        const key = UNIT_KEYS[unit];
        if (key) expect(labels.units, unit).toHaveProperty(key);
      }
      for (const kind of SENSOR_KINDS) expect(labels.kinds).toHaveProperty(kind);
      for (const kind of WATCHED_ASSET_KINDS) expect(labels.assets).toHaveProperty(kind);
    }
  });
});
