import type { Rejection } from '../ingestTypes.js';
import { describeValue } from './jsonValue.js';

const NON_FINITE_WORDS = new Set(['nan', 'infinity', '+infinity', '-infinity', 'inf', '-inf']);

export type NumberResult = { readonly ok: true; readonly value: number } | ({ readonly ok: false } & Rejection);

/**
 * A measured value must be a JSON number. `1e400` parses to Infinity, and feeds that cannot write
 * NaN in JSON write "NaN": both are refused as non-finite rather than as a type error.
 */
export function readNumber(value: unknown, name: string): NumberResult {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'non_finite', message: `${name} is ${describeValue(value)}: values must be finite numbers.` };
  }
  if (typeof value === 'string' && NON_FINITE_WORDS.has(value.trim().toLowerCase())) {
    return { ok: false, reason: 'non_finite', message: `${name} is "${value.trim()}": values must be finite numbers.` };
  }
  return { ok: false, reason: 'invalid', message: `${name} must be a number, not ${describeValue(value)}.` };
}
