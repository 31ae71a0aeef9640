import { SENSOR_QUANTITIES, type Alarm, type ObservationHistoryResponse, type Sensor, type StoredObservation, type Threshold, type Unit } from '@pengcheng/protocol';
import type { ChartOption } from '../charts/echartsSetup.js';

/** The history spans the panel offers. */
export const HISTORY_RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type HistoryRange = keyof typeof HISTORY_RANGES;
export const DEFAULT_RANGE: HistoryRange = '24h';

/** A chart point: epoch ms, value. */
export type Point = readonly [number, number];

/** The quantities a sensor reports, in the registry's order. */
export function quantitiesOf(sensor: Pick<Sensor, 'kind'>): string[] {
  return Object.keys(SENSOR_QUANTITIES[sensor.kind]);
}

/**
 * The quantity the chart opens on: the one with the sensor's newest open alarm, else the first
 * with a threshold (what the operator watches), else the first.
 */
export function defaultQuantity(sensor: Pick<Sensor, 'id' | 'kind' | 'thresholds'>, alarms: readonly Pick<Alarm, 'sensorId' | 'quantity' | 'state'>[]): string | undefined {
  const quantities = quantitiesOf(sensor);
  const alarmed = alarms.find((alarm) => alarm.sensorId === sensor.id && alarm.state !== 'cleared' && quantities.includes(alarm.quantity));
  return alarmed?.quantity ?? sensor.thresholds.find((t) => quantities.includes(t.quantity))?.quantity ?? quantities[0];
}

/**
 * One quantity's history as chart points, oldest first: the raw observations (not the `bad`
 * ones, a known fault), and a rollup's mean at its bucket's middle for buckets that hold no raw
 * observation (raw history expired there).
 */
export function historyPoints(history: ObservationHistoryResponse, quantity: string): Point[] {
  const raw: Point[] = [];
  for (const observation of history.observations) {
    const value = observation.values[quantity];
    if (value !== undefined && observation.quality !== 'bad') raw.push([observation.timeMs, value]);
  }
  raw.sort((a, b) => a[0] - b[0]);
  const rolled: Point[] = [];
  for (const rollup of history.rollups) {
    if (rollup.quantity !== quantity) continue;
    const end = rollup.bucketStartMs + rollup.bucketMs;
    if (!hasPointIn(raw, rollup.bucketStartMs, end)) rolled.push([rollup.bucketStartMs + rollup.bucketMs / 2, rollup.mean]);
  }
  if (rolled.length === 0) return raw;
  return [...raw, ...rolled].sort((a, b) => a[0] - b[0]);
}

/** Whether sorted `points` has one at `from` ≤ t < `to` (binary search). */
function hasPointIn(points: readonly Point[], from: number, to: number): boolean {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid]?.[0] ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  const first = points[lo];
  return first !== undefined && first[0] < to;
}

/**
 * The chart's points: the fetched history, then each live reading newer than the last point
 * (so the line grows as readings arrive), without what slid out of the window before `fromMs`.
 */
export function chartPoints(history: readonly Point[], live: readonly StoredObservation[], quantity: string, fromMs: number): Point[] {
  const points = history.filter((point) => point[0] >= fromMs);
  for (const reading of live) {
    const value = reading.values[quantity];
    const last = points[points.length - 1];
    if (value === undefined || reading.quality === 'bad' || (last && reading.timeMs <= last[0]) || reading.timeMs < fromMs) continue;
    points.push([reading.timeMs, value]);
  }
  return points;
}

export interface ThresholdLine {
  readonly level: 'warning' | 'alarm';
  readonly value: number;
}

/** The warning and alarm levels of one quantity's thresholds. */
export function thresholdLines(thresholds: readonly Threshold[], quantity: string): ThresholdLine[] {
  const lines: ThresholdLine[] = [];
  for (const threshold of thresholds) {
    if (threshold.quantity !== quantity) continue;
    if (threshold.warning !== undefined) lines.push({ level: 'warning', value: threshold.warning });
    if (threshold.alarm !== undefined) lines.push({ level: 'alarm', value: threshold.alarm });
  }
  return lines;
}

/** The value axis's range: the data's, widened to take in the threshold lines, so they never fall off the chart. */
export function valueRange(points: readonly Point[], lines: readonly ThresholdLine[]): { min: number; max: number } | undefined {
  const values = [...points.map((point) => point[1]), ...lines.map((line) => line.value)];
  if (values.length === 0) return undefined;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.08 || Math.abs(max) * 0.1 || 1;
  return { min: min - pad, max: max + pad };
}

/** Decimals a value of this unit is shown with: enough to see a change that matters. */
export function fractionDigits(unit: Unit): number {
  switch (unit) {
    case 'MPa':
      return 3;
    case '[pH]':
    case 'mg/L':
    case 'mg/m3':
      return 2;
    case '{vehicle}':
    case '{vehicle}/h':
    case '1':
    case 'ustrain':
    case 'uS/cm':
      return 0;
    default:
      return 1;
  }
}

/** The locale key of a unit's label (UCUM codes hold characters i18next keys should not); none for a pure number. */
export const UNIT_KEYS: Record<Unit, string | undefined> = {
  'ug/m3': 'ugPerM3',
  'mg/m3': 'mgPerM3',
  '1': undefined,
  'dB(A)': 'dBA',
  cm: 'cm',
  deg: 'deg',
  '%LEL': 'lel',
  MPa: 'mpa',
  'm3/h': 'm3PerH',
  Cel: 'cel',
  '%': 'percent',
  'uS/cm': 'uSPerCm',
  '[pH]': undefined,
  NTU: 'ntu',
  'mg/L': 'mgPerL',
  ustrain: 'microstrain',
  '{vehicle}': 'vehicles',
  '{vehicle}/h': 'vehiclesPerH',
  'km/h': 'kmPerH',
};

/** How long ago, in the largest unit that fits, for Intl.RelativeTimeFormat. */
export function relativeTime(agoMs: number): { value: number; unit: 'second' | 'minute' | 'hour' | 'day' } {
  const s = Math.max(0, agoMs) / 1000;
  if (s < 60) return { value: -Math.round(s), unit: 'second' };
  if (s < 3600) return { value: -Math.floor(s / 60), unit: 'minute' };
  if (s < 86_400) return { value: -Math.floor(s / 3600), unit: 'hour' };
  return { value: -Math.floor(s / 86_400), unit: 'day' };
}

export interface ChartLook {
  /** The root font size in CSS pixels: chart text follows the screen's type (the wall's is large). */
  readonly remPx: number;
  readonly lineColour: string;
  readonly textColour: string;
  readonly levelColours: Readonly<Record<ThresholdLine['level'], string>>;
}

export interface ChartContent {
  readonly name: string;
  readonly points: readonly Point[];
  readonly lines: readonly ThresholdLine[];
  /** The labels of the threshold lines, by level ("warning 30 cm"). */
  readonly lineLabel: (line: ThresholdLine) => string;
  readonly formatValue: (value: number) => string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** The ECharts option of a quantity's history: one line, the threshold levels as labelled lines. */
export function historyChartOption(content: ChartContent, look: ChartLook): ChartOption {
  const fontSize = Math.round(look.remPx * 0.8);
  const range = valueRange(content.points, content.lines);
  return {
    grid: { left: fontSize, right: fontSize * 1.5, top: fontSize * 1.5, bottom: fontSize * 0.5, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? content.formatValue(value) : String(value)) },
    xAxis: { type: 'time', min: content.fromMs, max: content.toMs, axisLabel: { fontSize, color: look.textColour, hideOverlap: true } },
    yAxis: {
      type: 'value',
      ...(range ?? {}),
      axisLabel: { fontSize, color: look.textColour, formatter: (value: number) => content.formatValue(value) },
      splitLine: { lineStyle: { color: 'rgba(159, 179, 204, 0.15)' } },
    },
    series: [
      {
        type: 'line',
        name: content.name,
        data: content.points.map((point) => [point[0], point[1]]),
        showSymbol: content.points.length < 2,
        lineStyle: { width: Math.max(1.5, look.remPx / 8), color: look.lineColour },
        itemStyle: { color: look.lineColour },
        markLine: {
          silent: true,
          symbol: 'none',
          animation: false,
          data: content.lines.map((line) => ({
            yAxis: line.value,
            name: line.level,
            lineStyle: { color: look.levelColours[line.level], type: line.level === 'alarm' ? 'solid' : 'dashed', width: Math.max(1, look.remPx / 10) },
            label: { formatter: content.lineLabel(line), position: 'insideEndTop', color: look.levelColours[line.level], fontSize },
          })),
        },
      },
    ],
  };
}
