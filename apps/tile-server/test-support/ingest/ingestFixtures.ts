import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { Sensor, SensorKind, StoredObservation } from '@pengcheng/protocol';
import { createApiKeyCheck } from '../../src/ingest/apiKeys.js';
import { createIngestMetrics, type IngestMetrics } from '../../src/ingest/ingestMetrics.js';
import { ingestRoutes } from '../../src/ingest/ingestRoutes.js';
import { createIngestService, type IngestService } from '../../src/ingest/ingestService.js';
import type { ExternalIncidentInput } from '../../src/ingest/ingestTypes.js';
import { LiveEvents } from '../../src/live/liveEvents.js';
import { SensorDirectory } from '../../src/sensors/sensorDirectory.js';
import type { LiveRepository } from '../../src/storage/liveRepository.js';
import { openSqliteRepository } from '../../src/storage/sqliteRepository.js';

/** `../shared/data` beside the repository (CI clones the repository with `shared/` next to it). */
export const SHARED_DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

export async function readShared(relative: string): Promise<Buffer> {
  return readFile(path.join(SHARED_DATA, relative));
}

function sensor(id: string, kind: SensorKind, externalIds: string[]): Sensor {
  return {
    id,
    kind,
    name: { zh: `测试${id}`, en: `test ${id}` },
    position: { lon: 117.2784, lat: 34.205, height: 0 },
    asset: { kind: 'smart_pole', id: 'POL-0001' },
    thresholds: [],
    externalIds,
    public: true,
  };
}

/** Sensors whose externalIds match the shared real examples, plus a few of our own. */
export const TEST_SENSORS: readonly Sensor[] = [
  sensor('AQS-0001', 'air_quality', ['urn:ngsi-ld:AirQualityObserved:Madrid-AmbientObserved-28079004-2016-03-15T11:00:00']),
  sensor('NOI-0001', 'noise', ['urn:ngsi-ld:NoiseLevelObserved:Vitoria-NoiseLevelObserved-2016-12-28T11:00:00_2016-12-28T12:00:00']),
  sensor('TFD-0001', 'traffic_detector', ['TrafficFlowObserved-Valladolid-osm-60821110']),
  sensor('WQS-0001', 'water_quality', ['urn:ngsi-ld:WaterQualityObserved:waterqualityobserved:Sevilla:D1']),
  sensor('WQS-0002', 'water_quality', ['sta:Datastreams(8)/temperature']),
  sensor('WLV-0001', 'water_level', ['sta:Datastreams(9)', 'urn:ngsi-ld:Device:gauge-9']),
  sensor('POL-0002', 'smart_pole_environment', ['urn:ngsi-ld:Device:pole-2', 'sta:Datastreams(10)']),
  sensor('GAS-0001', 'gas_concentration', ['Camera1234']),
];

const CITY_BRAIN_KEY = 'cb-key-0123456789abcdefghijklmn';
const GATEWAY_KEY = 'gw-key-0123456789abcdefghijklmn';
export const API_KEYS: ReadonlyMap<string, string> = new Map([
  ['city-brain', CITY_BRAIN_KEY],
  ['gateway', GATEWAY_KEY],
]);
/** The `Authorization` header of the `city-brain` data source, and of `gateway`. */
export const BEARER = `Bearer ${CITY_BRAIN_KEY}`;
export const GATEWAY_BEARER = `Bearer ${GATEWAY_KEY}`;

export interface IngestHarness {
  readonly app: Express;
  readonly repository: LiveRepository;
  readonly service: IngestService;
  readonly metrics: IngestMetrics;
  readonly registry: Registry;
  readonly events: LiveEvents;
  readonly sensors: SensorDirectory;
  /** What reached `onStored`, call by call. */
  readonly hooked: StoredObservation[][];
  /** Incidents opened through `createExternalIncident`. */
  readonly incidents: { input: ExternalIncidentInput; actor: string; id: string }[];
  /** The test's clock; set `clock.nowMs` to move it. */
  readonly clock: { nowMs: number };
  /** The value of one series of /metrics, 0 when absent. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/** The ingest as the server wires it, on a fresh SQLite file, with a settable clock. */
export async function createIngestHarness(options: { nowMs?: number; maxBodyBytes?: number } = {}): Promise<IngestHarness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pengcheng-ingest-'));
  const clock = { nowMs: options.nowMs ?? Date.parse('2026-06-01T08:00:00+08:00') };
  const repository = openSqliteRepository({ file: path.join(dir, 'live.sqlite'), now: () => clock.nowMs });
  await repository.migrate();
  await repository.upsertSensors(TEST_SENSORS);
  const registry = new Registry();
  const metrics = createIngestMetrics(registry);
  const events = new LiveEvents();
  const sensors = new SensorDirectory(TEST_SENSORS);
  const logger = pino({ level: 'silent' });
  const hooked: StoredObservation[][] = [];
  const incidents: IngestHarness['incidents'] = [];
  const service = createIngestService({
    repository,
    sensors,
    events,
    onStored: async (stored) => {
      hooked.push([...stored]);
    },
    createExternalIncident: async (input, actor) => {
      const id = `INC-${String(incidents.length + 1).padStart(6, '0')}`;
      incidents.push({ input, actor, id });
      return { id };
    },
    metrics,
    logger,
    now: () => clock.nowMs,
    futureSkewMs: 300_000,
  });
  const app = express();
  app.use(ingestRoutes({ service, apiKeys: createApiKeyCheck(API_KEYS), sensors, metrics, logger, maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024 }));
  return {
    app,
    repository,
    service,
    metrics,
    registry,
    events,
    sensors,
    hooked,
    incidents,
    clock,
    async metric(name, labels = {}) {
      const metric = registry.getSingleMetric(name);
      if (!metric) return 0;
      const { values } = await metric.get();
      const match = values.find((value) => Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted));
      return match?.value ?? 0;
    },
    async close() {
      await repository.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Everything the repository holds for the test sensors: current values and full history. */
export async function repositoryState(repository: LiveRepository): Promise<unknown> {
  const latest = await repository.latestObservations();
  const history = await Promise.all(
    TEST_SENSORS.map((s) => repository.observationHistory({ sensorId: s.id, fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, limit: 100_000 })),
  );
  return { latest: [...latest].sort((a, b) => a.sensorId.localeCompare(b.sensorId)), history };
}
