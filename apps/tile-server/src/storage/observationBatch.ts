import type { ObservationOutcome } from './liveRepository.js';
import type { ObservationRow } from './recordMapping.js';

const keyOf = (sensorId: string, timeMs: number) => `${sensorId}\u0000${timeMs}`;

/** The rows whose sensor and time come first in the batch: later ones are duplicates already. */
export function firstArrivals(rows: readonly ObservationRow[]): ObservationRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = keyOf(row.sensor_id, row.time_ms);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * What storing a batch did to each row, as if the rows had been stored one by one in order:
 * a row not newly inserted is a duplicate; an inserted one is the current value when it is newer
 * than the sensor's current value before it (`latestBefore`, then the batch's own earlier rows).
 * Also returns each sensor's new current value, for the rows that became one.
 */
export function settleBatch(
  rows: readonly ObservationRow[],
  inserted: ReadonlyArray<{ readonly sensor_id: string; readonly time_ms: number }>,
  latestBefore: ReadonlyMap<string, number>,
): { outcomes: ObservationOutcome[]; newLatest: ObservationRow[] } {
  const fresh = new Set(inserted.map((row) => keyOf(row.sensor_id, row.time_ms)));
  const latest = new Map(latestBefore);
  const newLatest = new Map<string, ObservationRow>();
  const outcomes = rows.map((row): ObservationOutcome => {
    const key = keyOf(row.sensor_id, row.time_ms);
    // Only the first row with a key can be the inserted one.
    if (!fresh.delete(key)) return 'duplicate';
    const current = latest.get(row.sensor_id);
    if (current !== undefined && row.time_ms <= current) return 'history';
    latest.set(row.sensor_id, row.time_ms);
    newLatest.set(row.sensor_id, row);
    return 'stored';
  });
  return { outcomes, newLatest: [...newLatest.values()] };
}
