import fc from 'fast-check';
import { SENSOR_QUANTITIES, StoredObservation, quantitySpec } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { TEST_SENSORS } from '../../../test-support/ingest/ingestFixtures.js';
import { SensorDirectory } from '../../sensors/sensorDirectory.js';
import type { ParseContext, ParsedItem } from '../ingestTypes.js';
import { EARLIEST_OBSERVATION_MS } from '../observationTime.js';
import { parseSafeJson } from '../safeJson.js';
import { validateReading } from '../validateReading.js';
import { parseNgsiItem } from './ngsi/ngsiLd.js';
import { parseBody, type BodyMediaType } from './parseBody.js';
import { parsePengchengObservation } from './pengcheng.js';
import { parseSensorThingsObservation } from './sensorThings.js';

const NOW = Date.parse('2026-06-01T08:00:00+08:00');
const SKEW = 300_000;
const sensors = new SensorDirectory(TEST_SENSORS);
const context: ParseContext = { sensors, zonelessOffsetMinutes: 480 };
const MEDIA: readonly BodyMediaType[] = ['json', 'ld', 'geo'];

/** Everything a body's items became once checked: what would be stored, and the refusals. */
function ingestOutcome(items: readonly ParsedItem[]) {
  return items.map((item) => (item.kind === 'reading' ? validateReading(item.reading, { sensors, nowMs: NOW, futureSkewMs: SKEW }) : item));
}

/** What any stored observation must satisfy, whatever came in. */
function assertStorable(observation: Omit<StoredObservation, 'source' | 'receivedAtMs'>): void {
  expect(StoredObservation.safeParse({ ...observation, source: 'test', receivedAtMs: NOW }).success).toBe(true);
  const sensor = sensors.get(observation.sensorId);
  if (!sensor) throw new Error(`stored for an unknown sensor ${observation.sensorId}`);
  expect(observation.timeMs).toBeGreaterThanOrEqual(EARLIEST_OBSERVATION_MS);
  expect(observation.timeMs).toBeLessThanOrEqual(NOW + SKEW);
  for (const [quantity, value] of Object.entries(observation.values)) {
    const spec = quantitySpec(sensor.kind, quantity);
    if (!spec) throw new Error(`stored ${quantity}, which ${sensor.kind} sensors do not report`);
    expect(value).toBeGreaterThanOrEqual(spec.min);
    expect(value).toBeLessThanOrEqual(spec.max);
  }
}

describe('parsers, on any JSON value', () => {
  it('never throw, and whatever they let through is storable', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...MEDIA), (value, media) => {
        const parsed = parseBody(value, media, context, 5000);
        if (!parsed.ok) return;
        for (const outcome of ingestOutcome(parsed.items)) if ('ok' in outcome && outcome.ok) assertStorable(outcome.observation);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throw item by item, whichever format is asked', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parsePengchengObservation(value, 0);
        parseSensorThingsObservation(value, 0, context);
        parseNgsiItem(value, 0, context);
      }),
      { numRuns: 2000 },
    );
  });

  it('safe JSON never throws on any bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new TextEncoder().encode(s))), (bytes) => {
        parseSafeJson(bytes, 32);
      }),
      { numRuns: 2000 },
    );
  });

  it('safe JSON reads any JSON within the depth limit exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        const hasForbidden = /"(__proto__|constructor|prototype)":/.test(text);
        const result = parseSafeJson(new TextEncoder().encode(text), 32);
        if (hasForbidden) expect(result).toMatchObject({ ok: false, reason: 'forbidden_key' });
        else expect(result).toEqual({ ok: true, value: JSON.parse(text) });
      }),
    );
  });
});

/** A valid observation in our format for a registered sensor, with values inside their ranges. */
const validObservation = fc
  .constantFrom(...TEST_SENSORS)
  .chain((sensor) =>
    fc.record({
      sensor: fc.constant(sensor),
      values: fc.uniqueArray(
        fc.constantFrom(...Object.entries(SENSOR_QUANTITIES[sensor.kind])).chain(([quantity, spec]) =>
          fc.double({ min: spec.min, max: spec.max, noNaN: true }).map((value) => ({ quantity, value: value === 0 ? 0 : value, unit: spec.unit })),
        ),
        { minLength: 1, selector: (v) => v.quantity },
      ),
      timeMs: fc.integer({ min: EARLIEST_OBSERVATION_MS, max: NOW + SKEW }),
      offsetMinutes: fc.constantFrom(0, 480, -300, 345),
      quality: fc.constantFrom('good', 'suspect', 'bad'),
    }),
  );

function isoAt(timeMs: number, offsetMinutes: number): string {
  const local = new Date(timeMs + offsetMinutes * 60_000).toISOString().slice(0, -1);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('our format', () => {
  it('stores every valid observation exactly as sent', () => {
    fc.assert(
      fc.property(validObservation, ({ sensor, values, timeMs, offsetMinutes, quality }) => {
        const body = JSON.parse(JSON.stringify({ observations: [{ sensorId: sensor.id, time: isoAt(timeMs, offsetMinutes), values, quality }] })) as unknown;
        const parsed = parseBody(body, 'json', context, 5000);
        expect(parsed.ok).toBe(true);
        const [outcome] = parsed.ok ? ingestOutcome(parsed.items) : [];
        expect(outcome).toEqual({ ok: true, observation: { sensorId: sensor.id, timeMs, quality, values: Object.fromEntries(values.map((v) => [v.quantity, v.value])) } });
      }),
    );
  });

  const corruptions = [
    { reason: 'unknown_sensor', apply: (o: Record<string, unknown>) => ({ ...o, sensorId: 'XXX-0000' }) },
    { reason: 'future_timestamp', apply: (o: Record<string, unknown>) => ({ ...o, time: new Date(NOW + SKEW + 1000).toISOString() }) },
    { reason: 'bad_timestamp', apply: (o: Record<string, unknown>) => ({ ...o, time: String(o.time).replace(/(Z|[+-]\d\d:\d\d)$/, '') }) },
    { reason: 'out_of_range', apply: (o: Record<string, unknown>) => ({ ...o, values: [{ ...(o.values as Record<string, unknown>[])[0], value: 1e9 }] }) },
    { reason: 'non_finite', apply: (o: Record<string, unknown>) => ({ ...o, values: [{ ...(o.values as Record<string, unknown>[])[0], value: Infinity }] }) },
    { reason: 'wrong_unit', apply: (o: Record<string, unknown>) => ({ ...o, values: [{ ...(o.values as Record<string, unknown>[])[0], unit: 'furlong' }] }) },
    { reason: 'unknown_quantity', apply: (o: Record<string, unknown>) => ({ ...o, values: [{ ...(o.values as Record<string, unknown>[])[0], quantity: 'valueOf' }] }) },
  ] as const;

  it('refuses a valid observation with any one thing broken, for that reason', () => {
    fc.assert(
      fc.property(validObservation, fc.constantFrom(...corruptions), ({ sensor, values, timeMs, offsetMinutes }, corruption) => {
        const item = corruption.apply({ sensorId: sensor.id, time: isoAt(timeMs, offsetMinutes), values });
        const [outcome] = ingestOutcome([parsePengchengObservation(item, 0)]);
        expect(outcome).toMatchObject({ reason: corruption.reason });
      }),
    );
  });
});

describe('NGSI-LD and SensorThings', () => {
  it('store a keyValues or normalized AirQualityObserved with the values it carries', () => {
    const pollutants = ['pm25', 'pm10', 'no2', 'o3', 'so2'] as const;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...pollutants), { minLength: 1 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.integer({ min: EARLIEST_OBSERVATION_MS, max: NOW }),
        fc.boolean(),
        (names, value, timeMs, normalized) => {
          const attribute = (v: number) => (normalized ? { type: 'Property', value: v, unitCode: 'GQ' } : v);
          const entity = {
            id: 'urn:ngsi-ld:AirQualityObserved:Madrid-AmbientObserved-28079004-2016-03-15T11:00:00',
            type: 'AirQualityObserved',
            dateObserved: normalized ? { type: 'Property', value: { '@type': 'DateTime', '@value': new Date(timeMs).toISOString() } } : new Date(timeMs).toISOString(),
            ...Object.fromEntries(names.map((name) => [name, attribute(value)])),
          };
          const parsed = parseBody(JSON.parse(JSON.stringify(entity)), normalized ? 'ld' : 'json', context, 10);
          const [outcome] = parsed.ok ? ingestOutcome(parsed.items) : [];
          expect(outcome).toEqual({ ok: true, observation: { sensorId: 'AQS-0001', timeMs, quality: 'good', values: Object.fromEntries(names.map((n) => [n, value === 0 ? 0 : value])) } });
        },
      ),
    );
  });

  it('store a SensorThings result in range for its Datastream, and refuse one out of range', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 200, noNaN: true }), fc.integer({ min: EARLIEST_OBSERVATION_MS, max: NOW }), (result, timeMs) => {
        const item = { phenomenonTime: new Date(timeMs).toISOString(), result, Datastream: { '@iot.id': 8 } };
        const [outcome] = ingestOutcome([parseSensorThingsObservation(JSON.parse(JSON.stringify(item)), 0, context)]);
        if (result >= -5 && result <= 60) expect(outcome).toMatchObject({ ok: true, observation: { sensorId: 'WQS-0002', values: { temperature: result === 0 ? 0 : result } } });
        else expect(outcome).toMatchObject({ ok: false, reason: 'out_of_range' });
      }),
    );
  });
});
