import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEnuFrame, ecefToWgs84, type Mat4, type Vec3, wgs84ToEcef } from './createEnuFrame.js';

const apply = (m: Readonly<Mat4>, [x, y, z]: Vec3): Vec3 => [
  m[0] * x + m[4] * y + m[8] * z + m[12],
  m[1] * x + m[5] * y + m[9] * z + m[13],
  m[2] * x + m[6] * y + m[10] * z + m[14],
];

describe('WGS84 and ENU frames', () => {
  it('puts known points where the ellipsoid says', () => {
    expect(wgs84ToEcef(0, 0, 0)).toEqual([6_378_137, 0, 0]);
    const pole = wgs84ToEcef(0, 90, 0);
    expect(pole[2]).toBeCloseTo(6_356_752.314245, 5);
    const [x, y, z] = wgs84ToEcef(117.2, 34.26, 40);
    const [lon, lat, h] = ecefToWgs84(x, y, z);
    expect(lon).toBeCloseTo(117.2, 10);
    expect(lat).toBeCloseTo(34.26, 10);
    expect(h).toBeCloseTo(40, 6);
  });

  it('measures east, north and up in metres around its origin', () => {
    const frame = createEnuFrame(117.2, 34.26);
    expect(frame.toEnu(117.2, 34.26, 0).map((v) => Math.abs(v))).toEqual([0, 0, 0]);
    const up = frame.toEnu(117.2, 34.26, 100);
    expect(up[2]).toBeCloseTo(100, 6);
    const north = frame.toEnu(117.2, 34.261, 0);
    expect(north[1]).toBeCloseTo(110.9, 0);
    expect(Math.abs(north[0])).toBeLessThan(1e-6);
    const east = frame.toEnu(117.201, 34.26, 0);
    expect(east[0]).toBeCloseTo(92.1, 0);
    expect(frame.upAt(117.2, 34.26).map((v) => Number(v.toFixed(12)))).toEqual([0, 0, 1]);
  });

  it('round-trips any nearby position through ENU and its matrix to ECEF', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.double({ min: -50, max: 1000, noNaN: true }),
        (lon, lat, dLon, dLat, h) => {
          const frame = createEnuFrame(lon, lat);
          const placed = apply(frame.enuToEcef, frame.toEnu(lon + dLon, lat + dLat, h));
          const expected = wgs84ToEcef(lon + dLon, lat + dLat, h);
          expect(Math.hypot(placed[0] - expected[0], placed[1] - expected[1], placed[2] - expected[2])).toBeLessThan(1e-6);
          const back = ecefToWgs84(...expected);
          expect(Math.abs(back[2] - h)).toBeLessThan(1e-6);
        },
      ),
    );
  });
});
