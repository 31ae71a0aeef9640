import { waterDemand } from '../dailyRhythms.js';
import { seasonalMeanC } from './weather.js';
import { drift, type BehaviourFactory } from './sensorEnvironment.js';

/** A dry dip: the gauge reads its own noise around zero (the range clamps it at 0). */
export const waterLevel: BehaviourFactory = (_sensor, random) => () => ({ depth: Math.abs(random.normal(0.3)) });

/** A cover at rest in its frame; a drain's well breathes a little sewer gas, more when warm. */
export const manholeCover: BehaviourFactory = (sensor, random, district) => {
  const rest = random.range(0.2, 1.6);
  const sewer = district.pipeNodes.get(sensor.asset.id)?.network === 'sewage';
  const biogas = random.range(0.3, sewer ? 3.5 : 1.5);
  return (env) => ({
    tilt: rest + random.normal(0.08),
    gas: Math.max(0, biogas * (1 + (env.temperatureC - 15) / 40) + random.normal(0.3)),
  });
};

/** Methane in a well: a trace, and a catalytic sensor's zero drifting slowly. */
export const gasConcentration: BehaviourFactory = (_sensor, random) => {
  const background = random.range(0, 1.2);
  const zero = drift(random, 0.05, 0.005);
  return () => ({ ch4: Math.max(0, background + zero() + random.normal(0.2)) });
};

/** A main's pressure dips as the district draws water at its morning and evening peaks. */
export const pipePressure: BehaviourFactory = (_sensor, random) => {
  const head = random.range(0.33, 0.4);
  return (env) => ({ pressure: head - 0.08 * waterDemand(env.local.hour) + random.normal(0.003) });
};

/** A main's flow follows the demand, 0.35 m/s at night to about 1.1 m/s at the evening peak. */
export const pipeFlow: BehaviourFactory = (sensor, random, district) => {
  const areaM2 = Math.PI * ((district.pipeSegments.get(sensor.asset.id)?.diameterMm ?? 600) / 2000) ** 2;
  const share = random.range(0.85, 1.15);
  return (env) => ({ flow: areaM2 * 3600 * (0.35 + 0.75 * waterDemand(env.local.hour)) * share * (1 + random.normal(0.01)) });
};

/** Tap water at the network's end: chlorine decays while water stands overnight; the mains follow the season. */
export const waterQuality: BehaviourFactory = (_sensor, random) => {
  const ph = random.range(7.2, 7.6);
  const turbidity = random.range(0.15, 0.35);
  const chlorine = random.range(0.28, 0.45);
  const conductivity = random.range(380, 520);
  const probe = drift(random, 0.002);
  return (env) => ({
    ph: ph + probe() + random.normal(0.03),
    turbidity: Math.max(0.02, turbidity + Math.abs(random.normal(0.03))),
    chlorine: Math.max(0, chlorine - 0.1 * (1 - waterDemand(env.local.hour)) + random.normal(0.01)),
    conductivity: conductivity + random.normal(5),
    temperature: seasonalMeanC(env.local.dayOfYear - 20) * 0.8 + 3 + random.normal(0.1),
  });
};
