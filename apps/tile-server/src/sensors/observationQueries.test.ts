import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/httpError.js';
import { DEFAULT_HISTORY_MS, MAX_HISTORY_LIMIT, MAX_HISTORY_MS, parseHistoryQuery, parseLatestQuery } from './observationQueries.js';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    return (error as HttpError).message;
  }
  throw new Error('expected a 400');
}

describe('history query', () => {
  it('defaults to the last 24 hours and the largest limit', () => {
    expect(parseHistoryQuery({}, NOW)).toEqual({ fromMs: NOW - DEFAULT_HISTORY_MS, toMs: NOW, limit: MAX_HISTORY_LIMIT });
    expect(parseHistoryQuery({ to: '2026-11-30T08:00:00+08:00' }, NOW)).toEqual({
      fromMs: Date.parse('2026-11-29T00:00:00Z'),
      toMs: Date.parse('2026-11-30T00:00:00Z'),
      limit: MAX_HISTORY_LIMIT,
    });
  });

  it('accepts any range of up to 31 days with a limit up to 10,000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: MAX_HISTORY_MS }), fc.integer({ min: 1, max: MAX_HISTORY_LIMIT }), (fromMs, spanMs, limit) => {
        const query = { from: iso(fromMs), to: iso(fromMs + spanMs), limit: String(limit) };
        expect(parseHistoryQuery(query, NOW)).toEqual({ fromMs, toMs: fromMs + spanMs, limit });
      }),
    );
  });

  it('refuses ranges longer than 31 days or running backwards', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 1e11 }), (fromMs, excessMs) => {
        expect(refusal(() => parseHistoryQuery({ from: iso(fromMs), to: iso(fromMs + MAX_HISTORY_MS + excessMs) }, NOW))).toBe('from and to may be at most 31 days apart');
        expect(refusal(() => parseHistoryQuery({ from: iso(fromMs + excessMs), to: iso(fromMs) }, NOW))).toBe('from must not be later than to');
      }),
    );
  });

  it.each([
    [{ from: 'yesterday' }, /^from: time must be ISO 8601 with a zone/],
    [{ from: '2026-12-01T08:00:00' }, /^from: time must be ISO 8601 with a zone/],
    [{ to: ['2026-12-01T08:00:00Z', '2026-12-02T08:00:00Z'] }, /^to: /],
    [{ limit: '0' }, /^limit: limit must be a whole number from 1 to 10000/],
    [{ limit: '10001' }, /^limit: /],
    [{ limit: '1e3' }, /^limit: /],
    [{ limit: '-5' }, /^limit: /],
    [{ limit: '' }, /^limit: /],
    [{ since: '2026-12-01T08:00:00Z' }, /only from, to and limit are understood/],
  ])('refuses %j', (query, message) => {
    expect(refusal(() => parseHistoryQuery(query, NOW))).toMatch(message);
  });
});

describe('latest query', () => {
  it('reads comma-separated ids without repeats, or none for all', () => {
    expect(parseLatestQuery({})).toBeUndefined();
    expect(parseLatestQuery({ sensors: 'AQ-0001, NS-0002,AQ-0001' })).toEqual(['AQ-0001', 'NS-0002']);
  });

  it.each([
    [{ sensors: '' }],
    [{ sensors: 'AQ-0001,' }],
    [{ sensors: '__proto__' }],
    [{ sensors: 'aq-0001' }],
    [{ sensors: ['AQ-0001', 'AQ-0002'] }],
    [{ sensor: 'AQ-0001' }],
    [{ sensors: Array.from({ length: 1001 }, (_, i) => `AQ-${i}`).join(',') }],
  ])('refuses %j', (query) => {
    refusal(() => parseLatestQuery(query));
  });
});
