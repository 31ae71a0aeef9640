import type { LinkState, Sensor } from '@pengcheng/protocol';
import type { LocalTime } from '../localTime.js';
import type { SimDistrict } from '../simDistrict.js';
import type { SimRandom } from '../simRandom.js';

/** The district around a sensor at the moment it reads. */
export interface SensorEnvironment {
  readonly timeMs: number;
  readonly local: LocalTime;
  /** Road traffic demand, 1 at the weekday rush hours. */
  readonly traffic: number;
  readonly temperatureC: number;
  readonly humidityPct: number;
  /** Rain intensity, 0 dry to 1 a rainstorm (暴雨). */
  readonly rain: number;
  /** The regional air-pollution regime (weather moving pollution in and out), about 1. */
  readonly airRegime: number;
  readonly link: (linkId: string) => LinkState | undefined;
}

/** A sensor's physics: its readings, by quantity, before faults and the sensor's range are applied. */
export type Behaviour = (env: SensorEnvironment) => Record<string, number>;
export type BehaviourFactory = (sensor: Sensor, random: SimRandom, district: SimDistrict) => Behaviour;

/** A sensor's slow drift: a random walk pulled back towards zero (recalibration, a clean-up). */
export function drift(random: SimRandom, sdPerReading: number, pullBack = 0.01): () => number {
  let value = 0;
  return () => {
    value = value * (1 - pullBack) + random.normal(sdPerReading);
    return value;
  };
}
