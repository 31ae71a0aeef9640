import { quantitySpec, type StoredObservation } from '@pengcheng/protocol';
import type { Reading, Rejection, SensorLookup } from './ingestTypes.js';
import { describeValue } from './formats/jsonValue.js';
import { checkObservationTime } from './observationTime.js';
import { convertUnit } from './unitConversion.js';

export interface ReadingChecks {
  readonly sensors: SensorLookup;
  readonly nowMs: number;
  readonly futureSkewMs: number;
}

export type CheckedObservation = Omit<StoredObservation, 'source' | 'receivedAtMs'>;
export type ValidatedReading = { readonly ok: true; readonly observation: CheckedObservation } | ({ readonly ok: false } & Rejection);

const MAX_VALUES = 32;

function refuse(reason: Rejection['reason'], message: string): ValidatedReading {
  return { ok: false, reason, message };
}

/** Conversions leave float noise (0.005 S/m → 50.00000000000001 µS/cm); twelve digits are plenty. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * The checks every reading passes whatever its format: a registered sensor, a sane time, and
 * for each value a quantity of the sensor's kind, a finite number, a unit we can convert to the
 * quantity's, and a physically possible magnitude.
 */
export function validateReading(reading: Reading, { sensors, nowMs, futureSkewMs }: ReadingChecks): ValidatedReading {
  const sensor = sensors.get(reading.sensorId);
  if (!sensor) return refuse('unknown_sensor', `No sensor ${describeValue(reading.sensorId)} is registered.`);
  const late = checkObservationTime(reading.timeMs, nowMs, futureSkewMs);
  if (late) return { ok: false, ...late };
  if (reading.values.length === 0) return refuse('invalid', 'An observation needs at least one value.');
  if (reading.values.length > MAX_VALUES) return refuse('invalid', `An observation carries at most ${MAX_VALUES} values.`);

  const values: Record<string, number> = {};
  for (const { quantity, value, unit } of reading.values) {
    const spec = quantitySpec(sensor.kind, quantity);
    if (!spec) return refuse('unknown_quantity', `${sensor.id} (${sensor.kind}) does not report ${describeValue(quantity)}.`);
    if (Object.hasOwn(values, quantity)) return refuse('invalid', `${quantity} is given twice.`);
    if (!Number.isFinite(value)) return refuse('non_finite', `${quantity} is ${describeValue(value)}: values must be finite numbers.`);
    const converted = unit === undefined ? value : convertUnit(value, unit, spec.unit);
    if (converted === undefined) return refuse('wrong_unit', `${quantity} is measured in ${spec.unit}; ${describeValue(unit)} cannot be converted to it.`);
    if (!Number.isFinite(converted)) return refuse('non_finite', `${quantity} overflows when converted to ${spec.unit}.`);
    const stored = converted === value ? value : tidy(converted);
    if (stored < spec.min || stored > spec.max) {
      return refuse('out_of_range', `${quantity} = ${stored} ${spec.unit} is outside the possible ${spec.min}…${spec.max} ${spec.unit}: a faulty reading.`);
    }
    values[quantity] = stored;
  }
  return { ok: true, observation: { sensorId: sensor.id, timeMs: reading.timeMs, values, quality: reading.quality } };
}
