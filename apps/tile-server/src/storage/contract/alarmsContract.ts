import type { Alarm } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { ALARM_ID_PREFIX, parseRecordId } from '../recordIds.js';
import { DuplicateActiveAlarmError } from '../storageErrors.js';
import { audit, newAlarm, repositoryScope, testClock, type ContractBackend } from './contractFixtures.js';

const T0 = 1_764_547_200_000;

/** The stored form of an alarm, minus what the repository assigns. */
function editable({ id: _id, version: _version, audit: _audit, ...rest }: Alarm) {
  return rest;
}

export function describeAlarms(backend: ContractBackend): void {
  describe('alarms', () => {
    const { migrated, open } = repositoryScope(backend);

    it('are created with database ids, version 1 and their first audit entry, and read back the same', async () => {
      const { repository } = await migrated();
      const first = await repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0), audit('raise', T0, { actor: 'system' }));
      expect(first).toEqual({ ...newAlarm('AQ-0001', 'pm25', T0), id: 'ALM-000001', version: 1, audit: [audit('raise', T0, { actor: 'system' })] });
      const second = await repository.createAlarm(newAlarm('AQ-0001', 'pm10', T0 + 1), audit('raise', T0 + 1));
      expect(second.id).toBe('ALM-000002');
      expect(await repository.getAlarm('ALM-000001')).toEqual(first);
      expect(await repository.getAlarm('ALM-000009')).toBeUndefined();
      expect(await repository.getAlarm('ALM-1')).toBeUndefined();
    });

    it('allow one uncleared alarm per sensor quantity: a second is refused, after clearing a new one may be raised', async () => {
      const { repository } = await migrated();
      const raised = await repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0), audit('raise', T0));
      await expect(repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0 + 5, { level: 'alarm' }), audit('raise', T0 + 5))).rejects.toBeInstanceOf(
        DuplicateActiveAlarmError,
      );
      expect(await repository.activeAlarm('AQ-0001', 'pm25')).toEqual(raised);
      expect(await repository.listAlarms({ limit: 10 })).toEqual([raised]);

      const cleared = await repository.updateAlarm(raised.id, 1, (a) => ({ ...editable(a), state: 'cleared', clearedAtMs: T0 + 60_000 }), audit('clear', T0 + 60_000));
      expect(cleared.ok).toBe(true);
      expect(await repository.activeAlarm('AQ-0001', 'pm25')).toBeUndefined();
      const again = await repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0 + 120_000), audit('raise', T0 + 120_000));
      // Ids increase; PostgreSQL's sequence may skip the number the refused insert drew.
      expect(parseRecordId(ALARM_ID_PREFIX, again.id)).toBeGreaterThan(parseRecordId(ALARM_ID_PREFIX, raised.id) ?? Infinity);
      expect(await repository.activeAlarm('AQ-0001', 'pm25')).toEqual(again);

      // Reopening the cleared one would make two: refused, and nothing changes.
      await expect(repository.updateAlarm(raised.id, 2, (a) => ({ ...editable(a), state: 'raised' }), audit('reopen', T0 + 130_000))).rejects.toBeInstanceOf(
        DuplicateActiveAlarmError,
      );
      expect((await repository.getAlarm(raised.id))?.version).toBe(2);
    });

    it('let only one of two nodes raise the same alarm at once', async () => {
      const { store, repository, clock } = await migrated();
      const other = open(store, clock);
      const results = await Promise.allSettled([
        repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0), audit('raise', T0, { actor: 'system' })),
        other.createAlarm(newAlarm('AQ-0001', 'pm25', T0), audit('raise', T0, { actor: 'system' })),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(DuplicateActiveAlarmError);
      expect(await repository.listAlarms({ limit: 10 })).toHaveLength(1);
    });

    it('are updated only from the version read, the audit trail growing in order', async () => {
      const { repository } = await migrated(testClock());
      const alarm = await repository.createAlarm(newAlarm('AQ-0001', 'pm25', T0), audit('raise', T0, { actor: 'system' }));
      const acknowledge = (a: Alarm) => ({ ...editable(a), state: 'acknowledged' as const, acknowledgedAtMs: T0 + 30_000, acknowledgedBy: 'operator-li' });
      const acknowledged = await repository.updateAlarm(alarm.id, 1, acknowledge, audit('acknowledge', T0 + 30_000, { from: 'raised', to: 'acknowledged', note: '已通知巡查' }));
      expect(acknowledged).toEqual({
        ok: true,
        value: {
          ...alarm,
          state: 'acknowledged',
          acknowledgedAtMs: T0 + 30_000,
          acknowledgedBy: 'operator-li',
          version: 2,
          audit: [audit('raise', T0, { actor: 'system' }), audit('acknowledge', T0 + 30_000, { from: 'raised', to: 'acknowledged', note: '已通知巡查' })],
        },
      });
      expect(await repository.getAlarm(alarm.id)).toEqual(acknowledged.ok && acknowledged.value);
      expect(await repository.updateAlarm(alarm.id, 1, acknowledge, audit('acknowledge', T0 + 31_000))).toEqual({ ok: false, reason: 'stale' });
      expect(await repository.updateAlarm('ALM-000042', 1, acknowledge, audit('acknowledge', T0))).toEqual({ ok: false, reason: 'missing' });
      expect(await repository.updateAlarm('INC-000001', 1, acknowledge, audit('acknowledge', T0))).toEqual({ ok: false, reason: 'missing' });
      expect((await repository.getAlarm(alarm.id))?.audit).toHaveLength(2);
    });

    it('are listed newest first, open ones being those not cleared or never acknowledged', async () => {
      const { repository } = await migrated();
      const make = async (sensorId: string, raisedAtMs: number, state: Alarm['state'], acknowledged: boolean) => {
        const alarm = await repository.createAlarm(newAlarm(sensorId, 'pm25', raisedAtMs), audit('raise', raisedAtMs));
        if (state === 'raised' && !acknowledged) return alarm;
        const result = await repository.updateAlarm(
          alarm.id,
          1,
          (a) => ({ ...editable(a), state, ...(acknowledged ? { acknowledgedAtMs: raisedAtMs + 1, acknowledgedBy: 'operator-li' } : {}) }),
          audit(state, raisedAtMs + 1),
        );
        if (!result.ok) throw new Error(result.reason);
        return result.value;
      };
      const clearedSeen = await make('AQ-0001', T0 + 1, 'cleared', true);
      const raised = await make('AQ-0002', T0 + 4, 'raised', false);
      const clearedUnseen = await make('AQ-0003', T0 + 2, 'cleared', false);
      const acknowledged = await make('AQ-0004', T0 + 3, 'acknowledged', true);

      expect(await repository.listAlarms({ limit: 10 })).toEqual([raised, acknowledged, clearedUnseen, clearedSeen]);
      expect(await repository.listAlarms({ open: true, limit: 10 })).toEqual([raised, acknowledged, clearedUnseen]);
      expect(await repository.listAlarms({ open: true, limit: 2 })).toEqual([raised, acknowledged]);
      expect(await repository.listAlarms({ sensorId: 'AQ-0001', limit: 10 })).toEqual([clearedSeen]);
      expect(await repository.listAlarms({ sensorId: 'AQ-0001', open: true, limit: 10 })).toEqual([]);
    });
  });
}
