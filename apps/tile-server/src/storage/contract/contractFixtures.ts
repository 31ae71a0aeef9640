import type { AuditEntry, Sensor, StoredObservation } from '@pengcheng/protocol';
import { afterEach } from 'vitest';
import type { LiveRepository, NewAlarm, NewIncident } from '../liveRepository.js';

/** One store (a file, a database) that repositories can be opened on, again and again. */
export interface StoreUnderTest {
  /** A repository on this store; every call opens a new one (a restart, or a second node). */
  open(now: () => number): LiveRepository;
  /** Raw SQL outside the repository, as another connection (to look, to corrupt a row); its rows. */
  query(sql: string): Promise<Record<string, unknown>[]>;
}

/** A row lock another connection holds, so that writers queue behind it. */
export interface HeldRow {
  /** Resolves once this many connections are waiting for a lock. */
  waitForWaiters(count: number): Promise<void>;
  release(): Promise<void>;
}

export interface ContractBackend {
  /** An empty store, not migrated. */
  fresh(): Promise<StoreUnderTest>;
  /** Where the backend can: lock an incident's row from another connection (truly concurrent writers). */
  holdIncidentRow?(store: StoreUnderTest, incidentId: string): Promise<HeldRow>;
  /** Runs of the arrival-order property (each on a fresh store). */
  readonly propertyRuns: number;
}

/** A settable clock for incident times. */
export interface TestClock {
  readonly now: () => number;
  set(ms: number): void;
}

export function testClock(startMs = 1_764_547_200_000): TestClock {
  let ms = startMs;
  return { now: () => ms, set: (next) => (ms = next) };
}

/**
 * Opens repositories for one test and closes them all after it, failing or not.
 * `migrated` opens on a fresh store and migrates.
 */
export function repositoryScope(backend: ContractBackend) {
  const opened: LiveRepository[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((repository) => repository.close()));
  });
  const open = (store: StoreUnderTest, clock: TestClock): LiveRepository => {
    const repository = store.open(clock.now);
    opened.push(repository);
    return repository;
  };
  const migrated = async (clock = testClock()) => {
    const store = await backend.fresh();
    const repository = open(store, clock);
    await repository.migrate();
    return { store, repository, clock };
  };
  return { open, migrated };
}

export function sensor(id: string, overrides: Partial<Sensor> = {}): Sensor {
  return {
    id,
    kind: 'air_quality',
    name: { zh: '政务区空气站', en: 'district air station' },
    position: { lon: 117.2784, lat: 34.205, height: 12 },
    asset: { kind: 'smart_pole', id: 'POLE-0001' },
    thresholds: [{ quantity: 'pm25', direction: 'above', warning: 75, alarm: 150, hysteresis: 5 }],
    externalIds: [`urn:ngsi-ld:AirQualityObserved:${id}`],
    public: true,
    ...overrides,
  };
}

export function observation(sensorId: string, timeMs: number, values: Record<string, number>, overrides: Partial<StoredObservation> = {}): StoredObservation {
  return { sensorId, timeMs, values, quality: 'good', source: 'simulator', receivedAtMs: timeMs + 40, ...overrides };
}

export function newAlarm(sensorId: string, quantity: string, raisedAtMs: number, overrides: Partial<NewAlarm> = {}): NewAlarm {
  return { sensorId, quantity, level: 'warning', state: 'raised', threshold: 75, peakValue: 80, lastValue: 80, raisedAtMs, ...overrides };
}

export function newIncident(title: string, overrides: Partial<NewIncident> = {}): NewIncident {
  return {
    category: 'waterlogging',
    source: 'hotline',
    severity: 'high',
    state: 'reported',
    title,
    description: '昆仑大道下穿隧道积水',
    place: { lon: 117.281, lat: 34.2032, height: 0 },
    linkedSensors: ['WL-0007'],
    linkedAssets: ['LP-0003'],
    linkedAlarms: [],
    reporter: { name: '张先生', phone: '+86 138 0000 0000' },
    ...overrides,
  };
}

export function audit(action: string, atMs: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { atMs, actor: 'operator-li', action, ...overrides };
}
