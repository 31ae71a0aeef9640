import type { Incident } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { DuplicateActiveAlarmError } from '../storageErrors.js';
import { audit, newAlarm, newIncident, repositoryScope, testClock, type ContractBackend } from './contractFixtures.js';

const T0 = 1_764_547_200_000;

export function describeChangeLog(backend: ContractBackend): void {
  describe('change log', () => {
    const { migrated, open } = repositoryScope(backend);

    it('records every alarm and incident write, in order, each change the record as that write left it', async () => {
      const { repository } = await migrated(testClock(T0));
      expect(await repository.latestChangeSeq('incidents')).toBe(0);
      expect(await repository.changesSince('alarms', 0, 10)).toEqual([]);

      const incident = await repository.createIncident(newIncident('隧道积水'), audit('report', T0));
      const alarm = await repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0), audit('raise', T0));
      const dispatched = await repository.updateIncident(incident.id, 1, (c) => ({ ...c, state: 'dispatched', department: '水务' }), audit('dispatch', T0 + 1));
      const acknowledged = await repository.updateAlarm(alarm.id, 1, (a) => ({ ...a, state: 'acknowledged', acknowledgedAtMs: T0 + 2, acknowledgedBy: 'operator-li' }), audit('acknowledge', T0 + 2));
      if (!dispatched.ok || !acknowledged.ok) throw new Error('the updates should have been written');

      const incidents = await repository.changesSince('incidents', 0, 10);
      const alarms = await repository.changesSince('alarms', 0, 10);
      expect(incidents.map((c) => c.record)).toEqual([incident, dispatched.value]);
      expect(alarms.map((c) => c.record)).toEqual([alarm, acknowledged.value]);
      // One sequence for both streams: the writes' order across them is kept.
      expect([incidents[0]?.seq, alarms[0]?.seq, incidents[1]?.seq, alarms[1]?.seq]).toEqual([1, 2, 3, 4]);
      expect(await repository.latestChangeSeq('incidents')).toBe(3);
      expect(await repository.latestChangeSeq('alarms')).toBe(4);
      expect((await repository.changesSince('incidents', 1, 10)).map((c) => c.seq)).toEqual([3]);
      expect((await repository.changesSince('incidents', 0, 1)).map((c) => c.seq)).toEqual([1]);
      expect(await repository.changesSince('incidents', 3, 10)).toEqual([]);
    });

    it('records nothing for a write that did not happen (stale, missing, refused)', async () => {
      const { repository } = await migrated(testClock(T0));
      const incident = await repository.createIncident(newIncident('隧道积水'), audit('report', T0));
      await repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0), audit('raise', T0));
      expect(await repository.updateIncident(incident.id, 7, (c) => c, audit('assign', T0))).toEqual({ ok: false, reason: 'stale' });
      expect(await repository.updateIncident('INC-000099', 1, (c) => c, audit('assign', T0))).toEqual({ ok: false, reason: 'missing' });
      await expect(repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0 + 1), audit('raise', T0 + 1))).rejects.toBeInstanceOf(DuplicateActiveAlarmError);
      expect((await repository.changesSince('incidents', 0, 10)).map((c) => c.record.version)).toEqual([1]);
      expect(await repository.changesSince('alarms', 0, 10)).toHaveLength(1);
    });

    it('is shared by every node on the store and survives a restart, sequence numbers continuing', async () => {
      const clock = testClock(T0);
      const { store, repository } = await migrated(clock);
      const other = open(store, clock);
      const writes = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? repository : other).createIncident(newIncident(`事件 ${i}`), audit('report', T0 + i)));
      const created = await Promise.all(writes);
      const changes = await other.changesSince('incidents', 0, 100);
      expect(changes.map((c) => c.seq)).toEqual([...changes.map((c) => c.seq)].sort((a, b) => a - b));
      expect(new Set(changes.map((c) => c.record.id))).toEqual(new Set(created.map((i: Incident) => i.id)));
      await repository.close();

      const reopened = open(store, clock);
      await reopened.migrate();
      expect(await reopened.latestChangeSeq('incidents')).toBe(changes.at(-1)?.seq);
      await reopened.createIncident(newIncident('重启之后'), audit('report', T0 + 100));
      const [after] = await reopened.changesSince('incidents', changes.at(-1)?.seq ?? 0, 10);
      expect(after?.seq).toBeGreaterThan(changes.at(-1)?.seq ?? 0);
      expect(after?.record.title).toBe('重启之后');
    });

    it('prunes a prefix of old changes, keeps the newest of each stream, and says how far it pruned', async () => {
      const clock = testClock(T0);
      const { repository } = await migrated(clock);
      expect(await repository.pruneChanges(T0 + 1_000_000)).toBe(0);
      const first = await repository.createIncident(newIncident('旧的'), audit('report', T0));
      clock.set(T0 + 10);
      await repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0 + 10), audit('raise', T0 + 10));
      clock.set(T0 + 20);
      await repository.updateIncident(first.id, 1, (c) => ({ ...c, state: 'dispatched' }), audit('dispatch', T0 + 20));
      clock.set(T0 + 30);
      await repository.createIncident(newIncident('新的'), audit('report', T0 + 30));
      // seq 1 incident, 2 alarm, 3 incident, 4 incident (at T0 + 30).

      expect(await repository.pruneChanges(T0 + 25)).toBe(2);
      expect((await repository.changesSince('incidents', 0, 10)).map((c) => c.seq)).toEqual([4]);
      expect((await repository.changesSince('alarms', 0, 10)).map((c) => c.seq)).toEqual([2]);
      expect(await repository.changesPrunedThrough('incidents')).toBe(3);
      expect(await repository.changesPrunedThrough('alarms')).toBe(0);
      expect(await repository.latestChangeSeq('incidents')).toBe(4);

      expect(await repository.pruneChanges(T0 + 1_000_000)).toBe(0);
      expect(await repository.changesPrunedThrough('incidents')).toBe(3);
      clock.set(T0 + 40);
      await repository.createIncident(newIncident('更新的'), audit('report', T0 + 40));
      expect(await repository.pruneChanges(T0 + 1_000_000)).toBe(1);
      expect(await repository.changesPrunedThrough('incidents')).toBe(4);
      expect((await repository.changesSince('incidents', 0, 10)).map((c) => c.seq)).toEqual([5]);
    });

    it('never shows a later change before an earlier one has committed, with writers racing', async () => {
      const clock = testClock(T0);
      const { store, repository } = await migrated(clock);
      const nodes = [repository, open(store, clock), open(store, clock)];
      const seen: number[] = [];
      let cursor = 0;
      let writing = true;
      const reader = (async () => {
        while (writing) {
          for (const change of await repository.changesSince('incidents', cursor, 100)) {
            seen.push(change.seq);
            cursor = change.seq;
          }
        }
      })();
      await Promise.all(Array.from({ length: 30 }, (_, i) => (nodes[i % nodes.length] ?? repository).createIncident(newIncident(`并发 ${i}`), audit('report', T0 + i))));
      writing = false;
      await reader;
      for (const change of await repository.changesSince('incidents', cursor, 100)) seen.push(change.seq);
      // Tailing from the last seen position never skips one that committed later.
      expect(seen).toEqual((await repository.changesSince('incidents', 0, 100)).map((c) => c.seq));
    });
  });
}
