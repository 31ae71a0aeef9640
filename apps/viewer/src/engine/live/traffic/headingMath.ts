/**
 * Heading arithmetic for the vehicle layer. Headings are degrees clockwise from north, as the
 * hub sends them; turning always takes the short way round (350° → 10° passes through north).
 */

/** A heading folded into [0, 360). */
export function normaliseHeading(deg: number): number {
  const folded = deg % 360;
  const positive = folded < 0 ? folded + 360 : folded;
  // A hair below 0 rounds up to 360 when shifted; `+ 0` turns -0 into 0: north always reads 0.
  return positive >= 360 ? 0 : positive + 0;
}

/** The signed turn from one heading to another the short way, in (-180, 180]. */
export function shortestHeadingDelta(fromDeg: number, toDeg: number): number {
  const delta = normaliseHeading(toDeg - fromDeg);
  return delta > 180 ? delta - 360 : delta;
}
