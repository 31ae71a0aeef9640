import type { RoadClass } from '@pengcheng/protocol';

/**
 * Cross-sections of the district's road classes, after Chinese urban-road practice (CJJ 37):
 * `widthM` is the paved carriageway (motor and non-motor lanes), then the sidewalk, the green
 * belt (绿化带) of the avenues and the building setback (建筑退线) behind the road's red line.
 */
export interface RoadStandard {
  readonly lanes: number;
  readonly widthM: number;
  readonly speedLimitKmh: number;
  readonly sidewalkM: number;
  readonly beltM: number;
  readonly setbackM: number;
}

export const ROAD_STANDARDS: Readonly<Record<RoadClass, RoadStandard>> = {
  trunk: { lanes: 8, widthM: 44, speedLimitKmh: 60, sidewalkM: 5, beltM: 25, setbackM: 15 },
  primary: { lanes: 6, widthM: 34, speedLimitKmh: 60, sidewalkM: 4, beltM: 15, setbackM: 12 },
  secondary: { lanes: 4, widthM: 24, speedLimitKmh: 50, sidewalkM: 4, beltM: 8, setbackM: 10 },
  tertiary: { lanes: 2, widthM: 14, speedLimitKmh: 40, sidewalkM: 3, beltM: 0, setbackM: 8 },
  residential: { lanes: 2, widthM: 7, speedLimitKmh: 20, sidewalkM: 1.5, beltM: 0, setbackM: 3 },
  service: { lanes: 1, widthM: 5, speedLimitKmh: 15, sidewalkM: 1, beltM: 0, setbackM: 3 },
};

/** Distance from a road's centre line to where buildings may start. */
export function roadInsetM(roadClass: RoadClass): number {
  const s = ROAD_STANDARDS[roadClass];
  return s.widthM / 2 + s.sidewalkM + s.beltM + s.setbackM;
}

/** The strip no building may touch: carriageway and sidewalk. */
export function roadCorridorHalfM(roadClass: RoadClass, widthM = ROAD_STANDARDS[roadClass].widthM): number {
  return widthM / 2 + ROAD_STANDARDS[roadClass].sidewalkM;
}
