import type { Alarm, SensorKind } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIFELINES, lifelineOf, lifelineStates, type Lifeline, type LifelineStatus } from './lifelines.js';

type OpenAlarm = Pick<Alarm, 'sensorId' | 'quantity' | 'level' | 'state'>;

const sensors = new Map<string, { kind: SensorKind }>([
  ['GAS-1', { kind: 'gas_concentration' }],
  ['MH-1', { kind: 'manhole_cover' }],
  ['PP-1', { kind: 'pipe_pressure' }],
  ['PF-1', { kind: 'pipe_flow' }],
  ['WQ-1', { kind: 'water_quality' }],
  ['WL-1', { kind: 'water_level' }],
  ['BS-1', { kind: 'bridge_strain' }],
  ['BT-1', { kind: 'bridge_tilt' }],
  ['AQ-1', { kind: 'air_quality' }],
]);
const QUANTITY: Partial<Record<SensorKind, string[]>> = { manhole_cover: ['gas', 'tilt'], gas_concentration: ['ch4'], pipe_pressure: ['pressure'], pipe_flow: ['flow'], water_quality: ['ph'], water_level: ['depth'], bridge_strain: ['strain'], bridge_tilt: ['tilt'], air_quality: ['aqi'] };

const statusOf = (alarms: OpenAlarm[]) => Object.fromEntries(lifelineStates(alarms, sensors).map((s) => [s.lifeline, s.status])) as Record<Lifeline, LifelineStatus>;

describe('lifelineOf', () => {
  it('places each lifeline sensor kind, and a manhole cover only for the gas in its well', () => {
    expect(lifelineOf('gas_concentration', 'ch4')).toBe('gas');
    expect(lifelineOf('manhole_cover', 'gas')).toBe('gas');
    expect(lifelineOf('manhole_cover', 'tilt')).toBeUndefined();
    for (const kind of ['pipe_pressure', 'pipe_flow', 'water_quality'] as const) expect(lifelineOf(kind, 'x')).toBe('waterSupply');
    expect(lifelineOf('water_level', 'depth')).toBe('drainage');
    expect(lifelineOf('bridge_strain', 'strain')).toBe('bridges');
    expect(lifelineOf('bridge_tilt', 'tilt')).toBe('bridges');
    for (const kind of ['air_quality', 'noise', 'parking_occupancy', 'smart_pole_environment', 'traffic_detector'] as const) expect(lifelineOf(kind, 'x')).toBeUndefined();
  });
});

describe('lifelineStates', () => {
  it('is normal everywhere without alarms, and counts the sensors watching each lifeline', () => {
    const states = lifelineStates([], sensors);
    expect(states.map((s) => s.lifeline)).toEqual([...LIFELINES]);
    expect(states.every((s) => s.status === 'normal')).toBe(true);
    expect(Object.fromEntries(states.map((s) => [s.lifeline, s.sensors]))).toEqual({ gas: 2, waterSupply: 3, drainage: 1, bridges: 2 });
  });

  it('turns a lifeline red for an alarm and amber for a warning, leaving the others normal', () => {
    expect(statusOf([{ sensorId: 'GAS-1', quantity: 'ch4', level: 'alarm', state: 'raised' }, { sensorId: 'WL-1', quantity: 'depth', level: 'warning', state: 'acknowledged' }])).toEqual({
      gas: 'alarm',
      waterSupply: 'normal',
      drainage: 'warning',
      bridges: 'normal',
    });
  });

  it('ignores cleared alarms, a cover tilt, air quality and sensors it does not know', () => {
    expect(
      statusOf([
        { sensorId: 'BS-1', quantity: 'strain', level: 'alarm', state: 'cleared' },
        { sensorId: 'MH-1', quantity: 'tilt', level: 'alarm', state: 'raised' },
        { sensorId: 'AQ-1', quantity: 'aqi', level: 'alarm', state: 'raised' },
        { sensorId: 'NOPE-1', quantity: 'ch4', level: 'alarm', state: 'raised' },
      ]),
    ).toEqual({ gas: 'normal', waterSupply: 'normal', drainage: 'normal', bridges: 'normal' });
  });

  it('is always the worst level among the open alarms of that lifeline’s sensors', () => {
    const placed = [...sensors].flatMap(([sensorId, { kind }]) => (QUANTITY[kind] ?? []).map((quantity) => ({ sensorId, quantity, kind })));
    const alarm = fc.record({
      at: fc.constantFrom(...placed),
      level: fc.constantFrom('warning' as const, 'alarm' as const),
      state: fc.constantFrom('raised' as const, 'acknowledged' as const, 'cleared' as const),
    });
    fc.assert(
      fc.property(fc.array(alarm, { maxLength: 30 }), (drawn) => {
        const alarms: OpenAlarm[] = drawn.map(({ at, level, state }) => ({ sensorId: at.sensorId, quantity: at.quantity, level, state }));
        const rank = { normal: 0, warning: 1, alarm: 2 } as const;
        for (const state of lifelineStates(alarms, sensors)) {
          const levels = drawn.filter((a) => a.state !== 'cleared' && lifelineOf(a.at.kind, a.at.quantity) === state.lifeline).map((a) => a.level);
          const worst = levels.reduce<LifelineStatus>((w, level) => (rank[level] > rank[w] ? level : w), 'normal');
          expect(state.status).toBe(worst);
          expect(state.warnings + state.alarms).toBe(levels.length);
        }
      }),
    );
  });
});
