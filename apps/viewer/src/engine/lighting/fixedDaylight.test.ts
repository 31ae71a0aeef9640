import fc from 'fast-check';
import { Cartesian3, Matrix4, Transforms } from 'cesium';
import { describe, expect, it } from 'vitest';
import { sunlightDirection } from './fixedDaylight.js';

/** The direction in the place's own east-north-up frame. */
function local(longitude: number, latitude: number, direction: Cartesian3): Cartesian3 {
  const toLocal = Matrix4.inverseTransformation(Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(longitude, latitude)), new Matrix4());
  return Matrix4.multiplyByPointAsVector(toLocal, direction, new Cartesian3());
}

describe('sunlightDirection', () => {
  it('comes down from the south-east over Xuzhou for a south-eastern sun', () => {
    const d = local(117.28, 34.2, sunlightDirection({ longitude: 117.28, latitude: 34.2, azimuthDegrees: 135, elevationDegrees: 50 }));
    expect(d.z).toBeCloseTo(-Math.sin((50 * Math.PI) / 180), 9);
    // Travelling towards the north-west: west (negative east) and north.
    expect(d.x).toBeLessThan(0);
    expect(d.y).toBeGreaterThan(0);
    expect(d.x).toBeCloseTo(-d.y, 9);
  });

  it('is a unit vector pointing down at the place, opposite the sun, anywhere', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 1, max: 90, noNaN: true }),
        (longitude, latitude, azimuthDegrees, elevationDegrees) => {
          const d = sunlightDirection({ longitude, latitude, azimuthDegrees, elevationDegrees });
          expect(Cartesian3.magnitude(d)).toBeCloseTo(1, 9);
          const l = local(longitude, latitude, d);
          expect(l.z).toBeCloseTo(-Math.sin((elevationDegrees * Math.PI) / 180), 6);
          const a = (azimuthDegrees * Math.PI) / 180;
          // Its horizontal part points away from the sun's azimuth.
          expect(-l.x * Math.sin(a) - l.y * Math.cos(a)).toBeCloseTo(Math.cos((elevationDegrees * Math.PI) / 180), 6);
        },
      ),
    );
  });
});
