import type { ChartOption } from '../charts/echartsSetup.js';
import { AQI_MAX, aqiGaugeStops } from './bands.js';
import type { TrafficSample } from './trend.js';

/** The wall's palette, as in wall.css: dim text and faint rules on the dark panels. */
const DIM = 'rgba(200, 220, 240, 0.7)';
const RULE = 'rgba(64, 170, 255, 0.18)';

/**
 * The AQI gauge: the scale coloured by the six bands, a pointer at the value. The number itself
 * is in the page beside it (readable, testable), so the canvas carries no text but the scale.
 * `rem` is the wall's 1rem in pixels: ECharts sizes in pixels, the wall in screen heights.
 */
export function aqiGaugeOption(aqi: number, rem: number): ChartOption {
  return {
    animationDuration: 600,
    series: [
      {
        type: 'gauge',
        min: 0,
        max: AQI_MAX,
        startAngle: 210,
        endAngle: -30,
        radius: '92%',
        center: ['50%', '58%'],
        splitNumber: 5,
        axisLine: { lineStyle: { width: 0.7 * rem, color: aqiGaugeStops() } },
        axisTick: { show: false },
        splitLine: { length: 0.5 * rem, distance: -0.7 * rem, lineStyle: { color: 'rgba(5, 14, 28, 0.9)', width: 2 } },
        // The ends only: on a gauge this small the inner figures run into each other, and the band colours and the figure beside it say the rest.
        axisLabel: { distance: 1 * rem, color: DIM, fontSize: 0.75 * rem, formatter: (value: number) => (value === 0 || value === AQI_MAX ? String(value) : '') },
        pointer: { length: '62%', width: 0.35 * rem, itemStyle: { color: '#e6f4ff' } },
        anchor: { show: true, size: 0.8 * rem, itemStyle: { color: '#e6f4ff' } },
        title: { show: false },
        detail: { show: false },
        data: [{ value: Math.min(AQI_MAX, Math.max(0, aqi)) }],
      },
    ],
  };
}

/**
 * The traffic index over the trend window: one line on the 0–10 scale, ruled at the band edges
 * (every 2), in the current band's colour. `time` formats the axis' clock times.
 */
export function trafficTrendOption(samples: readonly TrafficSample[], options: { readonly rem: number; readonly colour: string; readonly time: (ms: number) => string; readonly windowMs: number }): ChartOption {
  const { rem, colour, time, windowMs } = options;
  const last = samples.at(-1)?.timeMs ?? 0;
  return {
    animation: false,
    grid: { left: 2.2 * rem, right: 0.8 * rem, top: 0.6 * rem, bottom: 1.6 * rem },
    xAxis: {
      type: 'time',
      min: last - windowMs,
      max: last,
      splitNumber: 3,
      axisLine: { lineStyle: { color: RULE } },
      axisTick: { show: false },
      axisLabel: { color: DIM, fontSize: 0.75 * rem, formatter: (value: number) => time(value), hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 10,
      interval: 2,
      axisLabel: { color: DIM, fontSize: 0.75 * rem },
      splitLine: { lineStyle: { color: RULE } },
    },
    series: [
      {
        type: 'line',
        showSymbol: false,
        smooth: false,
        lineStyle: { color: colour, width: 0.18 * rem },
        areaStyle: { color: colour, opacity: 0.15 },
        data: samples.map((s) => [s.timeMs, s.index]),
      },
    ],
  };
}
