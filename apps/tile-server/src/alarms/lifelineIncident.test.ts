import type { Alarm, Sensor } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { alarmIncidentTitle, lifelineIncident } from './lifelineIncident.js';

function sensor(kind: Sensor['kind'], asset: Sensor['asset']): Sensor {
  return { id: 'SNS-000001', kind, name: { zh: '云泉路积水监测点' }, position: { lon: 117.26, lat: 34.19, height: 0 }, asset, thresholds: [], externalIds: [], public: false };
}

describe('lifelineIncident', () => {
  it.each([
    ['water_level', { kind: 'low_point', id: 'LWP-001' }, 'depth', 'waterlogging'],
    ['gas_concentration', { kind: 'pipe_segment', id: 'PIPE-GS-000010' }, 'ch4', 'gas_leak'],
    ['manhole_cover', { kind: 'pipe_node', id: 'PN-SW-000003' }, 'gas', 'gas_leak'],
    ['manhole_cover', { kind: 'pipe_node', id: 'PN-SD-000003' }, 'tilt', 'public_facility'],
    ['pipe_pressure', { kind: 'pipe_segment', id: 'PIPE-WS-000120' }, 'pressure', 'water_main_burst'],
    ['pipe_flow', { kind: 'pipe_node', id: 'PN-WS-000042' }, 'flow', 'water_main_burst'],
    ['pipe_pressure', { kind: 'pipe_segment', id: 'PIPE-GS-000007' }, 'pressure', 'gas_leak'],
    ['bridge_strain', { kind: 'bridge', id: 'BRG-001' }, 'strain', 'bridge_risk'],
    ['bridge_tilt', { kind: 'bridge', id: 'BRG-002' }, 'tilt', 'bridge_risk'],
  ] as const)('%s on %o (%s) opens %s', (kind, asset, quantity, category) => {
    expect(lifelineIncident(sensor(kind, asset), quantity)?.category).toBe(category);
  });

  it('rates a gas leak critical and the other lifeline risks high', () => {
    expect(lifelineIncident(sensor('gas_concentration', { kind: 'pipe_segment', id: 'PIPE-GS-000010' }), 'ch4')?.severity).toBe('critical');
    expect(lifelineIncident(sensor('water_level', { kind: 'low_point', id: 'LWP-001' }), 'depth')?.severity).toBe('high');
  });

  it.each([
    ['air_quality', { kind: 'smart_pole', id: 'POLE-000001' }, 'pm25'],
    ['noise', { kind: 'smart_pole', id: 'POLE-000001' }, 'laeq'],
    ['parking_occupancy', { kind: 'parking_lot', id: 'PRK-001' }, 'free'],
    ['pipe_pressure', { kind: 'pipe_segment', id: 'PIPE-TC-000001' }, 'pressure'],
  ] as const)('%s opens no incident', (kind, asset, quantity) => {
    expect(lifelineIncident(sensor(kind, asset), quantity)).toBeUndefined();
  });
});

describe('alarmIncidentTitle', () => {
  it('says where, what and how far past the limit, in Chinese', () => {
    const alarm = { quantity: 'depth', lastValue: 32.5, threshold: 30 } as Alarm;
    expect(alarmIncidentTitle(sensor('water_level', { kind: 'low_point', id: 'LWP-001' }), alarm, 'above')).toBe('云泉路积水监测点：积水深度32.5cm，超过报警值30cm');
    const pressure = { quantity: 'pressure', lastValue: 0.0812345678, threshold: 0.1 } as Alarm;
    expect(alarmIncidentTitle(sensor('pipe_pressure', { kind: 'pipe_segment', id: 'PIPE-WS-000001' }), pressure, 'below')).toBe('云泉路积水监测点：管道压力0.0812346MPa，低于报警值0.1MPa');
  });
});
