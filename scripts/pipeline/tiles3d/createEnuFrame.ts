/** WGS84 ellipsoid (EPSG:4979), the frame of 3D Tiles regions and of ECEF glTF placement. */
const A = 6_378_137;
const F = 1 / 298.257_223_563;
const E2 = F * (2 - F);
const DEG = Math.PI / 180;

export type Vec3 = [number, number, number];
/** A column-major 4×4 matrix. */
export type Mat4 = [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number];

/**
 * A local east-north-up frame tangent to the ellipsoid at an origin. Geometry is written in it so
 * float32 positions stay small (metres from the tile centre); the 4×4 `enuToEcef` places it on the
 * globe in double precision.
 */
export interface EnuFrame {
  readonly originLonDeg: number;
  readonly originLatDeg: number;
  /** Takes ENU metres to ECEF metres. */
  readonly enuToEcef: Readonly<Mat4>;
  /** ENU coordinates (metres) of a WGS84 position. */
  toEnu(lonDeg: number, latDeg: number, heightM: number): Vec3;
  /** The ellipsoid normal at a WGS84 position, in ENU coordinates. */
  upAt(lonDeg: number, latDeg: number): Vec3;
}

/** ECEF metres of a WGS84 position (degrees, metres above the ellipsoid). */
export function wgs84ToEcef(lonDeg: number, latDeg: number, heightM: number): Vec3 {
  const lon = lonDeg * DEG;
  const lat = latDeg * DEG;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
  return [(n + heightM) * cosLat * Math.cos(lon), (n + heightM) * cosLat * Math.sin(lon), (n * (1 - E2) + heightM) * sinLat];
}

function surfaceNormal(lonDeg: number, latDeg: number): Vec3 {
  const lon = lonDeg * DEG;
  const lat = latDeg * DEG;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

export function createEnuFrame(originLonDeg: number, originLatDeg: number, originHeightM = 0): EnuFrame {
  const lon = originLonDeg * DEG;
  const lat = originLatDeg * DEG;
  const east: Vec3 = [-Math.sin(lon), Math.cos(lon), 0];
  const north: Vec3 = [-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)];
  const up = surfaceNormal(originLonDeg, originLatDeg);
  const origin = wgs84ToEcef(originLonDeg, originLatDeg, originHeightM);
  const project = (v: Vec3): Vec3 => [
    v[0] * east[0] + v[1] * east[1] + v[2] * east[2],
    v[0] * north[0] + v[1] * north[1] + v[2] * north[2],
    v[0] * up[0] + v[1] * up[1] + v[2] * up[2],
  ];
  return {
    originLonDeg,
    originLatDeg,
    enuToEcef: [...east, 0, ...north, 0, ...up, 0, ...origin, 1],
    toEnu(lonDeg, latDeg, heightM) {
      const p = wgs84ToEcef(lonDeg, latDeg, heightM);
      return project([p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]]);
    },
    upAt(lonDeg, latDeg) {
      return project(surfaceNormal(lonDeg, latDeg));
    },
  };
}

/** WGS84 longitude, latitude (degrees) and height (metres) of an ECEF position. */
export function ecefToWgs84(x: number, y: number, z: number): Vec3 {
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - E2));
  let height = 0;
  // Fixed-point iteration: converges to well under a millimetre in a few steps near the surface.
  for (let i = 0; i < 6; i++) {
    const sinLat = Math.sin(lat);
    const n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
    height = p / Math.cos(lat) - n;
    lat = Math.atan2(z, p * (1 - (E2 * n) / (n + height)));
  }
  return [Math.atan2(y, x) / DEG, lat / DEG, height];
}
