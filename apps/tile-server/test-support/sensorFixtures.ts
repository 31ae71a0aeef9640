import { Sensor } from '@pengcheng/protocol';

/** A valid sensor for tests: a public air-quality station unless told otherwise. */
export function testSensor(id: string, overrides: Partial<Sensor> = {}): Sensor {
  return Sensor.parse({
    id,
    kind: 'air_quality',
    name: { zh: '空气质量监测站', en: 'air quality station' },
    position: { lon: 117.2784, lat: 34.205, height: 4 },
    asset: { kind: 'smart_pole', id: 'POLE-0001' },
    thresholds: [{ quantity: 'pm25', direction: 'above', warning: 75, alarm: 150, hysteresis: 5 }],
    externalIds: [],
    public: true,
    ...overrides,
  });
}
