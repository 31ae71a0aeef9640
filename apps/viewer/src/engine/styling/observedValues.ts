/**
 * What the loaded features hold, per property: numeric bounds and a few distinct values, and
 * how often each string occurs. The schema rarely states bounds, and class breaks and legends
 * should show what is there, so the layers sample features as their tiles load.
 */
export interface ObservedProperty {
  /** Features sampled that lacked a value (no data, or a class without the property). */
  readonly missing: number;
  readonly numbers: {
    readonly count: number;
    readonly min: number;
    readonly max: number;
    readonly integers: boolean;
    /** Up to DISTINCT_NUMBERS_CAP values; `undefined` once there were more. */
    readonly distinct: ReadonlySet<number> | undefined;
  };
  /** Counts by value; `overflow` once more than DISTINCT_STRINGS_CAP values were seen. */
  readonly strings: ReadonlyMap<string, number>;
  readonly stringsOverflow: boolean;
  readonly booleans: { readonly true: number; readonly false: number };
}

export const DISTINCT_NUMBERS_CAP = 16;
export const DISTINCT_STRINGS_CAP = 64;

interface MutableProperty {
  missing: number;
  numbers: { count: number; min: number; max: number; integers: boolean; distinct: Set<number> | undefined };
  strings: Map<string, number>;
  stringsOverflow: boolean;
  booleans: { true: number; false: number };
}

export interface ObservedValues {
  add(property: string, value: unknown): void;
  get(property: string): ObservedProperty | undefined;
  /** Bumped on every change, so a caller can tell whether to rebuild what it derived. */
  readonly revision: number;
}

function empty(): MutableProperty {
  return {
    missing: 0,
    numbers: { count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, integers: true, distinct: new Set() },
    strings: new Map(),
    stringsOverflow: false,
    booleans: { true: 0, false: 0 },
  };
}

export function createObservedValues(): ObservedValues {
  const properties = new Map<string, MutableProperty>();
  let revision = 0;
  return {
    add(property, value) {
      let entry = properties.get(property);
      if (!entry) {
        entry = empty();
        properties.set(property, entry);
      }
      revision++;
      const number = typeof value === 'bigint' ? Number(value) : value;
      if (typeof number === 'number') {
        if (!Number.isFinite(number)) {
          entry.missing++;
          return;
        }
        const n = entry.numbers;
        n.count++;
        n.min = Math.min(n.min, number);
        n.max = Math.max(n.max, number);
        n.integers &&= Number.isInteger(number);
        if (n.distinct && !n.distinct.has(number)) {
          if (n.distinct.size >= DISTINCT_NUMBERS_CAP) n.distinct = undefined;
          else n.distinct.add(number);
        }
      } else if (typeof value === 'string') {
        const seen = entry.strings.get(value);
        if (seen !== undefined) entry.strings.set(value, seen + 1);
        else if (entry.strings.size < DISTINCT_STRINGS_CAP) entry.strings.set(value, 1);
        else entry.stringsOverflow = true;
      } else if (typeof value === 'boolean') {
        entry.booleans[value ? 'true' : 'false']++;
      } else {
        entry.missing++;
      }
    },
    get: (property) => properties.get(property),
    get revision() {
      return revision;
    },
  };
}
