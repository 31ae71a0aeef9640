import type { LocalTime } from '../localTime.js';
import type { SimRandom } from '../simRandom.js';

const YEAR_DAYS = 365;
const DAY_MS = 86_400_000;

/** Xuzhou's climate: about 1 °C in mid-January, 27.5 °C in mid-July (daily means). */
export function seasonalMeanC(dayOfYear: number): number {
  return 14.25 - 13.25 * Math.cos((2 * Math.PI * (dayOfYear - 15)) / YEAR_DAYS);
}

/** Air temperature and humidity: coolest before dawn, warmest at two; rain cools and wets the air. */
export function weatherAt(local: LocalTime, rain: number): { readonly temperatureC: number; readonly humidityPct: number } {
  const mean = seasonalMeanC(local.dayOfYear);
  const diurnal = -4.5 * Math.cos((2 * Math.PI * (local.hour - 2)) / 24);
  const temperatureC = mean + diurnal * (1 - 0.7 * rain) - 3 * rain;
  const humidityPct = Math.min(100, Math.max(15, 66 - 3.2 * diurnal + 30 * rain));
  return { temperatureC, humidityPct };
}

/**
 * The regional pollution regime: stagnant spells and clean fronts over days, worse in the
 * heating season. Two slow waves with phases from the seed.
 */
export function airRegime(random: SimRandom): (timeMs: number, local: LocalTime) => number {
  const phaseA = random.range(0, 2 * Math.PI);
  const phaseB = random.range(0, 2 * Math.PI);
  return (timeMs, local) => {
    const days = timeMs / DAY_MS;
    const wave = 1 + 0.25 * Math.sin((2 * Math.PI * days) / 3.3 + phaseA) + 0.15 * Math.sin((2 * Math.PI * days) / 7.9 + phaseB);
    const season = 1 + 0.35 * Math.cos((2 * Math.PI * (local.dayOfYear - 10)) / YEAR_DAYS);
    return Math.max(0.3, wave * season);
  };
}
