import type { Alarm, Sensor, StoredObservation, Threshold } from '@pengcheng/protocol';

/** What a sensor's symbol and badge show. */
export type SensorState = 'normal' | 'warning' | 'alarm' | 'offline';

/**
 * Worst last. An open alarm outranks `offline`: a sensor that raised an alarm and then went
 * quiet is still the operator's business; `offline` outranks `normal`, since no reading means no
 * assurance.
 */
export const SENSOR_STATES: readonly SensorState[] = ['normal', 'offline', 'warning', 'alarm'];

const SEVERITY: Record<SensorState, number> = { normal: 0, offline: 1, warning: 2, alarm: 3 };

export function severityOf(state: SensorState): number {
  return SEVERITY[state];
}

/** The worse of two states. */
export function worseState(a: SensorState, b: SensorState): SensorState {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** A reading older than this, by default, marks its sensor offline. */
export const DEFAULT_STALE_MS = 15 * 60_000;

export interface SensorStateOptions {
  /** A reading older than this is no reading, ms (default 15 min). */
  readonly staleMs?: number;
}

/** Where one value stands against one threshold (without hysteresis: that is the server's, for alarms). */
export function thresholdLevel(threshold: Threshold, value: number): 'normal' | 'warning' | 'alarm' {
  const breaches = (level: number | undefined) =>
    level !== undefined && (threshold.direction === 'above' ? value >= level : value <= level);
  if (breaches(threshold.alarm)) return 'alarm';
  if (breaches(threshold.warning)) return 'warning';
  return 'normal';
}

/** The state of the sensor's current reading against its thresholds; `offline` if there is no usable reading. */
export function readingState(sensor: Pick<Sensor, 'thresholds'>, reading: StoredObservation | undefined, nowMs: number, options: SensorStateOptions = {}): SensorState {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  if (!reading || reading.quality === 'bad' || nowMs - reading.timeMs > staleMs) return 'offline';
  let state: SensorState = 'normal';
  for (const threshold of sensor.thresholds) {
    const value = reading.values[threshold.quantity];
    if (value !== undefined) state = worseState(state, thresholdLevel(threshold, value));
  }
  return state;
}

/** The worst level of the alarms given that are still open (not cleared), or `normal`. */
export function alarmsState(alarms: Iterable<Pick<Alarm, 'level' | 'state'>>): SensorState {
  let state: SensorState = 'normal';
  for (const alarm of alarms) if (alarm.state !== 'cleared') state = worseState(state, alarm.level);
  return state;
}

/** One sensor's state: the worst of its open alarms and of its current reading (see {@link readingState}). */
export function sensorState(
  sensor: Pick<Sensor, 'id' | 'thresholds'>,
  reading: StoredObservation | undefined,
  alarms: readonly Pick<Alarm, 'sensorId' | 'level' | 'state'>[],
  nowMs: number,
  options: SensorStateOptions = {},
): SensorState {
  return worseState(readingState(sensor, reading, nowMs, options), alarmsState(alarms.filter((alarm) => alarm.sensorId === sensor.id)));
}

/** Every sensor's state at once (the store's registry, readings and alarms), by sensor id. */
export function sensorStates(
  sensors: Iterable<Pick<Sensor, 'id' | 'thresholds'>>,
  readings: ReadonlyMap<string, StoredObservation>,
  alarms: readonly Pick<Alarm, 'sensorId' | 'level' | 'state'>[],
  nowMs: number,
  options: SensorStateOptions = {},
): Map<string, SensorState> {
  const fromAlarms = new Map<string, SensorState>();
  for (const alarm of alarms) {
    if (alarm.state === 'cleared') continue;
    fromAlarms.set(alarm.sensorId, worseState(fromAlarms.get(alarm.sensorId) ?? 'normal', alarm.level));
  }
  const states = new Map<string, SensorState>();
  for (const sensor of sensors) {
    states.set(sensor.id, worseState(readingState(sensor, readings.get(sensor.id), nowMs, options), fromAlarms.get(sensor.id) ?? 'normal'));
  }
  return states;
}
