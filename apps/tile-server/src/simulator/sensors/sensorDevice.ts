import { SENSOR_QUANTITIES, type Observation, type ObservationQuality, type Sensor, type Unit } from '@pengcheng/protocol';
import type { SimRandom } from '../simRandom.js';
import type { Behaviour, SensorEnvironment } from './sensorEnvironment.js';

/** What running drills do to a sensor's readings. */
export interface SensorEffects {
  /** Whether a drill acts on the sensor: it then reports fast and never faults. */
  affects(sensorId: string): boolean;
  /** Changes the readings in place. */
  adjust(sensor: Sensor, values: Record<string, number>, timeMs: number): void;
}

export interface DeviceOptions {
  readonly firstReadingMs: number;
  readonly intervalMs: number;
  /** The interval while a drill acts on it. */
  readonly eventIntervalMs: number;
  /** Multiplies the fault probabilities: 0 never faults. */
  readonly faultRate: number;
}

/** Decimals a value is reported with, by unit: what a real device's resolution would be. */
const DIGITS: Readonly<Record<Unit, number>> = {
  'ug/m3': 0,
  'mg/m3': 2,
  '1': 0,
  'dB(A)': 1,
  cm: 1,
  deg: 3,
  '%LEL': 1,
  MPa: 3,
  'm3/h': 1,
  Cel: 1,
  '%': 1,
  'uS/cm': 0,
  '[pH]': 2,
  NTU: 2,
  'mg/L': 2,
  ustrain: 1,
  '{vehicle}': 0,
  '{vehicle}/h': 0,
  'km/h': 1,
};

/** Per reading: a spike (one wild value, `bad`), a stuck sensor (the same values again, `suspect`), a dropout (silence). */
const P_SPIKE = 1 / 4000;
const P_STUCK = 1 / 8000;
const P_DROPOUT = 1 / 8000;

type Fault = { readonly kind: 'none' } | { readonly kind: 'stuck'; remaining: number; readonly values: Readonly<Record<string, number>> } | { readonly kind: 'dropout'; remaining: number };

/**
 * One field sensor: reads its behaviour on its schedule, applies what drills do to it, keeps
 * every value within its quantity's range and resolution, and now and then fails as real
 * sensors do, saying so in the observation's quality.
 */
export class SensorDevice {
  nextDueMs: number;
  private fault: Fault = { kind: 'none' };
  private readonly quantities: readonly (readonly [string, { readonly unit: Unit; readonly min: number; readonly max: number }])[];

  constructor(
    readonly sensor: Sensor,
    private readonly behaviour: Behaviour,
    private readonly faults: SimRandom,
    private readonly options: DeviceOptions,
  ) {
    this.nextDueMs = options.firstReadingMs;
    this.quantities = Object.entries(SENSOR_QUANTITIES[sensor.kind]);
  }

  /** The reading due at `nextDueMs` (undefined while dropped out); schedules the next one. */
  read(env: SensorEnvironment, effects: SensorEffects): Observation | undefined {
    const affected = effects.affects(this.sensor.id);
    this.nextDueMs += affected ? Math.min(this.options.intervalMs, this.options.eventIntervalMs) : this.options.intervalMs;
    const values = this.behaviour(env);
    effects.adjust(this.sensor, values, env.timeMs);
    let quality: ObservationQuality = 'good';
    let stuck: Readonly<Record<string, number>> | undefined;
    if (affected) this.fault = { kind: 'none' };
    else {
      const fault = this.nextFault(values);
      if (fault === 'dropout') return undefined;
      ({ quality, stuck } = fault);
    }
    return {
      sensorId: this.sensor.id,
      time: new Date(env.timeMs).toISOString(),
      values: this.quantities
        .filter(([q]) => values[q] !== undefined)
        .map(([quantity, spec]) => {
          const raw = stuck?.[quantity] ?? (values[quantity] as number);
          const clamped = Math.min(spec.max, Math.max(spec.min, Number.isFinite(raw) ? raw : spec.min));
          const digits = 10 ** DIGITS[spec.unit];
          return { quantity, value: Math.round(clamped * digits) / digits, unit: spec.unit };
        }),
      quality,
    };
  }

  /** Advances the fault process; changes `values` for a spike, names the frozen values while stuck. */
  private nextFault(values: Record<string, number>): { quality: ObservationQuality; stuck?: Readonly<Record<string, number>> } | 'dropout' {
    const current = this.fault;
    if (current.kind !== 'none') {
      current.remaining--;
      if (current.remaining <= 0) this.fault = { kind: 'none' };
      return current.kind === 'dropout' ? 'dropout' : { quality: 'suspect', stuck: current.values };
    }
    const rate = this.options.faultRate;
    const r = this.faults.next();
    if (r < P_SPIKE * rate) {
      const [quantity, spec] = this.faults.pick(this.quantities);
      const value = values[quantity] ?? spec.min;
      values[quantity] = value + (spec.max - value) * this.faults.range(0.2, 0.6);
      return { quality: 'bad' };
    }
    if (r < (P_SPIKE + P_STUCK) * rate) {
      this.fault = { kind: 'stuck', remaining: this.faults.int(5, 30), values: { ...values } };
      return { quality: 'suspect', stuck: this.fault.values };
    }
    if (r < (P_SPIKE + P_STUCK + P_DROPOUT) * rate) {
      this.fault = { kind: 'dropout', remaining: this.faults.int(3, 20) };
      return 'dropout';
    }
    return { quality: 'good' };
  }
}
