/**
 * The air quality index of HJ 633-2012 (环境空气质量指数技术规定): each pollutant's individual
 * index (IAQI) by linear interpolation between the standard's breakpoints; the AQI is the largest.
 * Particles use the 24-hour table, the gases the 1-hour one, as real-time city AQI does.
 */
const IAQI = [0, 50, 100, 150, 200, 300, 400, 500];
const BREAKPOINTS: Readonly<Record<string, readonly number[]>> = {
  pm25: [0, 35, 75, 115, 150, 250, 350, 500],
  pm10: [0, 50, 150, 250, 350, 420, 500, 600],
  so2: [0, 150, 500, 650, 800, 1600, 2100, 2620],
  no2: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  co: [0, 5, 10, 35, 60, 90, 120, 150],
  o3: [0, 160, 200, 300, 400, 800, 1000, 1200],
};

export function individualAqi(pollutant: string, concentration: number): number {
  const bp = BREAKPOINTS[pollutant];
  if (!bp) throw new Error(`no AQI breakpoints for ${pollutant}`);
  if (concentration <= 0) return 0;
  for (let i = 1; i < bp.length; i++) {
    const hi = bp[i] as number;
    if (concentration <= hi) {
      const lo = bp[i - 1] as number;
      return Math.ceil((IAQI[i - 1] as number) + (((IAQI[i] as number) - (IAQI[i - 1] as number)) * (concentration - lo)) / (hi - lo));
    }
  }
  return 500;
}

/** The AQI of a set of concentrations (µg/m³, CO in mg/m³). */
export function airQualityIndex(concentrations: Readonly<Record<string, number>>): number {
  return Math.max(0, ...Object.entries(concentrations).filter(([p]) => p in BREAKPOINTS).map(([p, c]) => individualAqi(p, c)));
}
