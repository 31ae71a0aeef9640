import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCameraParam, parseCameraParam } from './cameraParam.js';

const pose = fc.record({
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  latitude: fc.double({ min: -90, max: 90, noNaN: true }),
  heightM: fc.double({ min: -1000, max: 50_000_000, noNaN: true }),
  headingDeg: fc.double({ min: -360, max: 360, noNaN: true }),
  pitchDeg: fc.double({ min: -90, max: 90, noNaN: true }),
});

describe('camera URL parameter', () => {
  it('round-trips any valid pose to the precision it is written with', () => {
    fc.assert(
      fc.property(pose, (p) => {
        const parsed = parseCameraParam(`?camera=${formatCameraParam(p)}`);
        expect(parsed).toBeDefined();
        expect(Math.abs((parsed?.longitude ?? 0) - p.longitude)).toBeLessThanOrEqual(5e-7 + 1e-9);
        expect(Math.abs((parsed?.heightM ?? 0) - p.heightM)).toBeLessThanOrEqual(0.05 + 1e-6);
      }),
    );
  });

  it('ignores anything that is not five numbers in range, never throws', () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const parsed = parseCameraParam(`?camera=${encodeURIComponent(junk)}`);
        if (parsed) expect(Math.abs(parsed.latitude)).toBeLessThanOrEqual(90);
      }),
    );
    expect(parseCameraParam('?camera=117.27,34.2,300,0')).toBeUndefined();
    expect(parseCameraParam('?camera=117.27,94.2,300,0,-30')).toBeUndefined();
    expect(parseCameraParam('?camera=1e3,34,300,0,-30')).toBeUndefined();
    expect(parseCameraParam('?camera=NaN,34,300,0,-30')).toBeUndefined();
    expect(parseCameraParam('')).toBeUndefined();
  });
});
