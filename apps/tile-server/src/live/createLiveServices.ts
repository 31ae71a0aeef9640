import { Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { AlarmEngine } from '../alarms/alarmEngine.js';
import { alarmRoutes } from '../alarms/alarmRoutes.js';
import { createAuthenticate } from '../auth/authMiddleware.js';
import { authRoutes } from '../auth/authRoutes.js';
import { loadAuthSecret } from '../auth/authSecret.js';
import { createDeviceTokenVerifier, type DeviceToken } from '../auth/deviceTokens.js';
import { openDeviceTokens } from '../auth/deviceTokensFile.js';
import { anyOf, type TokenVerifier } from '../auth/tokenVerifier.js';
import { createUserTokens } from '../auth/tokens.js';
import { openUsers, type InitialPassword } from '../auth/usersFile.js';
import type { Config } from '../config/config.js';
import type { Lifecycle } from '../health/lifecycle.js';
import { incidentRoutes } from '../incidents/incidentRoutes.js';
import { IncidentService } from '../incidents/incidentService.js';
import { loadResponsibilities } from '../incidents/responsibilityList.js';
import { createApiKeyCheck } from '../ingest/apiKeys.js';
import { createIngestMetrics } from '../ingest/ingestMetrics.js';
import { ingestRoutes } from '../ingest/ingestRoutes.js';
import { createIngestService, type IngestService } from '../ingest/ingestService.js';
import { startMqttIngest, type MqttIngest } from '../ingest/mqttIngest.js';
import { startReplay } from '../replay/startReplay.js';
import { SensorDirectory } from '../sensors/sensorDirectory.js';
import { loadSensorRegistry } from '../sensors/sensorRegistryFile.js';
import { sensorRoutes } from '../sensors/sensorRoutes.js';
import { createRepository } from '../storage/createRepository.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import { startObservationRetention } from '../storage/observationRetention.js';
import { LiveEvents } from './liveEvents.js';
import { startDatabaseProbe } from './databaseProbe.js';
import { startLiveSimulator, type LiveSimulator } from './startLiveSimulator.js';

export interface LiveServicesDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly lifecycle: Lifecycle;
  readonly now?: () => number;
}

export interface LiveServices {
  readonly repository: LiveRepository;
  readonly events: LiveEvents;
  readonly sensors: SensorDirectory;
  readonly incidents: IncidentService;
  readonly alarms: AlarmEngine;
  readonly ingest: IngestService;
  /** `POST /api/v1/observations`: mounted before `authenticate`, it checks its own API keys. */
  readonly ingestRouter: Router;
  /** Reads the bearer token of every later route (users and devices). */
  readonly authenticate: ReturnType<typeof createAuthenticate>;
  /** The same tokens' check, for the live hub's handshake. */
  readonly verifier: TokenVerifier;
  /** Login, sensors, alarms, incidents, the simulator: mounted after `authenticate`. */
  readonly apiRouter: Router;
  /** The passwords of the users made on this first start: shown once, never again. */
  readonly initialPasswords: readonly InitialPassword[];
  /** The wall and kiosk devices made on this first start (no DEVICE_TOKENS): shown once, never again. */
  readonly initialDevices: readonly DeviceToken[];
  /** Starts what produces data (the MQTT subscriber, the simulator); call once the server listens. */
  start(): Promise<void>;
  /** Stops producers first, then storage: nothing is written after its store has closed. */
  dispose(): Promise<void>;
}

/** At most this long between retention passes, whatever the bucket length. */
const RETENTION_INTERVAL_MAX_MS = 15 * 60_000;

/**
 * The live data's parts, wired: storage (SQLite or PostgreSQL), the sensor registry, auth,
 * incidents and alarms, ingest over HTTP and MQTT, retention, and the simulator.
 */
export async function createLiveServices({ config, logger, registry, lifecycle, now = Date.now }: LiveServicesDeps): Promise<LiveServices> {
  const live = config.live;
  const log = logger.child({ component: 'live' });

  const registered = await loadSensorRegistry(live.sensorsFile);
  const sensors = new SensorDirectory(registered);
  const responsibilities = await loadResponsibilities(live.responsibilityListFile);
  const users = await openUsers({ usersFile: live.usersFile, dataDir: config.dataDir });
  const userTokens = createUserTokens({ key: await loadAuthSecret({ secret: live.authSecret, dataDir: config.dataDir }), ttlS: live.tokenTtlS, accounts: users.accounts, now });
  const deviceTokens = await openDeviceTokens({ deviceTokens: live.deviceTokens, dataDir: config.dataDir });
  const devices = createDeviceTokenVerifier(deviceTokens.devices);
  const verifier = anyOf(devices, userTokens);
  const authenticate = createAuthenticate(verifier);

  const repository = await createRepository({ databaseUrl: live.databaseUrl, poolSize: live.databasePoolSize, dataDir: config.dataDir, logger: log, now });
  await repository.migrate();
  await repository.upsertSensors(registered);

  const events = new LiveEvents();
  const incidents = new IncidentService({ repository, responsibilities, events, now });
  const alarms = new AlarmEngine({ repository, sensors, incidents, events, logger: log, now });
  const metrics = createIngestMetrics(registry);
  const ingest = createIngestService({
    repository,
    sensors,
    events,
    onStored: (stored) => alarms.onStored(stored),
    createExternalIncident: ({ externalId, issuedAtMs: _issuedAtMs, ...alert }, actor) => incidents.createExternal({ ...alert, externalRef: { source: actor, id: externalId } }, actor),
    metrics,
    logger: log,
    now,
    futureSkewMs: live.ingestFutureSkewMs,
  });
  const ingestRouter = ingestRoutes({ service: ingest, apiKeys: createApiKeyCheck(live.ingestApiKeys), sensors, metrics, logger: log, maxBodyBytes: live.ingestMaxBodyBytes });

  const retention = startObservationRetention({
    repository,
    now,
    rawRetentionMs: live.observationRawMs,
    bucketMs: live.observationRollupMs,
    intervalMs: Math.min(live.observationRollupMs, RETENTION_INTERVAL_MAX_MS),
    logger: log,
    registry,
  });
  const database = startDatabaseProbe(repository, lifecycle);
  const replay = startReplay({ dataDir: config.dataDir, repository, events, sensors, logger: log, now });

  let mqtt: MqttIngest | undefined;
  let simulator: LiveSimulator | undefined;
  const simulatorRouter = Router();

  const apiRouter = Router();
  apiRouter.use(authRoutes({ accounts: users.accounts, tokens: userTokens, registry, now }));
  apiRouter.use(sensorRoutes({ directory: sensors, repository, now }));
  apiRouter.use(alarmRoutes({ alarms, sensors }));
  apiRouter.use(incidentRoutes(incidents));
  apiRouter.use(simulatorRouter);
  apiRouter.use(replay.router);

  return {
    repository,
    events,
    sensors,
    incidents,
    alarms,
    ingest,
    ingestRouter,
    authenticate,
    verifier,
    apiRouter,
    initialPasswords: users.created,
    initialDevices: deviceTokens.created,
    async start() {
      if (live.mqttUrl !== undefined) {
        const subscriber = startMqttIngest({ url: live.mqttUrl, service: ingest, metrics, logger: log, clientId: live.mqttClientId, connections: live.mqttConnections, sessionExpirySeconds: live.mqttSessionExpiryS });
        mqtt = subscriber;
        lifecycle.addProbe('mqtt', () => ({ name: 'mqtt', ok: subscriber.status().connected, ...(subscriber.status().connected ? {} : { detail: 'not connected to the broker' }) }));
      }
      if (live.simulator.enabled) {
        simulator = await startLiveSimulator({ config, logger, registry, sensors: registered, ingest, incidents, events, router: simulatorRouter });
      }
    },
    async dispose() {
      await simulator?.stop();
      await mqtt?.close();
      await retention.stop();
      await replay.stop();
      database.stop();
      await repository.close();
    },
  };
}
