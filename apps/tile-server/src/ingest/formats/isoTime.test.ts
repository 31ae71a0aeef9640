import { describe, expect, it } from 'vitest';
import { parseIsoInstant, parseIsoTime } from './isoTime.js';

const CST = 480;

describe('ISO 8601 times', () => {
  it.each([
    ['2016-05-09T11:04:15.790Z', '2016-05-09T11:04:15.790Z'],
    ['2016-12-28T11:00:00.00Z', '2016-12-28T11:00:00.000Z'],
    ['2026-12-01T08:00:00+08:00', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01T08:00:00+0800', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01 08:00+08', '2026-12-01T00:00:00.000Z'],
    ['2024-02-29T23:59:59-05:30', '2024-03-01T05:29:59.000Z'],
    ['2016-03-15T11:00:00', '2016-03-15T03:00:00.000Z'],
  ])('reads %s', (text, utc) => {
    expect(parseIsoInstant(text, CST)).toEqual({ ok: true, timeMs: Date.parse(utc) });
  });

  it.each(['2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:60:00Z', '2026-01-01T00:00:00+15:00', '2026-01-01', 'yesterday', '1464000000'])(
    'refuses %s',
    (text) => {
      expect(parseIsoInstant(text, CST).ok).toBe(false);
    },
  );

  it('refuses a time without a zone when no default zone is given', () => {
    expect(parseIsoInstant('2016-03-15T11:00:00', undefined)).toMatchObject({ ok: false, message: expect.stringContaining('no zone') });
  });

  it('reads an interval as its end, and refuses one that ends before it starts', () => {
    expect(parseIsoTime('2016-12-07T11:10:00Z/2016-12-07T11:15:00Z', CST)).toEqual({ ok: true, timeMs: Date.parse('2016-12-07T11:15:00Z'), startMs: Date.parse('2016-12-07T11:10:00Z') });
    expect(parseIsoTime('2016-12-07T11:15:00Z/2016-12-07T11:10:00Z', CST).ok).toBe(false);
    expect(parseIsoTime('a/b/c', CST).ok).toBe(false);
  });
});
