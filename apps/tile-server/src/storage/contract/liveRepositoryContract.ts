import { describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../storageErrors.js';
import { describeAlarms } from './alarmsContract.js';
import { describeChangeLog } from './changeLogContract.js';
import { audit, newAlarm, newIncident, observation, repositoryScope, sensor, testClock, type ContractBackend } from './contractFixtures.js';
import { describeIncidents } from './incidentsContract.js';
import { describeObservations } from './observationsContract.js';

export type { ContractBackend, HeldRow, StoreUnderTest } from './contractFixtures.js';

const T0 = 1_764_547_200_000;
const MINUTE = 60_000;

/**
 * The one test suite every LiveRepository implementation passes: run by sqliteRepository.test.ts
 * and postgresRepository.test.ts against their own backend.
 */
export function describeLiveRepository(name: string, backend: ContractBackend): void {
  describe(`LiveRepository on ${name}`, () => {
    describe('lifecycle', () => {
      const { migrated, open } = repositoryScope(backend);

      it('migrates from empty, again, and from two nodes at once, without harm', async () => {
        const store = await backend.fresh();
        const clock = testClock();
        const [a, b] = [open(store, clock), open(store, clock)];
        await Promise.all([a.migrate(), b.migrate()]);
        await a.migrate();
        await a.upsertSensors([sensor('AQ-0001')]);
        await b.migrate();
        expect(await b.listSensors()).toEqual([sensor('AQ-0001')]);
        expect(await a.ping()).toBe(true);
      });

      it('refuses a database a newer server has migrated', async () => {
        const { store, repository } = await migrated();
        await store.query(`INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (999, 'from the future', 0)`);
        await expect(repository.migrate()).rejects.toBeInstanceOf(SchemaTooNewError);
      });

      it('has committed a write when its promise resolves: another connection sees it at once', async () => {
        const { store, repository } = await migrated();
        await repository.createIncident(newIncident('隧道积水'), audit('report', T0));
        await repository.insertObservations([observation('AQ-0001', T0, { pm25: 35 })]);
        expect(await store.query('SELECT count(*) AS n FROM incidents')).toEqual([{ n: 1 }]);
        expect(await store.query('SELECT count(*) AS n FROM audit')).toEqual([{ n: 1 }]);
        expect(await store.query('SELECT count(*) AS n FROM observations')).toEqual([{ n: 1 }]);
      });

      it('answers ping with false once closed', async () => {
        const { repository } = await migrated();
        await repository.close();
        expect(await repository.ping()).toBe(false);
        await repository.close();
      });

      it('finds everything again after a restart on the same store, ids continuing', async () => {
        const clock = testClock(T0);
        const { store, repository } = await migrated(clock);
        await repository.upsertSensors([sensor('AQ-0001')]);
        await repository.insertObservations([0, 1, 2, 3].map((i) => observation('AQ-0001', T0 + i * MINUTE, { pm25: 10 + i })));
        await repository.downsampleObservations(T0 + 2 * MINUTE, MINUTE);
        const alarm = await repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0), audit('raise', T0, { actor: 'system' }));
        const incident = await repository.createIncident(newIncident('隧道积水', { linkedAlarms: [alarm.id] }), audit('report', T0));
        const updated = await repository.updateIncident(incident.id, 1, (c) => ({ ...c, state: 'dispatched', department: '水务' }), audit('dispatch', T0 + 1));
        const before = {
          sensors: await repository.listSensors(),
          latest: await repository.latestObservations(),
          history: await repository.observationHistory({ sensorId: 'AQ-0001', fromMs: T0, toMs: T0 + 10 * MINUTE, limit: 100 }),
          alarms: await repository.listAlarms({ limit: 10 }),
          incidents: await repository.listIncidents({ limit: 10 }),
        };
        expect(before.history.rollups).toHaveLength(2);
        expect(before.incidents).toEqual([updated.ok && updated.value]);
        await repository.close();

        const reopened = open(store, clock);
        await reopened.migrate();
        expect({
          sensors: await reopened.listSensors(),
          latest: await reopened.latestObservations(),
          history: await reopened.observationHistory({ sensorId: 'AQ-0001', fromMs: T0, toMs: T0 + 10 * MINUTE, limit: 100 }),
          alarms: await reopened.listAlarms({ limit: 10 }),
          incidents: await reopened.listIncidents({ limit: 10 }),
        }).toEqual(before);
        expect((await reopened.createIncident(newIncident('井盖缺失'), audit('report', T0 + 2))).id).toBe('INC-000002');
        expect((await reopened.createAlarm(newAlarm('AQ-0001', 'pm10', T0), audit('raise', T0))).id).toBe('ALM-000002');
      });
    });

    describeObservations(backend);
    describeAlarms(backend);
    describeIncidents(backend);
    describeChangeLog(backend);
  });
}
