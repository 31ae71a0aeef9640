import { quantitySpec, UNITS, type Sensor } from '@pengcheng/protocol';
import { rejected, type ParseContext, type ParsedItem, type ReadingValue, type SensorLookup } from '../../ingestTypes.js';
import { readGeometry } from '../geoJson.js';
import { parseIsoTime } from '../isoTime.js';
import { describeValue } from '../jsonValue.js';
import { readNumber } from '../numericValue.js';
import { ucumOfUnitCode } from '../unitCodes.js';
import type { NgsiEntity } from './ngsiEntity.js';
import { readAttribute, readText } from './ngsiAttributes.js';
import type { ObservedModel } from './observedModels.js';

/** Where an entity says when it was observed, most telling first: the end of the period, then the time. */
const TIME_ATTRIBUTES = ['dateObservedTo', 'dateObserved', 'dateObservedFrom', 'TimeInstant'];
const HOUR_MS = 3_600_000;

/** Ids another system may know the sensor by: the entity id with and without `urn:ngsi-ld:<Type>:`, then refDevice. */
function idCandidates(entity: NgsiEntity): string[] {
  const forms = (id: string, type: string) => {
    const short = /^urn:ngsi-ld:[^:]+:(.+)$/.exec(id)?.[1];
    return short === undefined ? [id, `urn:ngsi-ld:${type}:${id}`] : [id, short];
  };
  const candidates = forms(entity.id, entity.type);
  const refDevice = readAttribute(entity.attributes.get('refDevice')).value;
  for (const ref of Array.isArray(refDevice) ? (refDevice as unknown[]) : [refDevice]) {
    const device = readText(readAttribute(ref).value);
    if (device !== undefined && device.length <= 256) candidates.push(...forms(device, 'Device'));
  }
  return candidates;
}

function resolveSensor(entity: NgsiEntity, sensors: SensorLookup): Sensor | undefined {
  for (const candidate of idCandidates(entity)) {
    const sensor = sensors.resolveExternal(candidate);
    if (sensor) return sensor;
  }
  return undefined;
}

type EntityTime = { ok: true; timeMs?: number; periodMs?: number } | { ok: false; message: string };

function entityTime(entity: NgsiEntity, zone: number): EntityTime {
  const read = (name: string) => {
    const text = readText(readAttribute(entity.attributes.get(name)).value);
    return text === undefined ? undefined : parseIsoTime(text, zone);
  };
  let timeMs: number | undefined;
  for (const name of TIME_ATTRIBUTES) {
    const time = read(name);
    if (time === undefined) continue;
    if (!time.ok) return { ok: false, message: `${name}: ${time.message}` };
    timeMs ??= time.timeMs;
  }
  const from = read('dateObservedFrom');
  const to = read('dateObservedTo');
  const observed = read('dateObserved');
  let periodMs: number | undefined;
  if (from?.ok && to?.ok && to.timeMs > from.timeMs) periodMs = to.timeMs - from.timeMs;
  else if (observed?.ok && observed.startMs !== undefined && observed.timeMs > observed.startMs) periodMs = observed.timeMs - observed.startMs;
  return { ok: true, timeMs, periodMs };
}

function unitOf(unitCode: unknown, fallback: string | undefined): { unit?: string } | { error: string } {
  if (unitCode === undefined) return fallback === undefined ? {} : { unit: fallback };
  const code = typeof unitCode === 'string' ? unitCode : '';
  const unit = ucumOfUnitCode(code) ?? ((UNITS as readonly string[]).includes(code) ? code : undefined);
  return unit === undefined ? { error: `unitCode ${describeValue(unitCode)} is not a UN/CEFACT code we can convert (GQ µg/m³, GP mg/m³, CEL °C, P1 %, KMH km/h, …).` } : { unit };
}

/** A list of untrusted names for a message: each cut short, at most a dozen. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 12).map((name) => (name.length > 80 ? `${name.slice(0, 77)}...` : name));
  return names.length > shown.length ? `${shown.join(', ')} and ${names.length - shown.length} more` : shown.join(', ');
}

/**
 * Readings from an observed-type entity (AirQualityObserved, …) for the sensor it resolves to.
 * Attributes the sensor's kind does not report are left out and named in the item's note;
 * values observed at different times (`observedAt`) become one reading per time.
 */
export function parseObservedEntity(entity: NgsiEntity, model: ObservedModel, index: number, context: ParseContext): ParsedItem[] {
  const sensor = resolveSensor(entity, context.sensors);
  if (!sensor) return [rejected(index, 'unknown_sensor', `No sensor lists ${describeValue(entity.id)} (or its refDevice) in its externalIds.`)];
  if (!model.kinds.includes(sensor.kind)) {
    return [rejected(index, 'unknown_quantity', `${sensor.id} is one of the ${sensor.kind} sensors; ${entity.type} entities report for ${model.kinds.join(' or ')} sensors.`)];
  }
  const location = entity.attributes.get('location');
  if (location !== undefined) {
    const place = readGeometry(readAttribute(location).value);
    if (!place.ok) return [rejected(index, place.reason, place.message)];
  }
  const time = entityTime(entity, context.zonelessOffsetMinutes);
  if (!time.ok) return [rejected(index, 'bad_timestamp', time.message)];

  const byTime = new Map<number, ReadingValue[]>();
  const ignored: string[] = [];
  for (const [name, raw] of entity.attributes) {
    const attribute = readAttribute(raw);
    const mapping = Object.hasOwn(model.attributes, name.toLowerCase()) ? model.attributes[name.toLowerCase()] : undefined;
    if (!mapping || !quantitySpec(sensor.kind, mapping.quantity)) {
      if (typeof attribute.value === 'number') ignored.push(name);
      continue;
    }
    const number = readNumber(attribute.value, name);
    if (!number.ok) return [{ kind: 'rejected', index, reason: number.reason, message: number.message }];
    const unit = unitOf(attribute.unitCode, mapping.unitWithoutCode);
    if ('error' in unit) return [rejected(index, 'wrong_unit', `${name}: ${unit.error}`)];
    let value = number.value;
    if (mapping.perPeriod && attribute.unitCode === undefined) {
      if (time.periodMs === undefined) {
        ignored.push(`${name} (a count needs dateObservedFrom and dateObservedTo to become a rate per hour)`);
        continue;
      }
      value = (value * HOUR_MS) / time.periodMs;
    }
    let timeMs = time.timeMs;
    if (attribute.observedAt !== undefined) {
      const observedAt = readText(attribute.observedAt);
      const parsed = observedAt === undefined ? undefined : parseIsoTime(observedAt, context.zonelessOffsetMinutes);
      if (!parsed?.ok) return [rejected(index, 'bad_timestamp', `${name}.observedAt is not an ISO 8601 date-time.`)];
      timeMs = parsed.timeMs;
    }
    if (timeMs === undefined) return [rejected(index, 'bad_timestamp', `${entity.type} needs a dateObserved (or observedAt on its attributes).`)];
    const values = byTime.get(timeMs) ?? [];
    values.push({ quantity: mapping.quantity, value, ...unit });
    byTime.set(timeMs, values);
  }

  const note = ignored.length > 0 ? `Not stored (not reported by ${sensor.kind} sensors): ${listed(ignored)}.` : undefined;
  if (byTime.size === 0) {
    return [rejected(index, 'unknown_quantity', `None of this ${entity.type}'s attributes is a quantity ${sensor.kind} sensors report.${note ? ` ${note}` : ''}`)];
  }
  return [...byTime].map(([timeMs, values]) => ({
    kind: 'reading' as const,
    index,
    reading: { sensorId: sensor.id, timeMs, values, quality: 'good' as const, ...(note ? { note } : {}) },
  }));
}
