import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testSensor } from '../../test-support/sensorFixtures.js';
import { SensorDirectory } from './sensorDirectory.js';

describe('sensor directory', () => {
  const air = testSensor('AQ-0001', { externalIds: ['urn:ngsi-ld:AirQualityObserved:Pengcheng-AQ-1', 'Datastreams(8)'] });
  const noise = testSensor('NS-0001', { kind: 'noise', externalIds: ['urn:ngsi-ld:NoiseLevelObserved:N1'] });

  it('finds sensors by id and by any of their external ids, exactly', () => {
    const directory = new SensorDirectory([air, noise]);
    expect(directory.get('AQ-0001')).toBe(air);
    expect(directory.resolveExternal('Datastreams(8)')).toBe(air);
    expect(directory.resolveExternal('urn:ngsi-ld:NoiseLevelObserved:N1')).toBe(noise);
    expect(directory.resolveExternal('datastreams(8)')).toBeUndefined();
    expect(directory.resolveExternal('AQ-0001')).toBeUndefined();
    expect(directory.get('aq-0001')).toBeUndefined();
    expect(directory.list()).toEqual([air, noise]);
    expect(directory.size).toBe(2);
  });

  it('knows nothing of object built-ins, whatever the id', () => {
    const directory = new SensorDirectory([air]);
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'), fc.string()), (id) => {
        expect(directory.get(id)).toBeUndefined();
        expect(directory.resolveExternal(id)).toBeUndefined();
      }),
    );
  });

  it('swaps the whole registry at once', () => {
    const directory = new SensorDirectory([air]);
    directory.replace([noise]);
    expect(directory.get('AQ-0001')).toBeUndefined();
    expect(directory.resolveExternal('Datastreams(8)')).toBeUndefined();
    expect(directory.get('NS-0001')).toBe(noise);
  });

  it('refuses ambiguous registries, naming the ids, and keeps the old one', () => {
    const directory = new SensorDirectory([air]);
    expect(() => directory.replace([noise, testSensor('NS-0001')])).toThrow('duplicate sensor ids: NS-0001');
    expect(() => directory.replace([noise, testSensor('NS-0002', { externalIds: ['urn:ngsi-ld:NoiseLevelObserved:N1'] })])).toThrow(
      'external ids claimed by more than one sensor: urn:ngsi-ld:NoiseLevelObserved:N1',
    );
    expect(directory.list()).toEqual([air]);
    expect(() => new SensorDirectory([testSensor('AQ-0002', { externalIds: ['x', 'x'] })])).not.toThrow();
  });
});
