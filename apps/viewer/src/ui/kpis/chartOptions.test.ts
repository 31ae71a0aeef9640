import { describe, expect, it } from 'vitest';
import { aqiGaugeOption, trafficTrendOption } from './chartOptions.js';

const series = (option: ReturnType<typeof aqiGaugeOption>) => (Array.isArray(option.series) ? option.series : [option.series]);

describe('aqiGaugeOption', () => {
  it('points at the AQI, pinned to the scale when beyond it', () => {
    expect(series(aqiGaugeOption(87, 20))[0]).toMatchObject({ type: 'gauge', max: 500, data: [{ value: 87 }] });
    expect(series(aqiGaugeOption(640, 20))[0]).toMatchObject({ data: [{ value: 500 }] });
  });
});

describe('trafficTrendOption', () => {
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);

  it('draws the index on the 0–10 scale over the window ending at the newest sample', () => {
    const samples = [
      { timeMs: 1_000_000, index: 2, speedKmh: 40 },
      { timeMs: 1_060_000, index: 3.5, speedKmh: 35 },
    ];
    const option = trafficTrendOption(samples, { rem: 20, colour: '#3ddc84', time, windowMs: 1_800_000 });
    expect(option.xAxis).toMatchObject({ type: 'time', min: 1_060_000 - 1_800_000, max: 1_060_000 });
    expect(option.yAxis).toMatchObject({ min: 0, max: 10 });
    expect(series(option)[0]).toMatchObject({ type: 'line', data: [[1_000_000, 2], [1_060_000, 3.5]] });
  });
});
