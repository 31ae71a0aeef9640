import type { Router } from 'express';
import type { Sensor } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config/config.js';
import type { IncidentService } from '../incidents/incidentService.js';
import { parsePengchengObservation } from '../ingest/formats/pengcheng.js';
import type { IngestService } from '../ingest/ingestService.js';
import { loadDistrict } from '../simulator/loadDistrict.js';
import { createMqttObservationSink, type MqttObservationSink } from '../simulator/mqttObservationSink.js';
import type { ObservationSink } from '../simulator/observationSink.js';
import { createSimulator, type Simulator } from '../simulator/simulator.js';
import { simulatorRoutes } from '../simulator/simulatorRoutes.js';
import type { LiveEvents } from './liveEvents.js';

export interface LiveSimulatorDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly sensors: readonly Sensor[];
  readonly ingest: IngestService;
  readonly incidents: IncidentService;
  readonly events: LiveEvents;
  /** The simulator's routes are added here once it runs. */
  readonly router: Router;
}

export interface LiveSimulator {
  readonly simulator: Simulator;
  stop(): Promise<void>;
}

/** Faster than real time, the simulator replays this much real time's worth of the recent past. */
const CATCH_UP_REAL_MS = 10 * 60_000;
const MAX_LOOK_BACK_MS = 24 * 3_600_000;

/** The hotline desk files citizen reports as this principal. */
const HOTLINE_DESK = { subject: 'hotline-12345', role: 'operator', kind: 'device' } as const;

/**
 * The embedded default's live source. With MQTT_URL it publishes through the broker like a field
 * gateway (and the server's own subscriber takes the readings in); otherwise it hands them to the
 * ingest service in process, through the same checks.
 */
export async function startLiveSimulator({ config, logger, registry, sensors, ingest, incidents, events, router }: LiveSimulatorDeps): Promise<LiveSimulator> {
  const { simulator: settings, mqttUrl, districtDir } = config.live;
  const district = await loadDistrict(districtDir);
  let mqttSink: MqttObservationSink | undefined;
  let sink: ObservationSink;
  if (mqttUrl !== undefined) {
    mqttSink = createMqttObservationSink({ url: mqttUrl, logger, clientId: `pengcheng-sim-${config.live.mqttClientId}` });
    sink = mqttSink;
  } else {
    sink = {
      publish: async (observations) => {
        await ingest.ingest(observations.map((observation, index) => parsePengchengObservation(observation, index)), 'simulator', 'pengcheng');
      },
    };
  }
  // Readings are never stamped after the server's clock (ingest would refuse them as from the
  // future): at SIM_SPEED above 1 the simulated clock starts in the past and catches up.
  const now = Date.now();
  const lookBackMs = settings.speed > 1 ? Math.min(MAX_LOOK_BACK_MS, Math.round((settings.speed - 1) * CATCH_UP_REAL_MS)) : 0;
  const simulator = createSimulator({
    district,
    sensors,
    seed: settings.seed,
    speed: settings.speed,
    startTimeMs: now - lookBackMs,
    notAfter: Date.now,
    vehiclesPeak: settings.vehiclesPeak,
    transport: mqttUrl === undefined ? 'in-process' : 'mqtt',
    sink,
    onTraffic: (tick) => events.emit('traffic', tick),
    createIncident: (request) => incidents.create(request, HOTLINE_DESK),
    logger: logger.child({ component: 'simulator' }),
    registry,
  });
  router.use(simulatorRoutes(simulator));
  simulator.start();
  return {
    simulator,
    async stop() {
      await simulator.stop();
      await mqttSink?.close();
    },
  };
}
