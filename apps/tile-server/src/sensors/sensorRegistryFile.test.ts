import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSensor } from '../../test-support/sensorFixtures.js';
import { loadSensorRegistry, SensorRegistryError } from './sensorRegistryFile.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'pengcheng-sensors-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function registryFile(name: string, content: unknown): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('the sensor registry file', () => {
  it('loads { sensors: [...] } with the protocol defaults filled in', async () => {
    const { externalIds: _externalIds, ...withoutExternal } = testSensor('WL-0001', { kind: 'water_level', public: true });
    const file = await registryFile('ok.json', { sensors: [testSensor('AQ-0001'), withoutExternal] });
    const sensors = await loadSensorRegistry(file);
    expect(sensors.map((sensor) => sensor.id)).toEqual(['AQ-0001', 'WL-0001']);
    expect(sensors[1]?.externalIds).toEqual([]);
  });

  it.each([
    ['not JSON', '{"sensors": [', /is not valid JSON/],
    ['a __proto__ key', '{"sensors": [], "__proto__": {"polluted": true}}', /__proto__/],
    ['no sensors list', { devices: [] }, /sensors: /],
    ['a bad id', { sensors: [{ ...testSensor('AQ-0001'), id: 'aq 1' }] }, /sensors\.0\.id: asset id must look like/],
    ['a latitude out of range', { sensors: [{ ...testSensor('AQ-0001'), position: { lon: 117, lat: 95 } }] }, /sensors\.0\.position\.lat/],
    ['an unknown kind', { sensors: [{ ...testSensor('AQ-0001'), kind: 'weather' }] }, /sensors\.0\.kind/],
    ['a repeated id', { sensors: [testSensor('AQ-0001'), testSensor('AQ-0002'), testSensor('AQ-0001')] }, /duplicate sensor ids: AQ-0001$/],
    [
      'an external id on two sensors',
      { sensors: [testSensor('AQ-0001', { externalIds: ['urn:x:1', 'urn:x:2'] }), testSensor('AQ-0002', { externalIds: ['urn:x:2'] })] },
      /external ids claimed by more than one sensor: urn:x:2$/,
    ],
  ])('with %s is refused with a reason naming the file', async (name, content, reason) => {
    const file = await registryFile(`${name.replaceAll(' ', '-')}.json`, content);
    const failure = loadSensorRegistry(file);
    await expect(failure).rejects.toBeInstanceOf(SensorRegistryError);
    await expect(failure).rejects.toThrow(`sensors file ${file}`);
    await expect(failure).rejects.toThrow(reason);
  });

  it('that is missing is refused by name', async () => {
    const file = path.join(folder, 'absent.json');
    await expect(loadSensorRegistry(file)).rejects.toThrow(`sensors file ${file} does not exist`);
  });

  it('of the district, as committed, loads: public sensors for kiosks and others only for staff', async () => {
    const sensors = await loadSensorRegistry(fileURLToPath(new URL('../../../../assets/source/sensors.json', import.meta.url)));
    expect(sensors.length).toBeGreaterThan(100);
    expect(sensors.some((sensor) => sensor.public)).toBe(true);
    expect(sensors.some((sensor) => !sensor.public)).toBe(true);
  });
});
