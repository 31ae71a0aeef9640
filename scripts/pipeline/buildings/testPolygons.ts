import fc from 'fast-check';
import { elementAt } from '../tiles3d/elementAt.js';
import { isRing, type LonLat, type PolygonRings, type Ring } from './BuildingRecord.js';

/** Metres → degrees near Xuzhou's administrative centre, for readable fixtures. */
export const ORIGIN: LonLat = [117.28, 34.2];
const M_PER_DEG_LAT = 110_900;
const M_PER_DEG_LON = 111_320 * Math.cos((ORIGIN[1] * Math.PI) / 180);

export const at = (eastM: number, northM: number, origin: LonLat = ORIGIN): [number, number] => [
  origin[0] + eastM / M_PER_DEG_LON,
  origin[1] + northM / M_PER_DEG_LAT,
];

/** A closed GeoJSON ring (counter-clockwise) of a rectangle, in metres from the origin. */
export const rectangle = (west: number, south: number, east: number, north: number, origin: LonLat = ORIGIN): [number, number][] => [
  at(west, south, origin),
  at(east, south, origin),
  at(east, north, origin),
  at(west, north, origin),
  at(west, south, origin),
];

/**
 * A random star-shaped ring around a centre (valid by construction: angles strictly increase and
 * no angular gap reaches 120°, so every edge stays over half the smaller radius from the centre),
 * counter-clockwise, without closing point. Radii in metres.
 */
export const starRing = (minRadius: number, maxRadius: number, centre: LonLat = ORIGIN): fc.Arbitrary<Ring> =>
  fc.integer({ min: 6, max: 24 }).chain((n) =>
    fc
      .tuple(
        fc.array(fc.double({ min: -0.45, max: 0.45, noNaN: true }), { minLength: n, maxLength: n }),
        fc.array(fc.double({ min: minRadius, max: maxRadius, noNaN: true }), { minLength: n, maxLength: n }),
      )
      .map(([jitter, radii]) =>
        jitter.map((j, i) => {
          const angle = ((i + j) / n) * 2 * Math.PI;
          const radius = elementAt(radii, i);
          return at(radius * Math.cos(angle), radius * Math.sin(angle), centre);
        }),
      )
      .map(footprint),
  );

/**
 * A random valid polygon: a star-shaped outer ring of 20–150 m radius and sometimes a
 * courtyard (star-shaped, 2–6 m, well inside the outer ring's 10 m clearance), as
 * repaired rings (outer counter-clockwise, hole clockwise, no closing points).
 */
export const validPolygon = (centre: LonLat = ORIGIN): fc.Arbitrary<PolygonRings> =>
  fc
    .tuple(starRing(20, 150, centre), fc.option(starRing(2, 6, centre).map((hole) => footprint([...hole].reverse())), { nil: undefined }))
    .map(([outer, hole]): PolygonRings => (hole ? [outer, hole] : [outer]));

/** A GeoJSON ring (closed or not) as a Ring, for fixtures known to have 3 vertices or more. */
export function footprint(points: readonly LonLat[]): Ring {
  const first = points[0];
  const last = points[points.length - 1];
  const open = first && last && first[0] === last[0] && first[1] === last[1] ? points.slice(0, -1) : [...points];
  if (!isRing(open)) throw new Error('a footprint needs 3 vertices or more');
  return open;
}
