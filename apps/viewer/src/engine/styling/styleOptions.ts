import type { MetadataSchemaJson, SchemaProperty, TilesetStatistics } from './metadataSchema.js';
import type { ObservedValues } from './observedValues.js';
import { CATEGORY_PALETTE } from './colourRamps.js';
import { quote } from './styleRule.js';

/** The schema's own words for a property, shown when the app has no translation of its id. */
export interface SchemaText {
  readonly name?: string;
  readonly description?: string;
}

export interface CategoryValue {
  /** What Cesium reports for the feature: the enum value's name, the string, "true"/"false". */
  readonly value: string;
  readonly description?: string;
}

/** A property a layer can be coloured by, read from the schema: no per-dataset code. */
export type StyleOption =
  | {
      readonly kind: 'category';
      readonly property: string;
      readonly text: SchemaText;
      readonly source: 'enum' | 'string' | 'boolean';
      /** In the schema's order (strings: sorted), which fixes each value's palette colour. */
      readonly values: readonly CategoryValue[];
      readonly classes: readonly string[];
    }
  | {
      readonly kind: 'number';
      readonly property: string;
      readonly text: SchemaText;
      readonly integers: boolean;
      /** Bounds the tileset states (statistics or the schema); else the loaded features give them. */
      readonly min?: number;
      readonly max?: number;
      readonly classes: readonly string[];
    };

/** More distinct strings than this and a property is an identifier or a name, not a category. */
export const MAX_CATEGORIES = CATEGORY_PALETTE.length;

const INTEGER_TYPES = new Set(['INT8', 'UINT8', 'INT16', 'UINT16', 'INT32', 'UINT32', 'INT64', 'UINT64']);

function textOf(property: SchemaProperty): SchemaText {
  return { ...(property.name ? { name: property.name } : {}), ...(property.description ? { description: property.description } : {}) };
}

/** A value a style expression can name (see `quote`). */
function expressible(value: string): boolean {
  return quote(value) !== undefined;
}

interface Candidate {
  readonly property: SchemaProperty;
  readonly classes: string[];
  readonly conflict: boolean;
}

function sameKind(a: SchemaProperty, b: SchemaProperty): boolean {
  const numeric = (p: SchemaProperty) => p.type === 'SCALAR';
  return a.type === b.type || (numeric(a) && numeric(b));
}

function statisticsOf(statistics: TilesetStatistics | undefined, classes: readonly string[], property: string) {
  let min: number | undefined;
  let max: number | undefined;
  const occurrences = new Map<string, number>();
  for (const classId of classes) {
    const stats = statistics?.[classId]?.[property];
    if (!stats) continue;
    if (stats.min !== undefined) min = Math.min(min ?? stats.min, stats.min);
    if (stats.max !== undefined) max = Math.max(max ?? stats.max, stats.max);
    for (const [value, count] of Object.entries(stats.occurrences ?? {})) occurrences.set(value, (occurrences.get(value) ?? 0) + count);
  }
  return { min, max, occurrences };
}

/**
 * The properties a tileset can be coloured by: enums, booleans and numeric scalars always;
 * strings only when a handful of distinct values repeat (else they are ids and names).
 * Vectors, matrices and arrays are left out. A property id that several classes share is one
 * option (a style expression names the property, not the class) unless their types disagree.
 */
export function styleOptionsOf(schema: MetadataSchemaJson, observed?: ObservedValues, statistics?: TilesetStatistics): StyleOption[] {
  const candidates = new Map<string, Candidate>();
  for (const [classId, cls] of Object.entries(schema.classes)) {
    for (const [id, property] of Object.entries(cls.properties)) {
      const known = candidates.get(id);
      if (!known) candidates.set(id, { property, classes: [classId], conflict: false });
      else candidates.set(id, { ...known, classes: [...known.classes, classId], conflict: known.conflict || !sameKind(known.property, property) });
    }
  }

  const options: StyleOption[] = [];
  for (const [id, { property, classes, conflict }] of candidates) {
    if (conflict || property.array) continue;
    const text = textOf(property);
    const stats = statisticsOf(statistics, classes, id);
    switch (property.type) {
      case 'ENUM': {
        const names = new Set<string>();
        const values: CategoryValue[] = [];
        for (const classId of classes) {
          const enumType = schema.classes[classId]?.properties[id]?.enumType;
          for (const v of (enumType && schema.enums[enumType]?.values) || []) {
            if (names.has(v.name) || v.name === property.noData || !expressible(v.name)) continue;
            names.add(v.name);
            values.push({ value: v.name, ...(v.description ? { description: v.description } : {}) });
          }
        }
        if (values.length) options.push({ kind: 'category', property: id, text, source: 'enum', values, classes });
        break;
      }
      case 'BOOLEAN':
        options.push({ kind: 'category', property: id, text, source: 'boolean', values: [{ value: 'true' }, { value: 'false' }], classes });
        break;
      case 'STRING': {
        const seen = observed?.get(id);
        const counts = stats.occurrences.size ? stats.occurrences : seen?.strings;
        if (!counts || (counts === seen?.strings && seen.stringsOverflow)) break;
        const values = [...counts.keys()].filter((v) => v !== property.noData && v !== '' && expressible(v)).sort();
        // Categories repeat; ids, names and addresses (nearly) do not.
        const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
        if (values.length >= 2 && values.length <= MAX_CATEGORIES && total >= 2 * values.length) {
          options.push({ kind: 'category', property: id, text, source: 'string', values: values.map((value) => ({ value })), classes });
        }
        break;
      }
      case 'SCALAR': {
        const min = stats.min ?? property.min;
        const max = stats.max ?? property.max;
        const seen = observed?.get(id)?.numbers.count ?? 0;
        if (seen === 0 && (min === undefined || max === undefined)) break;
        const integers = INTEGER_TYPES.has(property.componentType ?? '') && !property.transformed;
        options.push({
          kind: 'number',
          property: id,
          text,
          integers,
          classes,
          ...(min !== undefined ? { min } : {}),
          ...(max !== undefined ? { max } : {}),
        });
        break;
      }
      default:
        break;
    }
  }
  return options;
}
