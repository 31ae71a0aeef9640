import type { Alarm, LocalizedName, Sensor, Unit } from '@pengcheng/protocol';

/** The level filter: every open alarm, or the 报警 level only (warnings hidden). */
export type LevelFilter = 'all' | 'alarm';

export interface AlarmFilter {
  readonly level: LevelFilter;
  /** Only the alarms an operator still has to acknowledge. */
  readonly unacknowledgedOnly: boolean;
}

export const NO_FILTER: AlarmFilter = { level: 'all', unacknowledgedOnly: false };

/**
 * Whether an operator still has to see this alarm: raised, or cleared without anyone having
 * acknowledged it (the hub keeps those open so the list can ask for them).
 */
export function awaitsAcknowledgement(alarm: Alarm): boolean {
  return alarm.state !== 'acknowledged' && alarm.acknowledgedAtMs === undefined;
}

/** What the row says about the alarm's progress. */
export type RowState = 'raised' | 'acknowledged' | 'clearedUnacknowledged' | 'cleared';

export function rowState(alarm: Alarm): RowState {
  if (alarm.state === 'cleared') return awaitsAcknowledgement(alarm) ? 'clearedUnacknowledged' : 'cleared';
  return alarm.state;
}

/** Newest raised first; the id breaks ties so rows raised in the same millisecond do not swap between renders. */
export function newestFirst(a: Alarm, b: Alarm): number {
  return b.raisedAtMs - a.raisedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The rows the list shows: the alarms that pass the filter, newest first, whatever order they came in. */
export function visibleAlarms(alarms: readonly Alarm[], filter: AlarmFilter): Alarm[] {
  return alarms.filter((a) => (filter.level === 'all' || a.level === filter.level) && (!filter.unacknowledgedOnly || awaitsAcknowledgement(a))).sort(newestFirst);
}

export interface AlarmCounts {
  readonly total: number;
  readonly alarm: number;
  readonly warning: number;
  readonly unacknowledged: number;
}

/** The summary header's figures, over all open alarms (not just the filtered ones). */
export function countAlarms(alarms: readonly Alarm[]): AlarmCounts {
  let alarm = 0;
  let unacknowledged = 0;
  for (const a of alarms) {
    if (a.level === 'alarm') alarm += 1;
    if (awaitsAcknowledgement(a)) unacknowledged += 1;
  }
  return { total: alarms.length, alarm, warning: alarms.length - alarm, unacknowledged };
}

export interface Age {
  readonly value: number;
  readonly unit: 'second' | 'minute' | 'hour' | 'day';
}

/** How long ago `thenMs` was, in the largest whole unit; a time ahead of the screen's clock counts as now. */
export function ageSince(nowMs: number, thenMs: number): Age {
  const seconds = Math.max(0, Math.floor((nowMs - thenMs) / 1000));
  if (seconds < 60) return { value: seconds, unit: 'second' };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { value: minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { value: hours, unit: 'hour' };
  return { value: Math.floor(hours / 24), unit: 'day' };
}

/** "3 minutes ago" / "3分钟前"; zero seconds reads "now" / "现在". */
export function formatAge(locale: string, age: Age): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-age.value, age.unit);
}

/** A reading with as many decimals as its size deserves: 1 234, 56.7, 0.42. */
export function formatReading(locale: string, value: number): string {
  const size = Math.abs(value);
  const digits = size >= 100 ? 0 : size >= 10 ? 1 : 2;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/**
 * The locale key (under `alarms.units`) of each UCUM unit's display form; dimensionless
 * quantities (AQI, pH) show no unit at all.
 */
export const UNIT_KEYS: Readonly<Record<Unit, string | undefined>> = {
  'ug/m3': 'microgramPerCubicMetre',
  'mg/m3': 'milligramPerCubicMetre',
  '1': undefined,
  'dB(A)': 'decibelA',
  cm: 'centimetre',
  deg: 'degree',
  '%LEL': 'percentLel',
  MPa: 'megapascal',
  'm3/h': 'cubicMetrePerHour',
  Cel: 'celsius',
  '%': 'percent',
  'uS/cm': 'microsiemensPerCentimetre',
  '[pH]': undefined,
  NTU: 'ntu',
  'mg/L': 'milligramPerLitre',
  ustrain: 'microstrain',
  '{vehicle}': 'vehicle',
  '{vehicle}/h': 'vehiclePerHour',
  'km/h': 'kilometrePerHour',
};

/** Which way the alarm's quantity breaches, from its sensor's thresholds: `≥` for above, `≤` for below. */
export function breachDirection(sensor: Sensor | undefined, quantity: string): 'above' | 'below' | undefined {
  return sensor?.thresholds.find((t) => t.quantity === quantity)?.direction;
}

/** A name in the UI language: English where there is one, else the Chinese. */
export function localName(name: LocalizedName, language: string): string {
  return language.startsWith('en') ? (name.en ?? name.zh) : name.zh;
}

/** The alarms that arrived since the list last looked and were raised recently: those get a highlight. */
export function arrivals(known: ReadonlySet<string>, alarms: readonly Alarm[], nowMs: number, recentMs: number): string[] {
  return alarms.filter((a) => !known.has(a.id) && nowMs - a.raisedAtMs <= recentMs).map((a) => a.id);
}
