import { describe, expect, it } from 'vitest';
import { TEST_SENSORS } from '../../test-support/ingest/ingestFixtures.js';
import { SensorDirectory } from '../sensors/sensorDirectory.js';
import type { ReadingValue } from './ingestTypes.js';
import { validateReading } from './validateReading.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const checks = { sensors: new SensorDirectory(TEST_SENSORS), nowMs: NOW, futureSkewMs: 300_000 };
const check = (sensorId: string, values: ReadingValue[]) => validateReading({ sensorId, timeMs: NOW - 1000, values, quality: 'good' }, checks);

describe('unit conversion into the quantity units', () => {
  it.each([
    ['AQS-0001', { quantity: 'pm25', value: 0.035, unit: 'mg/m3' }, { pm25: 35 }],
    ['AQS-0001', { quantity: 'co', value: 1200, unit: 'ug/m3' }, { co: 1.2 }],
    ['WQS-0001', { quantity: 'temperature', value: 293.15, unit: 'K' }, { temperature: 20 }],
    ['WQS-0001', { quantity: 'temperature', value: 68, unit: '[degF]' }, { temperature: 20 }],
    ['WQS-0001', { quantity: 'conductivity', value: 0.005, unit: 'S/m' }, { conductivity: 50 }],
    ['POL-0002', { quantity: 'humidity', value: 0.54, unit: '1' }, { humidity: 54 }],
    ['WLV-0001', { quantity: 'depth', value: 0.35, unit: 'm' }, { depth: 35 }],
    ['NOI-0001', { quantity: 'laeq', value: 61, unit: 'dB' }, { laeq: 61 }],
  ] as const)('%s %j', (sensorId, value, stored) => {
    expect(check(sensorId, [value])).toMatchObject({ ok: true, observation: { values: stored } });
  });

  it('checks the range after converting', () => {
    expect(check('AQS-0001', [{ quantity: 'pm25', value: 3, unit: 'mg/m3' }])).toMatchObject({ ok: false, reason: 'out_of_range', message: expect.stringContaining('3000 ug/m3') });
  });

  it('takes a value without a unit in the quantity unit', () => {
    expect(check('AQS-0001', [{ quantity: 'pm25', value: 12 }])).toMatchObject({ ok: true, observation: { values: { pm25: 12 } } });
  });
});
