import type { LocalizedName } from '@pengcheng/protocol';
import { bufferPolyline, cubicBezier, orientPolygon, pointInRing, type Polygon, type Ring, type Vec } from './planarGeometry.js';

export interface WaterPlan {
  /** The stand-in for Dalong Lake (大龙湖). */
  readonly lake: Ring;
  readonly lakeName: LocalizedName;
  /** The canal's centre line, from the west edge of the area into the lake. */
  readonly canalCentre: readonly Vec[];
  readonly canal: Polygon;
  readonly canalName: LocalizedName;
  readonly canalHalfWidthM: number;
  /** Water plus the planted banks on either side: nothing is built within this of the centre line. */
  readonly canalCorridorHalfM: number;
}

export const LAKE_CENTRE: Vec = [1450, -1440];
/** Where the straight canal runs, between 彭祖大道 (y = -800) and 云泉路 (y = -1300). */
export const CANAL_Y = -1050;
const CANAL_HALF_WIDTH_M = 20;
const CANAL_BANK_M = 25;

/**
 * The lake and the canal. They are part of the plan, not of the seed: the place stays the
 * same whatever the seed, only the buildings and assets on it change.
 */
export function planWater(): WaterPlan {
  const lake = lakeOutline();
  const straight: Vec[] = [
    [-1990, CANAL_Y],
    [900, CANAL_Y],
  ];
  // The canal bends south-east into the lake; it stops a little inside the shore.
  const bend = cubicBezier([900, CANAL_Y], [1080, CANAL_Y], [1180, -1120], [1260, -1240], 16);
  const canalCentre: Vec[] = [...straight.slice(0, -1), ...bend];
  const inside = canalCentre.findIndex((p) => pointInRing(p, lake));
  const trimmed = inside < 0 ? canalCentre : canalCentre.slice(0, inside + 2);
  return {
    lake,
    lakeName: { zh: '大龙湖', en: 'Dalong Lake' },
    canalCentre: trimmed,
    canal: orientPolygon([bufferPolyline(trimmed, CANAL_HALF_WIDTH_M)]),
    canalName: { zh: '玉带河', en: 'Yudai Canal' },
    canalHalfWidthM: CANAL_HALF_WIDTH_M,
    canalCorridorHalfM: CANAL_HALF_WIDTH_M + CANAL_BANK_M,
  };
}

/** An organic shore: an ellipse whose radius wanders with a few low harmonics. */
function lakeOutline(): Ring {
  const segments = 144;
  const ring: Vec[] = [];
  for (let i = 0; i < segments; i++) {
    const a = (2 * Math.PI * i) / segments;
    const r = 370 * (1 + 0.1 * Math.cos(2 * a - 0.6) + 0.07 * Math.cos(3 * a + 1.1) + 0.04 * Math.cos(5 * a - 2.0) + 0.02 * Math.cos(7 * a + 0.4));
    ring.push([LAKE_CENTRE[0] + 1.12 * r * Math.cos(a), LAKE_CENTRE[1] + 0.98 * r * Math.sin(a)]);
  }
  return ring;
}
