import type { Incident } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import type { NewIncident, VersionedWrite } from '../liveRepository.js';
import { CorruptRecordError } from '../storageErrors.js';
import { audit, newIncident, repositoryScope, testClock, type ContractBackend } from './contractFixtures.js';

const T0 = 1_764_547_200_000;

const dispatch = (current: Incident): NewIncident => ({ ...current, state: 'dispatched', department: '水务' });

export function describeIncidents(backend: ContractBackend): void {
  describe('incidents', () => {
    const { migrated, open } = repositoryScope(backend);

    it('are created with increasing database ids, the repository stamping version and times', async () => {
      const clock = testClock(T0);
      const { repository } = await migrated(clock);
      const first = await repository.createIncident(newIncident('隧道积水'), audit('report', T0, { actor: 'hotline-12345' }));
      expect(first).toEqual({ ...newIncident('隧道积水'), id: 'INC-000001', version: 1, createdAtMs: T0, updatedAtMs: T0, audit: [audit('report', T0, { actor: 'hotline-12345' })] });
      clock.set(T0 + 1000);
      const second = await repository.createIncident(newIncident('井盖缺失', { category: 'public_facility', reporter: undefined }), audit('report', T0 + 1000));
      expect(second.id).toBe('INC-000002');
      expect(second.createdAtMs).toBe(T0 + 1000);
      expect(await repository.getIncident('INC-000001')).toEqual(first);
      expect(await repository.getIncident('INC-000003')).toBeUndefined();
      expect(await repository.getIncident('ALM-000001')).toBeUndefined();
    });

    it('are updated from the version read: stale and missing writes change nothing', async () => {
      const clock = testClock(T0);
      const { repository } = await migrated(clock);
      const incident = await repository.createIncident(newIncident('隧道积水'), audit('report', T0));
      clock.set(T0 + 5000);
      // `next` cannot move what the repository owns (creation time, version, audit).
      const result = await repository.updateIncident(incident.id, 1, (c) => ({ ...dispatch(c), createdAtMs: 0, version: 99, audit: [] }) as NewIncident, audit('dispatch', T0 + 5000, { from: 'reported', to: 'dispatched' }));
      const expected = { ...incident, state: 'dispatched', department: '水务', version: 2, updatedAtMs: T0 + 5000, audit: [audit('report', T0), audit('dispatch', T0 + 5000, { from: 'reported', to: 'dispatched' })] };
      expect(result).toEqual({ ok: true, value: expected });
      expect(await repository.getIncident(incident.id)).toEqual(expected);

      expect(await repository.updateIncident(incident.id, 1, dispatch, audit('dispatch', T0 + 6000))).toEqual({ ok: false, reason: 'stale' });
      expect(await repository.updateIncident('INC-000077', 1, dispatch, audit('dispatch', T0 + 6000))).toEqual({ ok: false, reason: 'missing' });
      expect(await repository.getIncident(incident.id)).toEqual(expected);
    });

    it('let exactly one of two concurrent writers with the same version win', async () => {
      const { store, repository, clock } = await migrated();
      const other = open(store, clock);
      const incident = await repository.createIncident(newIncident('隧道积水'), audit('report', T0));
      const write = (by: typeof repository, who: string) => by.updateIncident(incident.id, 1, (c) => ({ ...c, assignee: who }), audit('assign', T0 + 1, { actor: who }));

      const results = await Promise.all([write(repository, 'operator-li'), write(other, 'operator-wang')]);
      const winners = results.filter((r): r is Extract<VersionedWrite<Incident>, { ok: true }> => r.ok);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'stale' }]);
      const stored = await repository.getIncident(incident.id);
      expect(stored).toEqual(winners[0]?.value);
      expect(stored?.audit.map((entry) => entry.action)).toEqual(['report', 'assign']);
    });

    if (backend.holdIncidentRow) {
      const hold = backend.holdIncidentRow.bind(backend);
      it('let exactly one win when both writers have read the same version before either writes', async () => {
        const { store, repository, clock } = await migrated();
        const other = open(store, clock);
        const incident = await repository.createIncident(newIncident('隧道积水'), audit('report', T0));
        const held = await hold(store, incident.id);
        const writes = [repository, other].map((by, i) => by.updateIncident(incident.id, 1, (c) => ({ ...c, assignee: `operator-${i}` }), audit('assign', T0 + 1)));
        await held.waitForWaiters(2);
        await held.release();
        const results = await Promise.all(writes);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'stale' }]);
        expect((await repository.getIncident(incident.id))?.version).toBe(2);
      });
    }

    it('are listed newest first, by state, up to the limit', async () => {
      const { repository } = await migrated();
      const a = await repository.createIncident(newIncident('一'), audit('report', T0));
      const b = await repository.createIncident(newIncident('二'), audit('report', T0));
      const c = await repository.createIncident(newIncident('三'), audit('report', T0));
      const dispatched = await repository.updateIncident(b.id, 1, dispatch, audit('dispatch', T0 + 1));
      if (!dispatched.ok) throw new Error(dispatched.reason);
      expect(await repository.listIncidents({ limit: 10 })).toEqual([c, dispatched.value, a]);
      expect(await repository.listIncidents({ limit: 2 })).toEqual([c, dispatched.value]);
      expect(await repository.listIncidents({ states: ['reported'], limit: 10 })).toEqual([c, a]);
      expect(await repository.listIncidents({ states: ['dispatched', 'closed'], limit: 10 })).toEqual([dispatched.value]);
      expect(await repository.listIncidents({ states: [], limit: 10 })).toEqual([]);
    });

    it('report a corrupt stored incident as an error rather than wrong data', async () => {
      const { store, repository } = await migrated();
      const incident = await repository.createIncident(newIncident('隧道积水'), audit('report', T0));
      await store.query(`UPDATE incidents SET doc = '{"title": 5}'`);
      await expect(repository.getIncident(incident.id)).rejects.toBeInstanceOf(CorruptRecordError);
      await expect(repository.listIncidents({ limit: 10 })).rejects.toBeInstanceOf(CorruptRecordError);
    });

    it('keep an audit trail that SQL cannot rewrite', async () => {
      const { store, repository } = await migrated();
      await repository.createIncident(newIncident('隧道积水'), audit('report', T0));
      await expect(store.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
      await expect(store.query(`UPDATE audit SET entry = '{}'`)).rejects.toThrow(/append-only/);
      expect((await repository.getIncident('INC-000001'))?.audit).toEqual([audit('report', T0)]);
    });
  });
}
