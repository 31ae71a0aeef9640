import { ObservationQuality, QuantityName } from '@pengcheng/protocol';
import { rejected, type ParsedItem, type ReadingValue } from '../ingestTypes.js';
import { parseIsoInstant } from './isoTime.js';
import { describeValue, isRecord, own } from './jsonValue.js';
import { readNumber } from './numericValue.js';

/** Whether a body is in our own format: `{ "observations": [...] }` or one observation. */
export function isPengchengBody(body: unknown): boolean {
  return isRecord(body) && (Object.hasOwn(body, 'observations') || Object.hasOwn(body, 'sensorId'));
}

/** The items of a body in our format; a body that is neither shape is one refused item. */
export function pengchengItems(body: unknown): unknown[] | undefined {
  if (!isRecord(body)) return undefined;
  if (Object.hasOwn(body, 'observations')) {
    const list = own(body, 'observations');
    return Array.isArray(list) ? (list as unknown[]) : undefined;
  }
  return [body];
}

/** One `Observation` (packages/protocol/src/live/observations.ts), checked field by field so each refusal says why. */
export function parsePengchengObservation(item: unknown, index: number): ParsedItem {
  if (!isRecord(item)) return rejected(index, 'invalid', `An observation must be an object like {"sensorId","time","values"}, not ${describeValue(item)}.`);
  const sensorId = own(item, 'sensorId');
  if (typeof sensorId !== 'string') return rejected(index, 'invalid', 'sensorId must be a string.');
  const time = own(item, 'time');
  if (typeof time !== 'string') return rejected(index, 'bad_timestamp', 'time must be an ISO 8601 string with a zone, like 2026-12-01T08:00:00+08:00.');
  const parsedTime = parseIsoInstant(time, undefined);
  if (!parsedTime.ok) return rejected(index, 'bad_timestamp', parsedTime.message);
  const quality = own(item, 'quality') ?? 'good';
  const checkedQuality = ObservationQuality.safeParse(quality);
  if (!checkedQuality.success) return rejected(index, 'invalid', `quality must be good, suspect or bad, not ${describeValue(quality)}.`);

  const list = own(item, 'values');
  if (!Array.isArray(list) || list.length === 0) return rejected(index, 'invalid', 'values must be a non-empty list of {quantity, value, unit}.');
  const values: ReadingValue[] = [];
  for (const entry of list as unknown[]) {
    if (!isRecord(entry)) return rejected(index, 'invalid', 'each value must be an object {quantity, value, unit}.');
    const quantity = own(entry, 'quantity');
    const unit = own(entry, 'unit');
    if (typeof quantity !== 'string') return rejected(index, 'invalid', 'each value needs a quantity name.');
    if (!QuantityName.safeParse(quantity).success) return rejected(index, 'unknown_quantity', `${describeValue(quantity)} is not a quantity name (like pm25 or laeq).`);
    if (typeof unit !== 'string') return rejected(index, 'wrong_unit', `${quantity} needs its unit, like "ug/m3".`);
    const value = readNumber(own(entry, 'value'), quantity);
    if (!value.ok) return { kind: 'rejected', index, reason: value.reason, message: value.message };
    values.push({ quantity, value: value.value, unit });
  }
  return { kind: 'reading', index, reading: { sensorId, timeMs: parsedTime.timeMs, values, quality: checkedQuality.data } };
}
