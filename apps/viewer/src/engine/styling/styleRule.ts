import { niceClassBreaks } from './classBreaks.js';
import { categoryColour, NO_DATA_COLOUR, OTHER_COLOUR, rampColours } from './colourRamps.js';
import type { ObservedProperty } from './observedValues.js';
import type { SchemaText, StyleOption } from './styleOptions.js';

/** One row of a legend; words are left to the UI (it knows the language). */
export type LegendItem =
  | { readonly kind: 'category'; readonly value: string; readonly description?: string }
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'range'; readonly from: number; readonly to: number }
  | { readonly kind: 'other' }
  | { readonly kind: 'noData' };

export interface LegendEntry {
  /** `#rrggbb`. */
  readonly colour: string;
  readonly item: LegendItem;
}

/** What a styled layer shows, as data: the UI labels it, the screenshot draws it. */
export interface Legend {
  readonly layerId: string;
  readonly property: string;
  readonly text: SchemaText;
  readonly entries: readonly LegendEntry[];
}

/** A 3D Tiles style's colour conditions, first match wins; the last condition is `true`. */
export interface StyleRule {
  readonly property: string;
  readonly conditions: readonly (readonly [expression: string, colour: string])[];
  readonly entries: readonly LegendEntry[];
}

/** Numeric data with this few distinct values gets one class per value (0/1 flags, floors). */
export const MAX_DISCRETE_VALUES = 7;
export const RAMP_CLASSES = 5;

/**
 * A Cesium expression string literal, or undefined for a value no literal can hold. Cesium
 * keeps backslashes as they are (no escapes), so a value may not hold both kinds of quote, a
 * line break, `${` (read as a variable) or `@#%` (Cesium's own stand-in for a backslash).
 */
export function quote(value: string): string | undefined {
  if (value.includes('${') || value.includes('@#%') || /[\r\n]/.test(value)) return undefined;
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return undefined;
}

/** A number as an expression literal; the shortest exact text, which the parser reads back (exponents too). */
function literal(value: number): string {
  return String(value);
}

function categoryRule(option: Extract<StyleOption, { kind: 'category' }>, observed: ObservedProperty | undefined): StyleRule {
  const variable = `\${${option.property}}`;
  const literalOf = (value: string) => (option.source === 'boolean' ? value : quote(value));
  const values = option.values.filter(({ value }) => literalOf(value) !== undefined);
  const seen = option.source === 'boolean' ? booleanCounts(observed) : observed?.strings;
  const hasSeen = seen !== undefined && seen.size > 0;
  const conditions: [string, string][] = [[`${variable} === undefined`, NO_DATA_COLOUR]];
  const entries: LegendEntry[] = [];
  values.forEach(({ value, description }, index) => {
    const colour = categoryColour(index);
    if (colour === OTHER_COLOUR) return;
    conditions.push([`${variable} === ${literalOf(value) ?? ''}`, colour]);
    if (!hasSeen || seen.has(value)) entries.push({ colour, item: { kind: 'category', value, ...(description ? { description } : {}) } });
  });
  conditions.push(['true', OTHER_COLOUR]);
  const coloured = new Set(values.slice(0, conditions.length - 2).map((v) => v.value));
  const others = hasSeen ? [...seen.keys()].some((v) => !coloured.has(v)) || (observed?.stringsOverflow ?? false) : option.values.length > coloured.size;
  if (others) entries.push({ colour: OTHER_COLOUR, item: { kind: 'other' } });
  if (!observed || observed.missing > 0) entries.push({ colour: NO_DATA_COLOUR, item: { kind: 'noData' } });
  return { property: option.property, conditions, entries };
}

function booleanCounts(observed: ObservedProperty | undefined): ReadonlyMap<string, number> | undefined {
  if (!observed) return undefined;
  const counts = new Map<string, number>();
  if (observed.booleans.true) counts.set('true', observed.booleans.true);
  if (observed.booleans.false) counts.set('false', observed.booleans.false);
  return counts;
}

function numberRule(option: Extract<StyleOption, { kind: 'number' }>, observed: ObservedProperty | undefined): StyleRule | undefined {
  const numbers = observed && observed.numbers.count > 0 ? observed.numbers : undefined;
  const min = option.min ?? numbers?.min;
  const max = option.max ?? numbers?.max;
  if (min === undefined || max === undefined || max < min) return undefined;
  const variable = `\${${option.property}}`;
  const conditions: [string, string][] = [[`${variable} === undefined`, NO_DATA_COLOUR]];
  const entries: LegendEntry[] = [];

  const distinct = numbers?.distinct ? [...numbers.distinct].sort((a, b) => a - b) : undefined;
  if (distinct && distinct.length <= MAX_DISCRETE_VALUES && option.min === undefined && option.max === undefined) {
    // One class per value seen; values never seen fall to the nearest by the midpoints.
    const colours = rampColours(distinct.length);
    distinct.forEach((value, i) => {
      const colour = colours[i] ?? OTHER_COLOUR;
      const next = distinct[i + 1];
      const middle = next === undefined ? undefined : (value + next) / 2;
      // Neighbours one float apart have no midpoint between them: split at the upper one.
      const split = middle !== undefined && next !== undefined && middle > value && middle < next ? middle : next;
      conditions.push([split === undefined ? 'true' : `${variable} < ${literal(split)}`, colour]);
      entries.push({ colour, item: { kind: 'value', value } });
    });
  } else {
    const { breaks } = niceClassBreaks(min, max, RAMP_CLASSES, option.integers && (numbers?.integers ?? true));
    const colours = rampColours(breaks.length + 1);
    const bounds = [min, ...breaks, max];
    for (let i = 0; i <= breaks.length; i++) {
      const colour = colours[i] ?? OTHER_COLOUR;
      const upper = breaks[i];
      conditions.push([upper === undefined ? 'true' : `${variable} < ${literal(upper)}`, colour]);
      entries.push({ colour, item: { kind: 'range', from: bounds[i] ?? min, to: bounds[i + 1] ?? max } });
    }
  }
  if (!observed || observed.missing > 0) entries.push({ colour: NO_DATA_COLOUR, item: { kind: 'noData' } });
  return { property: option.property, conditions, entries };
}

/**
 * The colours for a style option: a palette colour per category (fixed by the category's place
 * in the schema, so a colour means the same value whatever is loaded), or a ramp over nice
 * class breaks for numbers. Features without the value come first as "no data": Cesium's
 * `<` throws on undefined. Undefined when a numeric option has no range yet (nothing loaded).
 */
export function buildStyleRule(option: StyleOption, observed: ObservedProperty | undefined): StyleRule | undefined {
  return option.kind === 'category' ? categoryRule(option, observed) : numberRule(option, observed);
}
