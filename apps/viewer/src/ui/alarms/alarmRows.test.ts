import type { Alarm, Sensor } from '@pengcheng/protocol';
import { UNITS } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import zhCN from '../../i18n/locales/zh-CN.alarms.json';
import {
  ageSince,
  arrivals,
  awaitsAcknowledgement,
  breachDirection,
  countAlarms,
  formatAge,
  formatReading,
  localName,
  rowState,
  UNIT_KEYS,
  visibleAlarms,
  type AlarmFilter,
} from './alarmRows.js';

function alarm(overrides: Partial<Alarm> & Pick<Alarm, 'id'>): Alarm {
  return {
    sensorId: 'SEN-GAS-0001',
    quantity: 'ch4',
    level: 'alarm',
    state: 'raised',
    threshold: 25,
    peakValue: 31,
    lastValue: 28,
    raisedAtMs: 1_700_000_000_000,
    version: 1,
    audit: [],
    ...overrides,
  };
}

const arbitraryAlarm = fc
  .record({
    n: fc.integer({ min: 0, max: 999_999 }),
    level: fc.constantFrom('warning' as const, 'alarm' as const),
    state: fc.constantFrom('raised' as const, 'acknowledged' as const, 'cleared' as const),
    acknowledged: fc.boolean(),
    // A narrow range, so equal raise times (ties) are common.
    raisedAtMs: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ n, level, state, acknowledged, raisedAtMs }) =>
    alarm({
      id: `ALM-${String(n).padStart(6, '0')}`,
      level,
      state,
      raisedAtMs,
      ...(state === 'acknowledged' || (state === 'cleared' && acknowledged) ? { acknowledgedAtMs: raisedAtMs + 1, acknowledgedBy: 'op1' } : {}),
    }),
  );
const arbitraryAlarms = fc.uniqueArray(arbitraryAlarm, { selector: (a) => a.id, maxLength: 40 });
const arbitraryFilter: fc.Arbitrary<AlarmFilter> = fc.record({ level: fc.constantFrom('all' as const, 'alarm' as const), unacknowledgedOnly: fc.boolean() });

describe('the alarm list rows', () => {
  it('are newest first and hold exactly the alarms that match the filter, whatever order the hub sent', () => {
    fc.assert(
      fc.property(arbitraryAlarms, arbitraryFilter, (alarms, filter) => {
        const rows = visibleAlarms(alarms, filter);
        for (let i = 1; i < rows.length; i += 1) expect((rows[i - 1] as Alarm).raisedAtMs).toBeGreaterThanOrEqual((rows[i] as Alarm).raisedAtMs);
        const matches = (a: Alarm) => (filter.level === 'all' || a.level === 'alarm') && (!filter.unacknowledgedOnly || awaitsAcknowledgement(a));
        expect(rows.map((a) => a.id).sort()).toEqual(alarms.filter(matches).map((a) => a.id).sort());
      }),
    );
  });

  it('come out in the same order from any arrival order, so rows raised together do not swap', () => {
    fc.assert(
      fc.property(arbitraryAlarms, arbitraryFilter, fc.integer(), (alarms, filter, seed) => {
        const shuffled = [...alarms].sort((a, b) => ((a.id.charCodeAt(4) * seed) % 7) - ((b.id.charCodeAt(4) * seed) % 7));
        expect(visibleAlarms(shuffled, filter).map((a) => a.id)).toEqual(visibleAlarms(alarms, filter).map((a) => a.id));
      }),
    );
  });

  it('ask for acknowledgement while raised, and after clearing if nobody acknowledged', () => {
    expect(rowState(alarm({ id: 'ALM-1' }))).toBe('raised');
    expect(rowState(alarm({ id: 'ALM-2', state: 'acknowledged', acknowledgedAtMs: 5, acknowledgedBy: 'op1' }))).toBe('acknowledged');
    expect(rowState(alarm({ id: 'ALM-3', state: 'cleared', clearedAtMs: 9 }))).toBe('clearedUnacknowledged');
    expect(rowState(alarm({ id: 'ALM-4', state: 'cleared', clearedAtMs: 9, acknowledgedAtMs: 5 }))).toBe('cleared');
    const filtered = visibleAlarms(
      [alarm({ id: 'ALM-1' }), alarm({ id: 'ALM-2', state: 'acknowledged', acknowledgedAtMs: 5 }), alarm({ id: 'ALM-3', state: 'cleared', clearedAtMs: 9 })],
      { level: 'all', unacknowledgedOnly: true },
    );
    expect(filtered.map((a) => a.id).sort()).toEqual(['ALM-1', 'ALM-3']);
  });

  it('count every open alarm by level for the summary, filter or not', () => {
    const alarms = [
      alarm({ id: 'ALM-1' }),
      alarm({ id: 'ALM-2', level: 'warning' }),
      alarm({ id: 'ALM-3', level: 'warning', state: 'acknowledged', acknowledgedAtMs: 1 }),
    ];
    expect(countAlarms(alarms)).toEqual({ total: 3, alarm: 1, warning: 2, unacknowledged: 2 });
    fc.assert(
      fc.property(arbitraryAlarms, (all) => {
        const counts = countAlarms(all);
        expect(counts.alarm + counts.warning).toBe(all.length);
        expect(counts.unacknowledged).toBe(visibleAlarms(all, { level: 'all', unacknowledgedOnly: true }).length);
        expect(counts.alarm).toBe(visibleAlarms(all, { level: 'alarm', unacknowledgedOnly: false }).length);
      }),
    );
  });
});

describe('how long ago an alarm was raised', () => {
  const now = 1_700_000_000_000;

  it('reads in the largest whole unit, in the UI language', () => {
    expect(formatAge('zh-CN', ageSince(now, now))).toBe('现在');
    expect(formatAge('en', ageSince(now, now - 45_000))).toBe('45 seconds ago');
    expect(formatAge('zh-CN', ageSince(now, now - 3 * 60_000 - 59_000))).toBe('3分钟前');
    expect(formatAge('en', ageSince(now, now - 5 * 3_600_000))).toBe('5 hours ago');
    expect(formatAge('en', ageSince(now, now - 50 * 3_600_000))).toBe('2 days ago');
  });

  it('never says "in 3 seconds" when the server clock is a little ahead', () => {
    expect(ageSince(now, now + 3_000)).toEqual({ value: 0, unit: 'second' });
  });

  it('only grows as time passes', () => {
    const order = ['second', 'minute', 'hour', 'day'];
    const seconds = { second: 1, minute: 60, hour: 3600, day: 86_400 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 10 }), fc.integer({ min: 0, max: 10 ** 9 }), (elapsed, later) => {
        const a = ageSince(now + elapsed, now);
        const b = ageSince(now + elapsed + later, now);
        expect(order.indexOf(b.unit)).toBeGreaterThanOrEqual(order.indexOf(a.unit));
        expect(b.value * seconds[b.unit]).toBeGreaterThanOrEqual(a.value * seconds[a.unit]);
      }),
    );
  });
});

describe('row text', () => {
  it('shows readings with decimals by their size, in the UI language', () => {
    expect(formatReading('en', 12_345.6)).toBe('12,346');
    expect(formatReading('en', 56.78)).toBe('56.8');
    expect(formatReading('zh-CN', 0.425)).toBe('0.43');
    expect(formatReading('en', -3.14159)).toBe('-3.14');
  });

  it('has a display form for every unit a sensor can report, except the dimensionless ones', () => {
    const units = (zhCN as { alarms: { units: Record<string, string> } }).alarms.units;
    for (const unit of UNITS) {
      const key = UNIT_KEYS[unit];
      if (unit === '1' || unit === '[pH]') expect(key).toBeUndefined();
      else expect(units[key as string], unit).toBeTruthy();
    }
  });

  it('knows which way the quantity breaches, from the sensor thresholds', () => {
    const sensor = {
      id: 'SEN-WQ-0001',
      kind: 'water_quality',
      name: { zh: '水质监测点', en: 'Water quality station' },
      position: { lon: 117.28, lat: 34.2, height: 0 },
      asset: { kind: 'pipe_node', id: 'PND-000001' },
      thresholds: [{ quantity: 'chlorine', direction: 'below', warning: 0.3, alarm: 0.05, hysteresis: 0.02 }],
      externalIds: [],
      public: false,
    } satisfies Sensor;
    expect(breachDirection(sensor, 'chlorine')).toBe('below');
    expect(breachDirection(sensor, 'ph')).toBeUndefined();
    expect(breachDirection(undefined, 'chlorine')).toBeUndefined();
    expect(localName(sensor.name, 'en')).toBe('Water quality station');
    expect(localName(sensor.name, 'zh-CN')).toBe('水质监测点');
    expect(localName({ zh: '井盖' }, 'en')).toBe('井盖');
  });
});

describe('new alarm highlight', () => {
  it('is for alarms the list has not shown before and that were raised just now', () => {
    const now = 1_000_000;
    const alarms = [alarm({ id: 'ALM-NEW', raisedAtMs: now - 2_000 }), alarm({ id: 'ALM-OLD', raisedAtMs: now - 3_600_000 }), alarm({ id: 'ALM-SEEN', raisedAtMs: now - 1_000 })];
    expect(arrivals(new Set(['ALM-SEEN']), alarms, now, 60_000)).toEqual(['ALM-NEW']);
  });
});
