export type TimeResult = { readonly ok: true; readonly timeMs: number; readonly startMs?: number } | { readonly ok: false; readonly message: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function offsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

/**
 * Reads an ISO 8601 date-time (`2016-03-15T11:00:00Z`, `…+08:00`, fractions allowed) strictly:
 * every field in range, no calendar roll-over. A time without a zone takes
 * `zonelessOffsetMinutes`, or is refused when that is undefined.
 */
export function parseIsoInstant(text: string, zonelessOffsetMinutes: number | undefined): TimeResult {
  const match = ISO.exec(text.trim());
  if (!match) return { ok: false, message: `"${text.slice(0, 40)}" is not an ISO 8601 date-time like 2026-12-01T08:00:00+08:00.` };
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `"${text.slice(0, 40)}" is not a real date and time.` };
  }
  const offset = zone === undefined ? zonelessOffsetMinutes : offsetMinutes(zone);
  if (offset === undefined) {
    return zone === undefined
      ? { ok: false, message: `"${text.slice(0, 40)}" has no zone: write it like 2026-12-01T08:00:00+08:00.` }
      : { ok: false, message: `"${text.slice(0, 40)}" has an impossible UTC offset.` };
  }
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, Math.floor(Number(`0.${fraction ?? '0'}`) * 1000)));
  date.setUTCFullYear(year);
  return { ok: true, timeMs: date.getTime() - offset * 60_000 };
}

/**
 * An instant, or an ISO 8601 interval `start/end`, which stands for its end (when the value was
 * complete); `startMs` is set for an interval.
 */
export function parseIsoTime(text: string, zonelessOffsetMinutes: number | undefined): TimeResult {
  const [first = '', second, ...rest] = text.split('/');
  if (second === undefined) return parseIsoInstant(first, zonelessOffsetMinutes);
  if (rest.length > 0) return { ok: false, message: `"${text.slice(0, 40)}" is neither a date-time nor an interval start/end.` };
  const start = parseIsoInstant(first, zonelessOffsetMinutes);
  if (!start.ok) return start;
  const end = parseIsoInstant(second, zonelessOffsetMinutes);
  if (!end.ok) return end;
  if (end.timeMs < start.timeMs) return { ok: false, message: `The interval "${text.slice(0, 60)}" ends before it starts.` };
  return { ok: true, timeMs: end.timeMs, startMs: start.timeMs };
}
