import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SensorListResponse, type Observation, type Sensor } from '@pengcheng/protocol';
import pino from 'pino';
import { loadDistrict } from '../src/simulator/loadDistrict.js';
import type { SimDistrict } from '../src/simulator/simDistrict.js';
import { createSimulator, type Simulator, type SimulatorOptions } from '../src/simulator/simulator.js';
import type { SimTimers } from '../src/simulator/simTimers.js';
import type { TrafficTick } from '../src/simulator/traffic/trafficModel.js';

/** The committed district (assets/source) and its sensor registry, read once per test file. */
export const DISTRICT_DIR = fileURLToPath(new URL('../../../assets/source/', import.meta.url));

let loaded: Promise<{ district: SimDistrict; sensors: Sensor[] }> | undefined;
export function committedDistrict(): Promise<{ district: SimDistrict; sensors: Sensor[] }> {
  loaded ??= (async () => ({
    district: await loadDistrict(DISTRICT_DIR),
    sensors: SensorListResponse.parse(JSON.parse(await readFile(`${DISTRICT_DIR}sensors.json`, 'utf8'))).sensors,
  }))();
  return loaded;
}

/** A timer the test fires by hand: no real time passes. */
export interface ManualTimers extends SimTimers {
  /** Runs the interval's callback `times` times. */
  fire(times?: number): void;
  readonly active: number;
}

export function manualTimers(): ManualTimers {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  return {
    setInterval(callback) {
      callbacks.set(next, callback);
      return next++;
    },
    clearInterval(handle) {
      callbacks.delete(handle as number);
    },
    fire(times = 1) {
      for (let i = 0; i < times; i++) for (const callback of [...callbacks.values()]) callback();
    },
    get active() {
      return callbacks.size;
    },
  };
}

export interface SimulatorUnderTest {
  readonly simulator: Simulator;
  readonly timers: ManualTimers;
  /** Everything the sink was given, in order. */
  readonly observations: Observation[];
  readonly ticks: TrafficTick[];
  readonly reports: unknown[];
  /** Fires the timer `times` times and lets the sink's promises settle. */
  fire(times?: number): Promise<void>;
}

/** A simulator on the committed district, driven by a manual timer, with its outputs collected. */
export async function simulatorUnderTest(overrides: Partial<SimulatorOptions> = {}, keepTicks = false): Promise<SimulatorUnderTest> {
  const { district, sensors } = await committedDistrict();
  const timers = manualTimers();
  const observations: Observation[] = [];
  const ticks: TrafficTick[] = [];
  const reports: unknown[] = [];
  const simulator = createSimulator({
    district,
    sensors,
    seed: 320_300,
    speed: 600,
    startTimeMs: Date.UTC(2026, 11, 1, 0, 0),
    vehiclesPeak: 0,
    transport: 'in-process',
    sink: { publish: (batch) => void observations.push(...batch) },
    onTraffic: keepTicks ? (tick) => void ticks.push(tick) : undefined,
    createIncident: async (request) => void reports.push(request),
    logger: pino({ level: 'silent' }),
    timers,
    ...overrides,
  });
  return {
    simulator,
    timers,
    observations,
    ticks,
    reports,
    async fire(times = 1) {
      timers.fire(times);
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
