import { round } from './planarGeometry.js';

/**
 * Storey heights by use (metres floor to floor, roof parapet included): residential about 3 m,
 * offices about 4 m, commercial podiums 4.5 m, so a height always reads as a plausible count of
 * floors.
 */
export const STOREY_M = {
  residential: 3.0,
  villa: 3.2,
  office: 4.1,
  podium: 4.5,
  government: 4.2,
  hotel: 3.4,
  school: 3.9,
  hospital: 4.2,
  dormitory: 3.2,
} as const;

export function storeysHeight(floors: number, storeyM: number): number {
  return round(floors * storeyM, 1);
}
