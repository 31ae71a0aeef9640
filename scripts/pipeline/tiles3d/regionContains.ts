/** A 3D Tiles region: west, south, east, north (radians), minimum and maximum height (metres). */
export type RegionRadians = readonly [number, number, number, number, number, number];

export interface RegionTolerance {
  /** Radians of slack on each side (1e-7 rad ≈ 0.6 m). */
  readonly angle: number;
  /** Metres of slack above and below. */
  readonly height: number;
}

const TWO_PI = 2 * Math.PI;

/** A longitude interval as [start, end] with end ≥ start: a region may cross the antimeridian. */
function lonInterval(west: number, east: number): [number, number] {
  return east >= west ? [west, east] : [west, east + TWO_PI];
}

/** Whether a 3D Tiles region (radians, metres) lies inside another, within a tolerance. */
export function regionContains(outer: RegionRadians, inner: RegionRadians, tolerance: RegionTolerance): boolean {
  const [ow, os, oe, on, oMin, oMax] = outer;
  const [iw, is, ie, inn, iMin, iMax] = inner;
  const [o0, o1] = lonInterval(ow, oe);
  const [i0, i1] = lonInterval(iw, ie);
  const lonInside = [0, TWO_PI, -TWO_PI].some((shift) => i0 + shift >= o0 - tolerance.angle && i1 + shift <= o1 + tolerance.angle);
  return (
    lonInside &&
    is >= os - tolerance.angle &&
    inn <= on + tolerance.angle &&
    iMin >= oMin - tolerance.height &&
    iMax <= oMax + tolerance.height
  );
}
