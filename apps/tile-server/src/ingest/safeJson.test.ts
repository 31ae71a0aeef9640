import { describe, expect, it } from 'vitest';
import { parseSafeJson } from './safeJson.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const nest = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

describe('parseSafeJson', () => {
  it('reads JSON up to the depth limit and refuses one level more', () => {
    expect(parseSafeJson(bytes(nest(32)), 32).ok).toBe(true);
    expect(parseSafeJson(bytes(nest(33)), 32)).toMatchObject({ ok: false, reason: 'too_deep' });
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(parseSafeJson(bytes(JSON.stringify({ text: '[[[[{{{{ \\" [[[[' })), 2)).toEqual({ ok: true, value: { text: '[[[[{{{{ \\" [[[[' } });
  });

  it('refuses a million nested arrays without overflowing the stack', () => {
    expect(parseSafeJson(bytes(nest(1_000_000)), 32)).toMatchObject({ ok: false, reason: 'too_deep' });
  });

  it('takes a UTF-8 byte order mark and Chinese text', () => {
    expect(parseSafeJson(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"名称":"彭城"}')]), 32)).toEqual({ ok: true, value: { 名称: '彭城' } });
  });

  it('turns 1e400 into Infinity for the value checks to refuse, like JSON.parse', () => {
    expect(parseSafeJson(bytes('[1e400]'), 32)).toEqual({ ok: true, value: [Infinity] });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key at any depth', (key) => {
    expect(parseSafeJson(bytes(`{"a":[{"b":{"${key}":{}}}]}`), 32)).toMatchObject({ ok: false, reason: 'forbidden_key', message: expect.stringContaining(key) });
  });

  it('allows those words as values', () => {
    expect(parseSafeJson(bytes('{"sensorId":"__proto__","x":"constructor"}'), 32).ok).toBe(true);
  });

  it('says where JSON is broken', () => {
    expect(parseSafeJson(bytes('{"a": }'), 32)).toMatchObject({ ok: false, reason: 'malformed_json', message: expect.stringContaining('not valid JSON') });
  });
});
