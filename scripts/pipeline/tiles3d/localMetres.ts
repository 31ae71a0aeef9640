/** Metres per degree of latitude on a sphere of the WGS84 mean radius. */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

/** Longitude, latitude in WGS84 degrees. */
export type LonLatDeg = readonly [number, number];
export type XY = readonly [number, number];

/**
 * An equirectangular projection to metres around an origin: accurate to well under 1 % over a
 * few kilometres, which is all that footprint areas, tolerances and cleanup thresholds need.
 */
export function localMetres(origin: LonLatDeg): (p: LonLatDeg) => XY {
  const kx = METRES_PER_DEGREE * Math.cos((origin[1] * Math.PI) / 180);
  return (p) => [(p[0] - origin[0]) * kx, (p[1] - origin[1]) * METRES_PER_DEGREE];
}
