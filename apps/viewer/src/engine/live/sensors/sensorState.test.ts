import type { Alarm, StoredObservation, Threshold } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STALE_MS, severityOf, sensorState, sensorStates, thresholdLevel, type SensorState } from './sensorState.js';

const NOW = Date.UTC(2026, 11, 1, 8);

const thresholdArb: fc.Arbitrary<Threshold> = fc
  .record({
    direction: fc.constantFrom('above' as const, 'below' as const),
    a: fc.integer({ min: -1000, max: 1000 }),
    gap: fc.integer({ min: 1, max: 500 }),
    which: fc.constantFrom('both', 'warning', 'alarm'),
  })
  .map(({ direction, a, gap, which }) => {
    const warning = a;
    const alarm = direction === 'above' ? a + gap : a - gap;
    return {
      quantity: 'depth',
      direction,
      hysteresis: 0,
      ...(which !== 'alarm' ? { warning } : {}),
      ...(which !== 'warning' ? { alarm } : {}),
    };
  });

const readingArb = (value: fc.Arbitrary<number>): fc.Arbitrary<StoredObservation> =>
  fc.record({
    value,
    ageMs: fc.integer({ min: 0, max: DEFAULT_STALE_MS }),
    quality: fc.constantFrom('good' as const, 'suspect' as const),
  }).map(({ value: v, ageMs, quality }) => ({ sensorId: 's1', timeMs: NOW - ageMs, values: { depth: v }, quality, source: 'simulator', receivedAtMs: NOW - ageMs }));

type AlarmPart = Pick<Alarm, 'sensorId' | 'level' | 'state'>;
const alarmArb: fc.Arbitrary<AlarmPart> = fc.record({
  sensorId: fc.constantFrom('s1', 's2'),
  level: fc.constantFrom('warning' as const, 'alarm' as const),
  state: fc.constantFrom('raised' as const, 'acknowledged' as const, 'cleared' as const),
});

const maybeReading = fc.option(readingArb(fc.integer({ min: -2000, max: 2000 })), { nil: undefined });

describe('sensorState', () => {
  it('adding an alarm never makes the state better', () => {
    fc.assert(
      fc.property(fc.array(thresholdArb, { maxLength: 3 }), maybeReading, fc.array(alarmArb, { maxLength: 4 }), alarmArb, (thresholds, reading, alarms, extra) => {
        const sensor = { id: 's1', thresholds };
        const before = sensorState(sensor, reading, alarms, NOW);
        const after = sensorState(sensor, reading, [...alarms, extra], NOW);
        expect(severityOf(after)).toBeGreaterThanOrEqual(severityOf(before));
      }),
    );
  });

  it('a fresh value past the alarm level is an alarm whatever else', () => {
    fc.assert(
      fc.property(
        thresholdArb.filter((t) => t.alarm !== undefined),
        fc.integer({ min: 0, max: 500 }),
        fc.array(thresholdArb, { maxLength: 2 }),
        fc.array(alarmArb, { maxLength: 4 }),
        readingArb(fc.constant(0)),
        (threshold, past, others, alarms, reading) => {
          const level = threshold.alarm ?? 0;
          const value = threshold.direction === 'above' ? level + past : level - past;
          const breaching = { ...reading, values: { depth: value } };
          expect(sensorState({ id: 's1', thresholds: [...others, threshold] }, breaching, alarms, NOW)).toBe('alarm');
        },
      ),
    );
  });

  it('a value between the warning and the alarm level is a warning, without alarms', () => {
    expect(thresholdLevel({ quantity: 'depth', direction: 'above', warning: 10, alarm: 30, hysteresis: 2 }, 10)).toBe('warning');
    expect(thresholdLevel({ quantity: 'depth', direction: 'above', warning: 10, alarm: 30, hysteresis: 2 }, 9.9)).toBe('normal');
    expect(thresholdLevel({ quantity: 'pressure', direction: 'below', warning: 0.2, alarm: 0.1, hysteresis: 0 }, 0.15)).toBe('warning');
    expect(thresholdLevel({ quantity: 'pressure', direction: 'below', warning: 0.2, alarm: 0.1, hysteresis: 0 }, 0.1)).toBe('alarm');
  });

  it('is offline without a reading, with a stale one or a bad one, unless an alarm is open', () => {
    const sensor = { id: 's1', thresholds: [] };
    const reading = (ageMs: number, quality: StoredObservation['quality'] = 'good'): StoredObservation => ({
      sensorId: 's1', timeMs: NOW - ageMs, values: { depth: 1 }, quality, source: 'mqtt', receivedAtMs: NOW,
    });
    expect(sensorState(sensor, undefined, [], NOW)).toBe('offline');
    expect(sensorState(sensor, reading(DEFAULT_STALE_MS + 1), [], NOW)).toBe('offline');
    expect(sensorState(sensor, reading(60_000), [], NOW, { staleMs: 30_000 })).toBe('offline');
    expect(sensorState(sensor, reading(0, 'bad'), [], NOW)).toBe('offline');
    expect(sensorState(sensor, reading(0, 'suspect'), [], NOW)).toBe('normal');
    expect(sensorState(sensor, undefined, [{ sensorId: 's1', level: 'warning', state: 'acknowledged' }], NOW)).toBe('warning');
  });

  it('ignores cleared alarms and other sensors\u2019 alarms', () => {
    const sensor = { id: 's1', thresholds: [] };
    const fresh: StoredObservation = { sensorId: 's1', timeMs: NOW, values: {}, quality: 'good', source: 'mqtt', receivedAtMs: NOW };
    expect(sensorState(sensor, fresh, [{ sensorId: 's1', level: 'alarm', state: 'cleared' }, { sensorId: 's2', level: 'alarm', state: 'raised' }], NOW)).toBe('normal');
  });

  it('sensorStates agrees with sensorState for every sensor', () => {
    fc.assert(
      fc.property(fc.array(thresholdArb, { maxLength: 2 }), maybeReading, fc.array(alarmArb, { maxLength: 5 }), (thresholds, reading, alarms) => {
        const sensors = [{ id: 's1', thresholds }, { id: 's2', thresholds }];
        const readings = new Map(reading ? [['s1', reading]] : []);
        const all = sensorStates(sensors, readings, alarms, NOW);
        for (const sensor of sensors) expect(all.get(sensor.id)).toBe<SensorState>(sensorState(sensor, readings.get(sensor.id), alarms, NOW));
      }),
    );
  });
});
