import { airQualityIndex } from './aqi.js';
import { drift, type BehaviourFactory, type SensorEnvironment } from './sensorEnvironment.js';
import type { SimRandom } from '../simRandom.js';

/** With the season, the regime and the traffic, Xuzhou-like PM2.5: about 40 µg/m³ over a year, more in the heating season. */
const PM25_BASE = 32;

/** Traffic's share of the particles and gases, and the morning inversion that keeps them low. */
function particles(env: SensorEnvironment, local: number, random: SimRandom): number {
  const inversion = 1 + 0.2 * Math.cos((2 * Math.PI * (env.local.hour - 7)) / 24);
  const washout = 1 - 0.6 * env.rain;
  return Math.max(1, (PM25_BASE * env.airRegime * inversion * local + 10 * env.traffic) * washout + random.normal(3));
}

/** Sunlight makes ozone: a midday peak, higher in summer, eaten by traffic's NO. */
function ozone(env: SensorEnvironment, no2: number): number {
  const sun = Math.max(0, Math.sin((Math.PI * (env.local.hour - 7)) / 12));
  const summer = 0.5 - 0.5 * Math.cos((2 * Math.PI * (env.local.dayOfYear - 15)) / 365);
  return Math.max(2, (25 + 150 * sun * (0.35 + 0.65 * summer)) * (1 - 0.6 * env.rain) - 0.15 * no2);
}

/** A national-style station: six pollutants and the AQI computed from them. */
export const airQuality: BehaviourFactory = (_sensor, random) => {
  const local = random.range(0.85, 1.15);
  const gasDrift = drift(random, 0.4);
  return (env) => {
    const pm25 = particles(env, local, random);
    const no2 = Math.max(2, (16 + 48 * env.traffic) * Math.sqrt(env.airRegime) * local + gasDrift() + random.normal(3));
    const values = {
      pm25,
      pm10: pm25 * 1.6 + Math.abs(random.normal(6)),
      no2,
      o3: ozone(env, no2),
      so2: Math.max(1, 7 * env.airRegime + random.normal(1)),
      co: Math.max(0.1, 0.45 + 0.5 * env.traffic * env.airRegime + random.normal(0.05)),
    };
    return { ...values, aqi: airQualityIndex(values) };
  };
};

/** The area class from the sensor's own warning level (GB 3096 daytime limit). */
function baseNoise(warning: number | undefined): { readonly quiet: number; readonly traffic: number } {
  if (warning !== undefined && warning >= 70) return { quiet: 53, traffic: 12 };
  if (warning !== undefined && warning >= 60) return { quiet: 47, traffic: 11 };
  return { quiet: 42, traffic: 10 };
}

/** LAeq follows the traffic (rush hours) over the area's quiet floor; LAmax the passing lorries. */
export const noise: BehaviourFactory = (sensor, random) => {
  const level = baseNoise(sensor.thresholds.find((t) => t.quantity === 'laeq')?.warning);
  const offset = random.range(-1.5, 1.5);
  return (env) => {
    const laeq = level.quiet + offset + level.traffic * Math.sqrt(env.traffic) + 3 * env.rain + random.normal(1.2);
    return { laeq, lamax: laeq + 9 + Math.abs(random.normal(4)) };
  };
};

/** A roadside box on a smart pole: cheaper sensors, noisier readings, the road's noise. */
export const smartPoleEnvironment: BehaviourFactory = (_sensor, random) => {
  const local = random.range(0.9, 1.25);
  const heatIsland = random.range(0, 1.2);
  return (env) => ({
    temperature: env.temperatureC + heatIsland + random.normal(0.3),
    humidity: env.humidityPct + random.normal(1.5),
    pm25: particles(env, local, random) + random.normal(5),
    laeq: 52 + 12 * Math.sqrt(env.traffic) + 3 * env.rain + random.normal(1.8),
  });
};
