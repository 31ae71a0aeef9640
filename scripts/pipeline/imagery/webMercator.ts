/** Web Mercator's latitude limit: where the square world map ends (EPSG:3857). */
const MAX_LATITUDE = 85.0511287798066;

/** Equatorial circumference of the WGS84 sphere Web Mercator projects from, in metres. */
const EQUATOR_METRES = 2 * Math.PI * 6_378_137;

const RADIANS = Math.PI / 180;

/** A point of the world square: x 0 → 1 west to east from 180° W, y 0 → 1 north to south. */
export interface WorldPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * Spherical Web Mercator as slippy-map tiles use it, in "unit world" coordinates: the pixel at
 * zoom z is the world point times `worldPixels(z)` (256 · 2^z). Working in doubles here and subtracting the tile
 * origin before drawing keeps Skia's 32-bit floats away from z19's 10^8-pixel world.
 */
export const webMercator = {
  /** Pixels on a side of a slippy-map tile. */
  tileSize: 256,

  /** Pixels across the whole world at a zoom: 2^z tiles. */
  worldPixels(zoom: number): number {
    return webMercator.tileSize * 2 ** zoom;
  },

  project(longitude: number, latitude: number): WorldPoint {
    const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
    const sin = Math.sin(clamped * RADIANS);
    return {
      x: (longitude + 180) / 360,
      y: 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI),
    };
  },

  unproject(point: WorldPoint): { longitude: number; latitude: number } {
    return {
      longitude: point.x * 360 - 180,
      latitude: Math.atan(Math.sinh(Math.PI * (1 - 2 * point.y))) / RADIANS,
    };
  },

  /** Ground metres spanned by one unit world width at a latitude (the map's scale there). */
  metresPerUnit(latitude: number): number {
    return EQUATOR_METRES * Math.cos(latitude * RADIANS);
  },
} as const;
