/** The district keeps China Standard Time (UTC+8, no daylight saving): its rhythms follow local clocks. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface LocalTime {
  /** Hours since local midnight, fractional: 8.5 is half past eight. */
  readonly hour: number;
  /** 0 on the first of January. */
  readonly dayOfYear: number;
  readonly weekend: boolean;
}

export function localTime(timeMs: number): LocalTime {
  const local = timeMs + CHINA_OFFSET_MS;
  const date = new Date(local);
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  const weekday = date.getUTCDay();
  return {
    hour: (((local % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000,
    dayOfYear: Math.floor((local - startOfYear) / DAY_MS),
    weekend: weekday === 0 || weekday === 6,
  };
}

/** Epoch milliseconds of a local (UTC+8) date and time, for tests and start times. */
export function chinaTime(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - CHINA_OFFSET_MS;
}
