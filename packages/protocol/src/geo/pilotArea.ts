/**
 * The pilot area of the digital-twin government district (数字孪生政务区) around the Xuzhou
 * municipal administrative centre, No. 1 Kunlun Avenue (昆仑大道1号). WGS84 degrees; the centre
 * is known to ±200 m (two public records agree once their GCJ-02 / BD-09 offsets are removed).
 */
export const ADMINISTRATIVE_CENTRE = {
  longitude: 117.2784,
  latitude: 34.205,
} as const;

/** Half the side of the square pilot area, in metres (the area is about 4 × 4 km). */
export const PILOT_AREA_HALF_SIDE_METRES = 2000;

/** WGS84 mean radius, for the small-area degree/metre conversion below. */
const EARTH_RADIUS_METRES = 6_371_008.8;

export interface GeoBounds {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/**
 * The pilot area's bounds in degrees. A spherical conversion is exact to well under a metre
 * over 2 km, far inside the ±200 m the centre is known to.
 */
export const PILOT_AREA_BOUNDS: GeoBounds = (() => {
  const degreesPerMetre = 180 / (Math.PI * EARTH_RADIUS_METRES);
  const dLat = PILOT_AREA_HALF_SIDE_METRES * degreesPerMetre;
  const dLon = dLat / Math.cos((ADMINISTRATIVE_CENTRE.latitude * Math.PI) / 180);
  return {
    west: ADMINISTRATIVE_CENTRE.longitude - dLon,
    south: ADMINISTRATIVE_CENTRE.latitude - dLat,
    east: ADMINISTRATIVE_CENTRE.longitude + dLon,
    north: ADMINISTRATIVE_CENTRE.latitude + dLat,
  };
})();
