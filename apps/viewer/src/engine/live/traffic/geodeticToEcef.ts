/** WGS84, as Cesium's default ellipsoid: the layer's positions agree with the rest of the scene. */
const A = 6_378_137;
const E2 = 6.69437999014e-3;
const RAD = Math.PI / 180;

/** Writes the Earth-fixed (ECEF) metres of a WGS84 point into `out` at `offset`, `offset+1`, `offset+2`. */
export function geodeticToEcef(lonDeg: number, latDeg: number, heightM: number, out: Float64Array, offset: number): void {
  const lon = lonDeg * RAD;
  const lat = latDeg * RAD;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
  out[offset] = (n + heightM) * cosLat * Math.cos(lon);
  out[offset + 1] = (n + heightM) * cosLat * Math.sin(lon);
  out[offset + 2] = (n * (1 - E2) + heightM) * sinLat;
}
