import secureJson from 'secure-json-parse';
import type { Rejection } from './ingestTypes.js';

export type SafeJsonResult = { readonly ok: true; readonly value: unknown } | ({ readonly ok: false } & Rejection);

/** Keys that reach an object's prototype when a later `Object.assign` or merge copies them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);

/**
 * The deepest nesting of arrays and objects in the raw bytes, counted before parsing so that a
 * hostile `[[[[…` never reaches the parser or a recursive walk. UTF-8 continuation bytes never
 * equal an ASCII bracket or quote, so a byte scan is exact for well-formed input.
 */
function nestingDepth(bytes: Uint8Array, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  let escaped = false;
  for (const byte of bytes) {
    if (escaped) escaped = false;
    else if (inString) {
      if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPEN.has(byte)) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (CLOSE.has(byte)) depth -= 1;
  }
  return deepest;
}

/** The first key anywhere in `value` that `secure-json-parse` lets through but we refuse. */
function forbiddenKey(value: unknown): string | undefined {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    if (Array.isArray(next)) {
      pending.push(...(next as unknown[]));
      continue;
    }
    for (const [key, child] of Object.entries(next)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      pending.push(child);
    }
  }
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses an untrusted JSON body: valid UTF-8, at most `maxDepth` levels of nesting, and no
 * `__proto__`, `constructor` or `prototype` key at any level. Never throws.
 */
export function parseSafeJson(bytes: Uint8Array, maxDepth: number): SafeJsonResult {
  const depth = nestingDepth(bytes, maxDepth);
  if (depth > maxDepth) return { ok: false, reason: 'too_deep', message: `JSON may nest arrays and objects at most ${maxDepth} levels deep.` };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'malformed_json', message: 'The body is not valid UTF-8.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, reason: 'malformed_json', message: `The body is not valid JSON (${(error as Error).message}).` };
  }
  if (typeof value === 'object' && value !== null) {
    try {
      secureJson.scan(value, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      return { ok: false, reason: 'forbidden_key', message: 'The body contains a "__proto__" key, which is refused.' };
    }
  }
  const key = forbiddenKey(value);
  if (key !== undefined) return { ok: false, reason: 'forbidden_key', message: `The body contains a "${key}" key, which is refused.` };
  return { ok: true, value };
}
