import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ApiError, IngestResponse, type IngestRejectReason } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEARER, createIngestHarness, repositoryState, type IngestHarness } from '../../test-support/ingest/ingestFixtures.js';

/**
 * The bad-input corpus: every request here must be refused with its reason and status, change
 * nothing in the repository (current values and history), reach no hook, and be counted in
 * `ingest_rejected_total` under its reason.
 */
const NOW = Date.parse('2026-06-01T08:00:00+08:00');
const MAX_BODY = 64 * 1024;
const AN_HOUR_AGO = new Date(NOW - 3_600_000).toISOString();

interface Case {
  readonly name: string;
  readonly body: string | Buffer;
  readonly status: number;
  readonly reason: IngestRejectReason;
  readonly headers?: Record<string, string | undefined>;
  /** Refused as a whole (the error body) rather than item by item (an IngestResponse); implied by a status other than 422. */
  readonly whole?: true;
}

const json = (value: unknown) => JSON.stringify(value);
const observation = (patch: Record<string, unknown> = {}, value: Record<string, unknown> = {}) => ({
  sensorId: 'AQS-0001',
  time: AN_HOUR_AGO,
  values: [{ quantity: 'pm25', value: 35, unit: 'ug/m3', ...value }],
  ...patch,
});
const ours = (patch: Record<string, unknown> = {}, value: Record<string, unknown> = {}) => json({ observations: [observation(patch, value)] });
/** A keyValues AirQualityObserved for AQS-0001 with `patch` applied. */
const airEntity = (patch: Record<string, unknown> = {}) =>
  json({ id: 'urn:ngsi-ld:AirQualityObserved:Madrid-AmbientObserved-28079004-2016-03-15T11:00:00', type: 'AirQualityObserved', dateObserved: AN_HOUR_AGO, pm25: 20, ...patch });
const alert = (patch: Record<string, unknown> = {}) =>
  json({ id: 'urn:ngsi-ld:Alert:x1', type: 'Alert', category: 'traffic', severity: 'high', dateIssued: AN_HOUR_AGO, location: { type: 'Point', coordinates: [117.28, 34.2] }, ...patch });
const sta = (patch: Record<string, unknown> = {}) => json({ phenomenonTime: AN_HOUR_AGO, result: 21.5, Datastream: { '@iot.id': 8 }, ...patch });
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

const CASES: readonly Case[] = [
  // Who and what: refused before the body is read.
  { name: 'no API key', body: ours(), status: 401, reason: 'unauthorized', headers: { authorization: undefined } },
  { name: 'an unknown API key', body: ours(), status: 401, reason: 'unauthorized', headers: { authorization: 'Bearer not-a-key-of-ours-0123456789' } },
  { name: 'the key under another scheme', body: ours(), status: 401, reason: 'unauthorized', headers: { authorization: BEARER.replace('Bearer', 'Basic') } },
  { name: 'text/plain', body: ours(), status: 415, reason: 'unsupported_media_type', headers: { 'content-type': 'text/plain' } },
  { name: 'XML', body: '<observations/>', status: 415, reason: 'unsupported_media_type', headers: { 'content-type': 'application/xml' } },
  { name: 'no content type', body: ours(), status: 415, reason: 'unsupported_media_type', headers: { 'content-type': undefined } },
  { name: 'JSON in Latin-1', body: ours(), status: 415, reason: 'unsupported_media_type', headers: { 'content-type': 'application/json; charset=iso-8859-1' } },
  { name: 'an unknown content encoding', body: ours(), status: 415, reason: 'unsupported_media_type', headers: { 'content-encoding': 'compress' } },
  // Size.
  { name: 'a body over the limit', body: json({ observations: [observation({ pad: 'x'.repeat(MAX_BODY) })] }), status: 413, reason: 'payload_too_large' },
  { name: 'a gzip bomb', body: gzipSync(Buffer.from(`{"observations":[${' '.repeat(MAX_BODY * 8)}]}`)), status: 413, reason: 'payload_too_large', headers: { 'content-encoding': 'gzip' } },
  { name: 'more items than a request may carry', body: json({ observations: Array.from({ length: 5001 }, () => 0) }), status: 413, reason: 'payload_too_large' },
  // Not JSON, or hostile JSON.
  { name: 'truncated JSON', body: '{"observations": [', status: 400, reason: 'malformed_json' },
  { name: 'an empty body', body: '', status: 400, reason: 'malformed_json' },
  { name: 'invalid UTF-8', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), status: 400, reason: 'malformed_json' },
  { name: 'NaN as a JSON literal', body: ours().replace('"value":35', '"value":NaN'), status: 400, reason: 'malformed_json' },
  { name: '30 000 nested arrays', body: nested(30_000), status: 400, reason: 'too_deep' },
  { name: '33 nested objects', body: `${'{"a":'.repeat(33)}1${'}'.repeat(33)}`, status: 400, reason: 'too_deep' },
  { name: 'a __proto__ key', body: '{"__proto__": {"admin": true}, "observations": []}', status: 400, reason: 'forbidden_key' },
  { name: 'an escaped __proto__ key', body: '{"observations": [{"\\u005f_proto__": {}}]}', status: 400, reason: 'forbidden_key' },
  { name: 'constructor.prototype', body: '{"constructor": {"prototype": {"polluted": 1}}}', status: 400, reason: 'forbidden_key' },
  { name: 'a nested constructor key', body: json({ observations: [observation({ constructor: 1 })] }), status: 400, reason: 'forbidden_key' },
  { name: 'a prototype key', body: json({ observations: [observation({}, { prototype: {} })] }), status: 400, reason: 'forbidden_key' },
  // Parsable, but no format of ours.
  { name: 'a number', body: '42', status: 422, reason: 'unknown_format', whole: true },
  { name: 'null', body: 'null', status: 422, reason: 'unknown_format', whole: true },
  { name: 'an empty object', body: '{}', status: 422, reason: 'unknown_format', whole: true },
  { name: 'a list of strings', body: '["a", "b"]', status: 422, reason: 'unknown_format', whole: true },
  { name: 'our format sent as JSON-LD', body: ours(), status: 422, reason: 'unknown_format', headers: { 'content-type': 'application/ld+json' }, whole: true },
  { name: 'observations that are not a list', body: '{"observations": "pm25=35"}', status: 422, reason: 'invalid', whole: true },
  { name: 'no observations', body: '{"observations": []}', status: 422, reason: 'invalid', whole: true },
  // Our format, item by item.
  { name: 'an unknown sensor', body: ours({ sensorId: 'AQS-9999' }), status: 422, reason: 'unknown_sensor' },
  { name: 'a __proto__ sensor id', body: ours({ sensorId: '__proto__' }), status: 422, reason: 'unknown_sensor' },
  { name: 'a constructor sensor id', body: ours({ sensorId: 'constructor' }), status: 422, reason: 'unknown_sensor' },
  { name: 'a sensor id that is a number', body: ours({ sensorId: 42 }), status: 422, reason: 'invalid' },
  { name: 'a quantity the kind does not report', body: ours({}, { quantity: 'laeq', unit: 'dB(A)' }), status: 422, reason: 'unknown_quantity' },
  { name: 'a quantity named toString', body: ours({}, { quantity: 'toString' }), status: 422, reason: 'unknown_quantity' },
  { name: 'a unit that is not the quantity\'s', body: ours({}, { unit: 'dB(A)' }), status: 422, reason: 'wrong_unit' },
  { name: 'no unit', body: ours({}, { unit: undefined }), status: 422, reason: 'wrong_unit' },
  { name: '1e400', body: ours().replace('"value":35', '"value":1e400'), status: 422, reason: 'non_finite' },
  { name: '-1e400', body: ours().replace('"value":35', '"value":-1e400'), status: 422, reason: 'non_finite' },
  { name: '"NaN"', body: ours({}, { value: 'NaN' }), status: 422, reason: 'non_finite' },
  { name: '"Infinity"', body: ours({}, { value: 'Infinity' }), status: 422, reason: 'non_finite' },
  { name: 'a value that overflows in conversion', body: ours({}, { value: 1e306, unit: 'mg/m3' }), status: 422, reason: 'non_finite' },
  { name: 'a value as a string', body: ours({}, { value: '35' }), status: 422, reason: 'invalid' },
  { name: 'a null value', body: ours({}, { value: null }), status: 422, reason: 'invalid' },
  { name: 'an impossible PM2.5', body: ours({}, { value: 2500 }), status: 422, reason: 'out_of_range' },
  { name: 'a negative concentration', body: ours({}, { value: -1 }), status: 422, reason: 'out_of_range' },
  { name: 'a quantity given twice', body: json({ observations: [{ ...observation(), values: [observation().values[0], observation().values[0]] }] }), status: 422, reason: 'invalid' },
  { name: 'no values', body: ours({ values: [] }), status: 422, reason: 'invalid' },
  { name: 'an unknown quality', body: ours({ quality: 'great' }), status: 422, reason: 'invalid' },
  { name: 'no time', body: ours({ time: undefined }), status: 422, reason: 'bad_timestamp' },
  { name: 'a time without a zone', body: ours({ time: '2026-06-01T07:00:00' }), status: 422, reason: 'bad_timestamp' },
  { name: 'the 30th of February', body: ours({ time: '2026-02-30T07:00:00Z' }), status: 422, reason: 'bad_timestamp' },
  { name: 'epoch milliseconds instead of ISO', body: ours({ time: NOW - 60_000 }), status: 422, reason: 'bad_timestamp' },
  { name: 'a device clock never set (1970)', body: ours({ time: '1970-01-01T00:00:00Z' }), status: 422, reason: 'bad_timestamp' },
  { name: 'an hour in the future', body: ours({ time: new Date(NOW + 3_600_000).toISOString() }), status: 422, reason: 'future_timestamp' },
  // NGSI-LD.
  { name: 'an entity type we do not ingest', body: json({ id: 'urn:ngsi-ld:Building:1', type: 'Building', height: 3 }), status: 422, reason: 'unknown_format' },
  { name: 'an entity no sensor names', body: json({ id: 'urn:ngsi-ld:AirQualityObserved:nobody', type: 'AirQualityObserved', dateObserved: AN_HOUR_AGO, pm25: 1 }), status: 422, reason: 'unknown_sensor' },
  { name: 'an entity of another kind\'s model', body: json({ id: 'urn:ngsi-ld:Device:gauge-9', type: 'AirQualityObserved', dateObserved: AN_HOUR_AGO, pm25: 1, refDevice: 'urn:ngsi-ld:Device:gauge-9' }), status: 422, reason: 'unknown_quantity' },
  { name: 'an entity with no attribute we store', body: airEntity({ pm25: undefined, tsp: 73.3 }), status: 422, reason: 'unknown_quantity' },
  { name: 'a longitude of 200', body: airEntity({ location: { type: 'Point', coordinates: [200, 34.2] } }), status: 422, reason: 'coordinates_out_of_range' },
  { name: 'a latitude of −91 in a line', body: airEntity({ location: { type: 'LineString', coordinates: [[117.2, 34.2], [117.3, -91]] } }), status: 422, reason: 'coordinates_out_of_range' },
  { name: 'a location of 1e400', body: airEntity({ location: { type: 'Point', coordinates: [117.2, 34.2] } }).replace(',34.2]', ',1e400]'), status: 422, reason: 'coordinates_out_of_range' },
  { name: 'coordinates as strings', body: airEntity({ location: { type: 'Point', coordinates: ['117.2', '34.2'] } }), status: 422, reason: 'invalid' },
  { name: 'a unitCode we cannot convert', body: airEntity({ pm25: { type: 'Property', value: 20, unitCode: '59' } }), status: 422, reason: 'wrong_unit' },
  { name: 'normalized "NaN"', body: airEntity({ pm25: { type: 'Property', value: 'NaN' } }), status: 422, reason: 'non_finite' },
  { name: 'an unparsable observedAt', body: airEntity({ pm25: { type: 'Property', value: 20, observedAt: 'yesterday' } }), status: 422, reason: 'bad_timestamp' },
  { name: 'an entity observed tomorrow', body: airEntity({ dateObserved: new Date(NOW + 86_400_000).toISOString() }), status: 422, reason: 'future_timestamp' },
  { name: 'an Alert off the globe', body: alert({ location: { type: 'Point', coordinates: [181, 0] } }), status: 422, reason: 'coordinates_out_of_range' },
  { name: 'an Alert without a location', body: alert({ location: undefined }), status: 422, reason: 'invalid' },
  { name: 'an Alert of unknown severity', body: alert({ severity: 'apocalyptic' }), status: 422, reason: 'invalid' },
  { name: 'an Alert issued next year', body: alert({ dateIssued: '2027-06-01T00:00:00Z' }), status: 422, reason: 'future_timestamp' },
  // SensorThings.
  { name: 'an unmapped Datastream', body: sta({ Datastream: { '@iot.id': 77 } }), status: 422, reason: 'unknown_sensor' },
  { name: 'a Datastream of a many-quantity sensor mapped as a whole', body: sta({ Datastream: { '@iot.id': 10 } }), status: 422, reason: 'unknown_quantity' },
  { name: 'a Datastream id that is an object', body: sta({ Datastream: { '@iot.id': { $gt: 0 } } }), status: 422, reason: 'invalid' },
  { name: 'a text result', body: sta({ result: 'warm' }), status: 422, reason: 'invalid' },
  { name: 'an impossible water temperature', body: sta({ result: 99 }), status: 422, reason: 'out_of_range' },
  { name: 'a phenomenonTime interval ending in the future', body: sta({ phenomenonTime: `${AN_HOUR_AGO}/2027-01-01T00:00:00Z` }), status: 422, reason: 'future_timestamp' },
];

let harness: IngestHarness;
let server: Server;
let url: string;

beforeAll(async () => {
  harness = await createIngestHarness({ nowMs: NOW, maxBodyBytes: MAX_BODY });
  server = harness.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/observations`;
  // Something to leave unchanged: current values and history for several sensors.
  const seed = {
    observations: [
      observation({ time: new Date(NOW - 7_200_000).toISOString() }),
      observation({ time: AN_HOUR_AGO }, { value: 40 }),
      { sensorId: 'NOI-0001', time: AN_HOUR_AGO, values: [{ quantity: 'laeq', value: 55, unit: 'dB(A)' }] },
      { sensorId: 'WQS-0002', time: AN_HOUR_AGO, values: [{ quantity: 'temperature', value: 18, unit: 'Cel' }] },
    ],
  };
  const seeded = await post(json(seed), {});
  expect(seeded.status).toBe(200);
  expect(await harness.repository.latestObservations()).toHaveLength(3);
  harness.hooked.length = 0;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await harness.close();
});

async function post(body: string | Buffer, headers: Record<string, string | undefined>): Promise<{ status: number; body: unknown }> {
  const merged: Record<string, string | undefined> = { authorization: BEARER, 'content-type': 'application/json', ...headers };
  const sent = Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const response = await fetch(url, { method: 'POST', headers: sent, body });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('the bad-input corpus', () => {
  it('has at least 30 cases and covers every reason', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.reason)).size).toBe(16);
  });

  it.each(CASES)('refuses $name: $status $reason, changing nothing', async ({ body, status, reason, headers, whole }) => {
    const before = await repositoryState(harness.repository);
    const counted = await harness.metric('ingest_rejected_total', { reason });

    const response = await post(body, headers ?? {});

    expect(response.status).toBe(status);
    if (whole || status !== 422) {
      expect(ApiError.parse(response.body).error.code).toBe(reason);
    } else {
      const answer = IngestResponse.parse(response.body);
      expect(answer.items).toHaveLength(1);
      expect(answer.items[0]).toMatchObject({ status: 'rejected', reason, message: expect.any(String) });
      expect(answer).toMatchObject({ stored: 0, history: 0, duplicates: 0, rejected: 1, incidents: [] });
    }
    expect(await repositoryState(harness.repository)).toEqual(before);
    expect(harness.hooked).toEqual([]);
    expect(harness.incidents).toEqual([]);
    expect(await harness.metric('ingest_rejected_total', { reason })).toBe(counted + 1);
  });
});
