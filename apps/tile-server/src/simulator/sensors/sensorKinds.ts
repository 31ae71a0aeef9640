import type { SensorKind } from '@pengcheng/protocol';
import { airQuality, noise, smartPoleEnvironment } from './airBehaviours.js';
import { parking, trafficDetector } from './mobilityBehaviours.js';
import type { BehaviourFactory } from './sensorEnvironment.js';
import { bridgeStrain, bridgeTilt } from './structureBehaviours.js';
import { gasConcentration, manholeCover, pipeFlow, pipePressure, waterLevel, waterQuality } from './utilityBehaviours.js';

export interface KindModel {
  /** How often a sensor of the kind reports, in simulated milliseconds. */
  readonly intervalMs: number;
  readonly behaviour: BehaviourFactory;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Each kind's physics and reporting interval: battery-powered covers and water-quality probes
 * report every few minutes, mains and bridges (mains-powered, fast-changing) every few seconds.
 */
export const KIND_MODELS: Readonly<Record<SensorKind, KindModel>> = {
  air_quality: { intervalMs: MINUTE, behaviour: airQuality },
  noise: { intervalMs: MINUTE, behaviour: noise },
  water_level: { intervalMs: MINUTE, behaviour: waterLevel },
  manhole_cover: { intervalMs: 5 * MINUTE, behaviour: manholeCover },
  gas_concentration: { intervalMs: MINUTE, behaviour: gasConcentration },
  pipe_pressure: { intervalMs: 30 * SECOND, behaviour: pipePressure },
  pipe_flow: { intervalMs: 30 * SECOND, behaviour: pipeFlow },
  water_quality: { intervalMs: 5 * MINUTE, behaviour: waterQuality },
  bridge_strain: { intervalMs: 10 * SECOND, behaviour: bridgeStrain },
  bridge_tilt: { intervalMs: MINUTE, behaviour: bridgeTilt },
  parking_occupancy: { intervalMs: MINUTE, behaviour: parking },
  smart_pole_environment: { intervalMs: MINUTE, behaviour: smartPoleEnvironment },
  traffic_detector: { intervalMs: MINUTE, behaviour: trafficDetector },
};

/** While a drill acts on a sensor it reports this often, as a device in alarm mode does. */
export const EVENT_INTERVAL_MS = 10 * SECOND;
