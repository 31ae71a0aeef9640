/** An area on the ground in degrees, west < east and south < north (the district never spans ±180°). */
export interface GeoRect {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

const METRES_PER_DEGREE = 111_320;

/** The rectangle spanned by two corners given in any order. */
export function rectFromCorners(a: { longitude: number; latitude: number }, b: { longitude: number; latitude: number }): GeoRect {
  return {
    west: Math.min(a.longitude, b.longitude),
    south: Math.min(a.latitude, b.latitude),
    east: Math.max(a.longitude, b.longitude),
    north: Math.max(a.latitude, b.latitude),
  };
}

/** East–west and north–south extent in metres (flat earth: district scale, well under 0.1 % off). */
export function rectSizeMetres(rect: GeoRect): { readonly eastM: number; readonly northM: number } {
  const midLatitude = ((rect.south + rect.north) / 2) * (Math.PI / 180);
  return { eastM: (rect.east - rect.west) * METRES_PER_DEGREE * Math.cos(midLatitude), northM: (rect.north - rect.south) * METRES_PER_DEGREE };
}

/** A square of `halfSizeM` either side of a point. */
export function rectAround(centre: { longitude: number; latitude: number }, halfSizeM: number): GeoRect {
  const dLat = halfSizeM / METRES_PER_DEGREE;
  const dLon = halfSizeM / (METRES_PER_DEGREE * Math.cos(centre.latitude * (Math.PI / 180)));
  return { west: centre.longitude - dLon, south: centre.latitude - dLat, east: centre.longitude + dLon, north: centre.latitude + dLat };
}

export function isValidRect(rect: GeoRect): boolean {
  const values = [rect.west, rect.south, rect.east, rect.north];
  return (
    values.every(Number.isFinite) &&
    rect.west >= -180 &&
    rect.east <= 180 &&
    rect.south >= -90 &&
    rect.north <= 90 &&
    rect.west < rect.east &&
    rect.south < rect.north
  );
}
