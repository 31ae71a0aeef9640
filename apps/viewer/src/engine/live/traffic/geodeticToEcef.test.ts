import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodeticToEcef } from './geodeticToEcef.js';

const A = 6_378_137;
const B = 6_356_752.314245;

const ecef = (lon: number, lat: number, h = 0) => {
  const out = new Float64Array(3);
  geodeticToEcef(lon, lat, h, out, 0);
  return [...out] as [number, number, number];
};

describe('geodeticToEcef', () => {
  it('puts the axes where WGS84 has them', () => {
    const [x0, y0, z0] = ecef(0, 0);
    expect(x0).toBeCloseTo(A, 3);
    expect(Math.abs(y0) + Math.abs(z0)).toBeLessThan(1e-6);
    expect(ecef(90, 0)[1]).toBeCloseTo(A, 3);
    expect(ecef(0, 90)[2]).toBeCloseTo(B, 3);
  });

  it('agrees with Cesium at the district (Cartesian3.fromDegrees(117.278, 34.205, 2))', () => {
    const [x, y, z] = ecef(117.278, 34.205, 2);
    expect(x).toBeCloseTo(-2_420_101.895, 2);
    expect(y).toBeCloseTo(4_693_282.262, 2);
    expect(z).toBeCloseTo(3_565_276.774, 2);
  });

  it('puts every point at height 0 on the ellipsoid, and a height straight above it', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), (lon, lat) => {
        const [x, y, z] = ecef(lon, lat);
        expect((x * x + y * y) / (A * A) + (z * z) / (B * B)).toBeCloseTo(1, 9);
        const [hx, hy, hz] = ecef(lon, lat, 100);
        expect(Math.hypot(hx - x, hy - y, hz - z)).toBeCloseTo(100, 6);
      }),
    );
  });

  it('writes at the offset it is given', () => {
    const out = new Float64Array(6);
    geodeticToEcef(0, 0, 0, out, 3);
    expect(out[0]).toBe(0);
    expect(out[3]).toBeCloseTo(A, 3);
  });
});
