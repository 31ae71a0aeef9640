import { SENSOR_QUANTITIES, type Sensor } from '@pengcheng/protocol';
import { rejected, type ParseContext, type ParsedItem } from '../ingestTypes.js';
import { readGeometry } from './geoJson.js';
import { parseIsoTime } from './isoTime.js';
import { describeValue, isRecord, own } from './jsonValue.js';
import { readNumber } from './numericValue.js';

const OBSERVATION_KEYS = ['result', 'phenomenonTime', 'resultTime', 'Datastream', '@iot.id'];

/** Whether a body looks like SensorThings Observations (one, a list, or a `{ "value": [...] }` collection). */
export function isSensorThingsBody(body: unknown): boolean {
  const looksLikeObservation = (item: unknown) => isRecord(item) && OBSERVATION_KEYS.some((key) => Object.hasOwn(item, key));
  if (Array.isArray(body)) return body.length > 0 && looksLikeObservation(body[0]);
  if (isRecord(body) && Array.isArray(own(body, 'value')) && !Object.hasOwn(body, 'type')) return true;
  return looksLikeObservation(body);
}

export function sensorThingsItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body as unknown[];
  const collection = isRecord(body) ? own(body, 'value') : undefined;
  return Array.isArray(collection) ? (collection as unknown[]) : [body];
}

const ALL_QUANTITIES = [...new Set(Object.values(SENSOR_QUANTITIES).flatMap((specs) => Object.keys(specs)))];
const DATASTREAM_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The OData key of a Datastream as its URL writes it: `Datastreams(8)` or `Datastreams('a1')`. */
function datastreamKey(id: unknown): string | undefined {
  if (typeof id === 'number') return Number.isSafeInteger(id) && id >= 0 ? `Datastreams(${id})` : undefined;
  if (typeof id !== 'string' || !DATASTREAM_ID.test(id)) return undefined;
  return /^\d+$/.test(id) ? `Datastreams(${Number(id)})` : `Datastreams('${id}')`;
}

type Target = { sensor: Sensor; quantity: string } | { error: ParsedItem };

/**
 * The sensor and quantity a Datastream stands for: `sta:Datastreams(8)` in a single-quantity
 * sensor's externalIds, or `sta:Datastreams(8)/<quantity>` for one quantity of a sensor.
 */
function resolveDatastream(key: string, index: number, { sensors }: ParseContext): Target {
  const whole = sensors.resolveExternal(`sta:${key}`);
  if (whole) {
    const quantities = Object.keys(SENSOR_QUANTITIES[whole.kind]);
    const [only, ...others] = quantities;
    if (only !== undefined && others.length === 0) return { sensor: whole, quantity: only };
    const message = `${key} is mapped to ${whole.id}, which reports ${quantities.join(', ')}: map it to one of them as sta:${key}/<quantity>.`;
    return { error: rejected(index, 'unknown_quantity', message) };
  }
  for (const quantity of ALL_QUANTITIES) {
    const sensor = sensors.resolveExternal(`sta:${key}/${quantity}`);
    if (sensor) return { sensor, quantity };
  }
  return { error: rejected(index, 'unknown_sensor', `No sensor is registered for sta:${key}.`) };
}

/** One SensorThings Observation as a client creates it: `{phenomenonTime, resultTime, result, Datastream: {"@iot.id": 8}}`. */
export function parseSensorThingsObservation(item: unknown, index: number, context: ParseContext): ParsedItem {
  if (!isRecord(item)) return rejected(index, 'invalid', `An Observation must be an object, not ${describeValue(item)}.`);
  const datastream = own(item, 'Datastream');
  if (!isRecord(datastream)) {
    return rejected(index, 'invalid', 'The Datastream is required: {"Datastream": {"@iot.id": 8}} (a server response with only Datastream@iot.navigationLink cannot be ingested).');
  }
  const key = datastreamKey(own(datastream, '@iot.id'));
  if (key === undefined) return rejected(index, 'invalid', `Datastream's @iot.id must be a number or a plain string, not ${describeValue(own(datastream, '@iot.id'))}.`);
  const target = resolveDatastream(key, index, context);
  if ('error' in target) return target.error;

  const result = readNumber(own(item, 'result'), 'result');
  if (!result.ok) return { kind: 'rejected', index, reason: result.reason, message: result.message };
  const time = own(item, 'phenomenonTime') ?? own(item, 'resultTime');
  if (typeof time !== 'string') return rejected(index, 'bad_timestamp', 'An Observation needs a phenomenonTime (or a resultTime).');
  const parsedTime = parseIsoTime(time, context.zonelessOffsetMinutes);
  if (!parsedTime.ok) return rejected(index, 'bad_timestamp', parsedTime.message);

  const feature = own(item, 'FeatureOfInterest');
  if (isRecord(feature) && Object.hasOwn(feature, 'feature')) {
    const place = readGeometry(own(feature, 'feature'));
    if (!place.ok) return rejected(index, place.reason, `FeatureOfInterest: ${place.message}`);
  }
  return {
    kind: 'reading',
    index,
    reading: { sensorId: target.sensor.id, timeMs: parsedTime.timeMs, values: [{ quantity: target.quantity, value: result.value }], quality: 'good' },
  };
}
