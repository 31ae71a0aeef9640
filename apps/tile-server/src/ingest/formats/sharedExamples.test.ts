import request from 'supertest';
import { IngestResponse } from '@pengcheng/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BEARER, createIngestHarness, readShared, type IngestHarness } from '../../../test-support/ingest/ingestFixtures.js';

/** The real, upstream examples in ../shared/data, posted as a data source would post them. */
let harness: IngestHarness;
beforeEach(async () => {
  harness = await createIngestHarness();
});
afterEach(async () => harness.close());

async function post(file: string, contentType: string): Promise<{ status: number; body: IngestResponse }> {
  const response = await request(harness.app).post('/api/v1/observations').set('Authorization', BEARER).set('Content-Type', contentType).send((await readShared(file)).toString('utf8'));
  return { status: response.status, body: IngestResponse.parse(response.body) };
}

function mediaTypeOf(file: string): string {
  return file.endsWith('.jsonld') ? 'application/ld+json' : file.includes('geojsonfeature') ? 'application/geo+json' : 'application/json';
}

async function latest(sensorId: string) {
  const [observation] = await harness.repository.latestObservations([sensorId]);
  return observation;
}

const AIR = ['example.json', 'example.jsonld', 'example-normalized.json', 'example-normalized.jsonld', 'example-geojsonfeature.json'];

describe('NGSI-LD AirQualityObserved (FIWARE examples)', () => {
  it.each(AIR)('%s is stored for the sensor its entity id names, zone-less dateObserved read as +08:00', async (file) => {
    const { status, body } = await post(`ngsi-ld/AirQualityObserved/${file}`, mediaTypeOf(file));
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'ngsi-ld', stored: 1, rejected: 0 });
    const stored = await latest('AQS-0001');
    // 2016-03-15T11:00:00 at +08:00; the GeoJSON form's interval …11:00/…12:00 stands for its end.
    expect(stored?.timeMs).toBe(Date.parse(file.includes('geojson') ? '2016-03-15T12:00:00+08:00' : '2016-03-15T11:00:00+08:00'));
    expect(stored?.values).toMatchObject({ co: 500, so2: 11, aqi: 65 });
    expect(stored?.source).toBe('city-brain');
    // The odd attributes (a non-integer tsp, pm4, charge) and those an air sensor does not report are named, not stored.
    expect(body.items[0]).toMatchObject({ status: 'stored', message: expect.stringContaining('temperature') });
    expect(Object.keys(stored?.values ?? {})).not.toContain('temperature');
  });

  it('converts GP (mg/m³) and GQ (µg/m³) unit codes into the quantity units', async () => {
    await post('ngsi-ld/AirQualityObserved/example-normalized.jsonld', 'application/ld+json');
    expect((await latest('AQS-0001'))?.values).toEqual({ co: 500, no2: 69, so2: 11, aqi: 65 });
  });
});

describe('NGSI-LD NoiseLevelObserved', () => {
  it.each(['example.json', 'example.jsonld', 'example-normalized.json', 'example-normalized.jsonld', 'example-geojsonfeature.json'])(
    '%s stores LAeq and LAmax at the end of the observed period',
    async (file) => {
      const { status } = await post(`ngsi-ld/NoiseLevelObserved/${file}`, mediaTypeOf(file));
      expect(status).toBe(200);
      const stored = await latest('NOI-0001');
      expect(stored).toMatchObject({ timeMs: Date.parse('2016-12-28T12:00:00Z'), values: { laeq: 67.8, lamax: 94.5 } });
    },
  );
});

describe('NGSI-LD TrafficFlowObserved', () => {
  it.each(['example.json', 'example.jsonld', 'example-normalized.json', 'example-normalized.jsonld'])(
    '%s: 197 vehicles in 5 minutes are 2364 per hour, occupancy 0.76 is 76 %%',
    async (file) => {
      const { status } = await post(`ngsi-ld/TrafficFlowObserved/${file}`, mediaTypeOf(file));
      expect(status).toBe(200);
      const stored = await latest('TFD-0001');
      expect(stored).toMatchObject({ timeMs: Date.parse('2016-12-07T11:15:00Z'), values: { intensity: 2364, occupancy: 76, speed: 52.6 } });
    },
  );
});

describe('NGSI-LD WaterQualityObserved', () => {
  it.each(['example.json', 'example.jsonld', 'example-normalized.json', 'example-normalized.jsonld', 'example-geojsonfeature.json'])(
    '%s stores pH, conductivity and temperature',
    async (file) => {
      const { status } = await post(`ngsi-ld/WaterQualityObserved/${file}`, mediaTypeOf(file));
      expect(status).toBe(200);
      const stored = await latest('WQS-0001');
      expect(stored).toMatchObject({ timeMs: Date.parse('2017-01-31T06:45:00Z'), values: { ph: 7.4, conductivity: 0.005, temperature: 24.4 } });
    },
  );
});

describe('NGSI-LD Alert', () => {
  it.each(['example.json', 'example.jsonld', 'example-1.json', 'example-normalized.json', 'example-normalized.jsonld', 'example-geojsonfeature.json'])(
    '%s opens a high-severity traffic incident at its location',
    async (file) => {
      const { status, body } = await post(`ngsi-ld/Alert/${file}`, mediaTypeOf(file));
      expect(status).toBe(200);
      expect(body.incidents).toEqual(['INC-000001']);
      expect(body.items[0]).toEqual({ index: 0, status: 'incident', incidentId: 'INC-000001' });
      const [{ input, actor }] = harness.incidents as [IngestHarness['incidents'][number]];
      expect(actor).toBe('city-brain');
      expect(input).toMatchObject({ category: 'traffic', severity: 'high', title: 'The road is completely blocked for 3kms', place: { lon: -3.712247222222222, lat: 40.423852777777775 } });
    },
  );

  it('maps a camera alert (security, informational) to a low "other" incident linked to the sensor its alertSource names', async () => {
    await post('ngsi-ld/Alert/example-2.json', 'application/json');
    expect(harness.incidents[0]?.input).toMatchObject({ category: 'other', severity: 'low', linkedSensors: ['GAS-0001'] });
  });

  it('places an alert over an area at the middle of the area', async () => {
    await post('ngsi-ld/Alert/example-agriAlert.json', 'application/json');
    const place = harness.incidents[0]?.input.place;
    expect(place?.lon).toBeCloseTo(22.522058, 5);
    expect(place?.lat).toBeCloseTo(39.398396, 5);
  });
});

describe('OGC SensorThings (GOST recordings)', () => {
  it('stores the create request for the sensor quantity Datastreams(8) is mapped to', async () => {
    const { status, body } = await post('sensorthings/gost-playground/Observation.create-request.json', 'application/json');
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'sensorthings', stored: 1 });
    expect(await latest('WQS-0002')).toMatchObject({ timeMs: Date.parse('2016-05-09T11:04:15.790Z'), values: { temperature: 38 } });
  });

  it('refuses the recorded server response, which names no Datastream', async () => {
    const { status, body } = await post('sensorthings/gost-playground/Observation.response.json', 'application/json');
    expect(status).toBe(422);
    expect(body.items[0]).toMatchObject({ status: 'rejected', reason: 'invalid', message: expect.stringContaining('Datastream is required') });
    expect(await harness.repository.latestObservations()).toEqual([]);
  });
});
