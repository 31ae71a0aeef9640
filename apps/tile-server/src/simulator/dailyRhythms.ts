/** Daily rhythms of the district, as shares of their peak by local hour (linear between hours). */

function interpolate(hourly: readonly number[], hour: number): number {
  const h = ((hour % 24) + 24) % 24;
  const i = Math.floor(h);
  const a = hourly[i] ?? 0;
  const b = hourly[(i + 1) % 24] ?? 0;
  return a + (b - a) * (h - i);
}

// Two rush hours, 7–9 and 17–19, on weekdays; a flatter, later day at weekends.
const WEEKDAY_TRAFFIC = [0.2, 0.14, 0.1, 0.08, 0.09, 0.15, 0.38, 0.85, 1, 0.78, 0.62, 0.63, 0.6, 0.58, 0.6, 0.66, 0.78, 0.96, 1, 0.76, 0.56, 0.46, 0.34, 0.25];
const WEEKEND_TRAFFIC = [0.24, 0.16, 0.11, 0.08, 0.08, 0.11, 0.2, 0.36, 0.52, 0.64, 0.72, 0.74, 0.72, 0.7, 0.72, 0.74, 0.76, 0.78, 0.76, 0.68, 0.58, 0.48, 0.38, 0.3];

/** Road traffic demand, 1 at the weekday rush hours. */
export function trafficDemand(hour: number, weekend: boolean): number {
  return interpolate(weekend ? WEEKEND_TRAFFIC : WEEKDAY_TRAFFIC, hour);
}

// Household water use: a morning peak around 7, a higher evening one around 20, little at night.
const WATER = [0.3, 0.22, 0.18, 0.16, 0.18, 0.3, 0.62, 0.92, 0.86, 0.7, 0.62, 0.68, 0.74, 0.62, 0.56, 0.56, 0.6, 0.72, 0.88, 0.96, 1, 0.86, 0.64, 0.44];

/** Water demand, 1 at the evening peak: mains' flow follows it and their pressure dips with it. */
export function waterDemand(hour: number): number {
  return interpolate(WATER, hour);
}

// Share of spaces taken, by who parks there.
const OFFICE = [0.04, 0.03, 0.03, 0.03, 0.03, 0.05, 0.12, 0.45, 0.85, 0.93, 0.94, 0.9, 0.82, 0.88, 0.93, 0.92, 0.86, 0.6, 0.3, 0.15, 0.1, 0.07, 0.05, 0.04];
const HOME = [0.93, 0.94, 0.94, 0.94, 0.94, 0.92, 0.86, 0.7, 0.55, 0.48, 0.46, 0.47, 0.5, 0.49, 0.47, 0.48, 0.52, 0.62, 0.74, 0.83, 0.88, 0.91, 0.92, 0.93];
const VISITOR = [0.06, 0.04, 0.03, 0.03, 0.03, 0.04, 0.08, 0.16, 0.3, 0.48, 0.62, 0.7, 0.74, 0.7, 0.68, 0.7, 0.72, 0.76, 0.82, 0.84, 0.74, 0.5, 0.26, 0.12];

export type ParkingUse = 'office' | 'home' | 'visitor';

/** Occupancy of a car park: offices fill in office hours (and stay nearly empty at weekends), homes at night. */
export function parkingOccupancy(use: ParkingUse, hour: number, weekend: boolean): number {
  if (use === 'office') return weekend ? 0.04 + 0.14 * interpolate(OFFICE, hour) : interpolate(OFFICE, hour);
  if (use === 'home') return weekend ? 0.1 + 0.85 * interpolate(HOME, hour) : interpolate(HOME, hour);
  return Math.min(1, interpolate(VISITOR, hour) * (weekend ? 1.15 : 1));
}
