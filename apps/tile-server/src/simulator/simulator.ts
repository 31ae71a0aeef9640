import type { CreateIncidentRequest, Observation, ScenarioRun, Sensor, SimulatorStatus, StartScenarioRequest } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { trafficDemand } from './dailyRhythms.js';
import { HotlineReporter } from './hotline.js';
import { localTime } from './localTime.js';
import type { ObservationSink } from './observationSink.js';
import { ScenarioError, ScenarioPlayer } from './scenarios/scenarioPlayer.js';
import { SensorDevice } from './sensors/sensorDevice.js';
import type { SensorEnvironment } from './sensors/sensorEnvironment.js';
import { EVENT_INTERVAL_MS, KIND_MODELS } from './sensors/sensorKinds.js';
import { airRegime, weatherAt } from './sensors/weather.js';
import type { SimDistrict } from './simDistrict.js';
import { createSimulatorMetrics, type SimulatorMetrics } from './simulatorMetrics.js';
import { createSimRandom } from './simRandom.js';
import { realTimers, type SimTimers } from './simTimers.js';
import { RoadGraph } from './traffic/roadGraph.js';
import { TrafficModel, type TrafficTick } from './traffic/trafficModel.js';

export interface SimulatorOptions {
  readonly district: SimDistrict;
  /** The sensor registry (sensors.json) the simulated devices stand for. */
  readonly sensors: readonly Sensor[];
  readonly seed: number;
  /** Simulated seconds per real second. */
  readonly speed: number;
  /** Simulated time at start, epoch milliseconds. */
  readonly startTimeMs: number;
  /** Vehicles at the weekday rush hours (0: link states and detectors only). */
  readonly vehiclesPeak: number;
  readonly transport: SimulatorStatus['transport'];
  readonly sink: ObservationSink;
  readonly onTraffic?: (tick: TrafficTick) => void;
  /** Files a hotline report as an incident; without it there are no hotline reports. */
  readonly createIncident?: (request: CreateIncidentRequest) => Promise<unknown>;
  readonly logger: Logger;
  readonly registry?: Registry;
  readonly timers?: SimTimers;
  /** Simulated milliseconds per tick (200: 5 Hz at speed 1). */
  readonly tickMs?: number;
  /** Multiplies the sensors' fault probabilities; 0 turns faults off. */
  readonly faultRate?: number;
  /** Everyday hotline reports per simulated daytime hour. */
  readonly hotlinePerHour?: number;
  /**
   * Simulated time never passes this clock (the server's): readings stamped ahead of it would be
   * refused as from the future. Run faster than real time from a start in the past, the
   * simulator catches up with the present, then keeps pace with it.
   */
  readonly notAfter?: () => number;
}

export interface Simulator {
  start(): void;
  /** Stops the timer and waits for what is still being handed on. */
  stop(): Promise<void>;
  status(): SimulatorStatus;
  /** Throws a ScenarioError for an unknown asset, a drill of the kind already running, or a stopped simulator. */
  startScenario(request: StartScenarioRequest): ScenarioRun;
  cancelScenario(runId: string): ScenarioRun;
}

/** Ticks never come faster than this in real time: at high speed each tick covers more simulated time. */
const MIN_REAL_TICK_MS = 100;
/** A sensor reports at most once per real second (and a drill's sensors four times), whatever the speed. */
const MIN_REAL_REPORT_MS = 1000;
const MIN_REAL_EVENT_REPORT_MS = 250;
/** Batches still being handed on beyond this are dropped (and counted): a stuck sink must not eat the memory. */
const MAX_PENDING = 100;

/**
 * The district's live source for the embedded default: sensors with daily rhythms, noise, drift
 * and faults; vehicles on the road network; hotline reports; drills. Deterministic for a seed,
 * a start time and a sequence of ticks; driven by an injected timer.
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  const { district, sensors, speed, logger, sink } = options;
  const timers = options.timers ?? realTimers;
  const tickMs = options.tickMs ?? 200;
  const realTickMs = Math.max(tickMs / speed, MIN_REAL_TICK_MS);
  const simStepMs = Math.round(realTickMs * speed);
  const metrics: SimulatorMetrics | undefined = options.registry ? createSimulatorMetrics(options.registry) : undefined;

  const random = createSimRandom(options.seed);
  const graph = new RoadGraph(district);
  const traffic = new TrafficModel({ graph, random: random.fork('traffic'), vehiclesPeak: options.vehiclesPeak });
  const player = new ScenarioPlayer({ sensors, district, random: random.fork('scenarios') });
  const hotline = new HotlineReporter({ district, random: random.fork('hotline'), perHour: options.hotlinePerHour ?? 3 });
  const regime = airRegime(random.fork('air'));
  const devices = sensors.map((sensor) => {
    const own = random.fork(`sensor:${sensor.id}`);
    const model = KIND_MODELS[sensor.kind];
    const intervalMs = Math.max(model.intervalMs, speed * MIN_REAL_REPORT_MS);
    return new SensorDevice(sensor, model.behaviour(sensor, own.fork('physics'), district), own.fork('faults'), {
      firstReadingMs: options.startTimeMs + own.int(0, intervalMs - 1),
      intervalMs,
      eventIntervalMs: Math.max(EVENT_INTERVAL_MS, speed * MIN_REAL_EVENT_REPORT_MS),
      faultRate: options.faultRate ?? 1,
    });
  });

  let simTimeMs = options.startTimeMs;
  let timer: unknown;
  const pending = new Set<Promise<unknown>>();

  const track = (work: () => unknown, what: string, droppable: boolean): void => {
    if (droppable && pending.size >= MAX_PENDING) {
      metrics?.dropped.inc();
      return;
    }
    const promise = Promise.resolve()
      .then(work)
      .catch((err: unknown) => logger.warn({ err }, `simulator: ${what} failed`))
      .finally(() => pending.delete(promise));
    pending.add(promise);
  };

  const environmentAt = (timeMs: number): SensorEnvironment => {
    const local = localTime(timeMs);
    const rain = player.rain(timeMs);
    return {
      timeMs,
      local,
      traffic: trafficDemand(local.hour, local.weekend),
      ...weatherAt(local, rain),
      rain,
      airRegime: regime(timeMs, local),
      link: (id) => traffic.linkState(id),
    };
  };

  const tick = (): void => {
    const from = simTimeMs;
    const to = Math.min(from + simStepMs, options.notAfter?.() ?? Number.POSITIVE_INFINITY);
    if (to <= from) return;
    player.update(to);
    const trafficTick = traffic.step(to, to - from, (link) => player.linkSpeed(link, to));
    metrics?.vehicles.set(traffic.vehicleCount);
    if (options.onTraffic) options.onTraffic(trafficTick);

    const observations: Observation[] = [];
    for (const device of devices) {
      while (device.nextDueMs <= to) {
        const observation = device.read(environmentAt(device.nextDueMs), player);
        if (observation) {
          observations.push(observation);
          metrics?.observations.inc({ kind: device.sensor.kind });
        }
      }
    }
    observations.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    if (observations.length > 0) track(() => sink.publish(observations), 'publishing observations', true);

    const { createIncident } = options;
    if (createIncident) {
      for (const report of hotline.reports(from, to, player.hotlineCues(to))) {
        metrics?.hotlineReports.inc();
        track(() => createIncident(report), 'filing a hotline report', false);
      }
    }
    simTimeMs = to;
  };

  return {
    start() {
      if (timer !== undefined) return;
      logger.info({ seed: options.seed, speed, sensors: devices.length, vehiclesPeak: options.vehiclesPeak, transport: options.transport }, 'simulator started');
      timer = timers.setInterval(() => {
        try {
          tick();
        } catch (err) {
          logger.error({ err }, 'simulator tick failed');
        }
      }, realTickMs);
    },
    async stop() {
      if (timer !== undefined) {
        timers.clearInterval(timer);
        timer = undefined;
        logger.info('simulator stopped');
      }
      await Promise.allSettled([...pending]);
    },
    status() {
      return {
        running: timer !== undefined,
        seed: options.seed,
        speed,
        simTimeMs: Math.round(simTimeMs),
        sensors: devices.length,
        vehicles: traffic.vehicleCount,
        transport: options.transport,
        scenarios: player.list(),
      };
    },
    startScenario(request) {
      if (timer === undefined) throw new ScenarioError('simulator_stopped', 'The simulator is not running.');
      const run = player.start(request, simTimeMs);
      metrics?.scenarios.inc({ scenario: run.scenario });
      logger.info({ run }, 'drill started');
      return run;
    },
    cancelScenario(runId) {
      const run = player.cancel(runId, simTimeMs);
      logger.info({ run }, 'drill cancelled');
      return run;
    },
  };
}
