import { seasonalMeanC } from './weather.js';
import type { BehaviourFactory } from './sensorEnvironment.js';

/** Midspan strain: dead load, the traffic crossing, and the deck's warming over the day. */
export const bridgeStrain: BehaviourFactory = (_sensor, random) => {
  const dead = random.range(30, 60);
  return (env) => ({ strain: dead + 110 * env.traffic * (0.7 + 0.6 * random.next()) + 4 * (env.temperatureC - seasonalMeanC(env.local.dayOfYear)) + random.normal(6) });
};

/** Pier tilt: a settled offset, breathing a little with the temperature. */
export const bridgeTilt: BehaviourFactory = (_sensor, random) => {
  const settled = random.range(0.01, 0.05);
  return (env) => ({ tilt: settled + 0.004 * (env.temperatureC - seasonalMeanC(env.local.dayOfYear)) + random.normal(0.002) });
};
