import { readFile } from 'node:fs/promises';
import { SENSOR_QUANTITIES, SensorListResponse, type QuantitySpec, type Sensor, type Threshold } from '@pengcheng/protocol';

/** A registered sensor with one reading inside every threshold's normal band, ready to serialise. */
export interface BenchSensor {
  readonly id: string;
  /** Thresholds the alarm engine evaluates for each of its readings. */
  readonly thresholds: number;
  /** By quantity, in the quantity's unit: what the server stores. */
  readonly values: Readonly<Record<string, number>>;
  /** `values` as the server stores them (values_json), for the raw baselines. */
  readonly valuesJson: string;
  /** Our observation format up to the time: `{"sensorId":…,"values":[…],"time":"`. */
  readonly jsonHead: string;
}

/**
 * A value no threshold of the quantity calls a breach, with room for its hysteresis: the middle
 * of the normal band, or of its non-negative part (tilt and strain centre on 0, a reading of
 * −45° is normal to the alarm engine but to nobody else).
 */
function normalValue(quantity: string, spec: QuantitySpec, thresholds: readonly Threshold[]): number {
  let low = spec.min;
  let high = spec.max;
  for (const t of thresholds.filter((threshold) => threshold.quantity === quantity)) {
    const levels = [t.warning, t.alarm].filter((level): level is number => level !== undefined);
    if (t.direction === 'above') high = Math.min(high, Math.min(...levels) - t.hysteresis);
    else low = Math.max(low, Math.max(...levels) + t.hysteresis);
  }
  if (!(low < high)) throw new Error(`${quantity}: no normal band between its thresholds`);
  if (low < 0 && high > 0) low = 0;
  return Math.round(((low + high) / 2) * 1000) / 1000;
}

function benchSensor(sensor: Sensor): BenchSensor {
  const values: Record<string, number> = {};
  const wire: { quantity: string; value: number; unit: string }[] = [];
  for (const [quantity, spec] of Object.entries(SENSOR_QUANTITIES[sensor.kind])) {
    const value = normalValue(quantity, spec, sensor.thresholds);
    values[quantity] = value;
    wire.push({ quantity, value, unit: spec.unit });
  }
  return {
    id: sensor.id,
    thresholds: sensor.thresholds.length,
    values,
    valuesJson: JSON.stringify(values),
    jsonHead: `{"sensorId":${JSON.stringify(sensor.id)},"values":${JSON.stringify(wire)},"time":"`,
  };
}

/** The district's registry (the file the server loads), each sensor with its normal reading. */
export async function loadBenchSensors(file: string): Promise<BenchSensor[]> {
  const { sensors } = SensorListResponse.parse(JSON.parse(await readFile(file, 'utf8')));
  return sensors.map(benchSensor);
}

export interface Reading {
  readonly sensor: BenchSensor;
  readonly timeMs: number;
}

/** One observation in our format. */
export function observationJson({ sensor, timeMs }: Reading): string {
  return `${sensor.jsonHead}${new Date(timeMs).toISOString()}"}`;
}

/**
 * Readings of the sensors in turn, each newer than the sensor's previous one, so every one becomes
 * the current value and goes through the alarm engine (a duplicate or a late one would not).
 */
export class ReadingStream {
  readonly #sensors: readonly BenchSensor[];
  readonly #lastMs = new Map<string, number>();
  #turn = 0;
  #pastMs: number;

  /** `pastStartMs`: where `nextPast` starts counting, one millisecond per reading. */
  constructor(sensors: readonly BenchSensor[], pastStartMs: number) {
    if (sensors.length === 0) throw new Error('no sensors');
    this.#sensors = sensors;
    this.#pastMs = pastStartMs;
  }

  #take(atLeastMs: number): Reading {
    const sensor = this.#sensors[this.#turn++ % this.#sensors.length] as BenchSensor;
    const timeMs = Math.max(atLeastMs, (this.#lastMs.get(sensor.id) ?? -Infinity) + 1);
    this.#lastMs.set(sensor.id, timeMs);
    return { sensor, timeMs };
  }

  /** A unique time in the recent past: the start plus one millisecond per reading so far. */
  nextPast(): Reading {
    return this.#take(this.#pastMs++);
  }

  /** Stamped now (the publish moment), a millisecond later if the sensor already has this one. */
  nextNow(): Reading {
    return this.#take(Date.now());
  }
}
