import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeField, createFieldSampler, fieldGrid, type FieldPoint } from './heatmapField.js';

// Sensors scattered over the district (about 4 × 4 km around the administrative centre).
const point = fc.record({
  lon: fc.double({ min: 117.256, max: 117.3, noNaN: true }),
  lat: fc.double({ min: 34.187, max: 34.223, noNaN: true }),
  value: fc.double({ min: 0, max: 300, noNaN: true }),
});
const points = fc.array(point, { minLength: 1, maxLength: 25 });
const RADIUS_M = 400;

const metresBetween = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) => {
  const kx = 111_320 * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot((a.lon - b.lon) * kx, (a.lat - b.lat) * 110_574);
};

describe('heatmap field', () => {
  it('never shows a value outside the range the sensors read', () => {
    fc.assert(
      fc.property(points, (input) => {
        const grid = fieldGrid(input, RADIUS_M, 60, 64);
        if (!grid) throw new Error('points give a grid');
        const { values } = computeField(input, grid, { radiusM: RADIUS_M });
        const lo = Math.min(...input.map((p) => p.value));
        const hi = Math.max(...input.map((p) => p.value));
        const shown = [...values].filter((v) => !Number.isNaN(v));
        // Float32 cells: allow their rounding.
        if (shown.length > 0) {
          expect(Math.min(...shown)).toBeGreaterThanOrEqual(Math.fround(lo) - 1e-3);
          expect(Math.max(...shown)).toBeLessThanOrEqual(Math.fround(hi) + 1e-3);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('shows at a sensor the value that sensor reads', () => {
    fc.assert(
      fc.property(points, fc.nat(), (input, pick) => {
        const sensor = input[pick % input.length] as FieldPoint;
        const twins = input.filter((p) => metresBetween(p, sensor) < 0.01);
        const { value, coverage } = createFieldSampler(input, { radiusM: RADIUS_M })(sensor.lon, sensor.lat);
        expect(value).toBeCloseTo(twins.reduce((sum, p) => sum + p.value, 0) / twins.length, 6);
        expect(coverage).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('is close to a sensor value a few metres from it, as a cell centre near it would be', () => {
    const input: FieldPoint[] = [
      { lon: 117.27, lat: 34.2, value: 40 },
      { lon: 117.274, lat: 34.2, value: 80 },
    ];
    const sample = createFieldSampler(input, { radiusM: RADIUS_M });
    expect(sample(117.27002, 34.2).value).toBeCloseTo(40, 0);
    const between = sample(117.272, 34.2).value ?? Number.NaN;
    expect(between).toBeCloseTo(60, 6);
  });

  it('leaves everything beyond the radius of every sensor transparent', () => {
    fc.assert(
      fc.property(points, (input) => {
        const grid = fieldGrid(input, RADIUS_M, 60, 64);
        if (!grid) throw new Error('points give a grid');
        const { values, coverage } = computeField(input, grid, { radiusM: RADIUS_M });
        const dLon = (grid.east - grid.west) / grid.cols;
        const dLat = (grid.north - grid.south) / grid.rows;
        for (let row = 0; row < grid.rows; row++) {
          for (let col = 0; col < grid.cols; col++) {
            const centre = { lon: grid.west + (col + 0.5) * dLon, lat: grid.north - (row + 0.5) * dLat };
            const nearest = Math.min(...input.map((p) => metresBetween(p, centre)));
            const k = row * grid.cols + col;
            // A little slack for the frame's flattening, which the helper above does differently.
            if (nearest > RADIUS_M * 1.01) {
              expect(values[k]).toBeNaN();
              expect(coverage[k]).toBe(0);
            }
            if (nearest < RADIUS_M * 0.49) expect(coverage[k]).toBe(1);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('covers the sensors and their reach, in cells of the size asked for within the cap', () => {
    const input: FieldPoint[] = [
      { lon: 117.26, lat: 34.19, value: 1 },
      { lon: 117.29, lat: 34.22, value: 2 },
    ];
    const grid = fieldGrid(input, 500, 20, 1000);
    expect(grid).toBeDefined();
    if (!grid) return;
    expect(grid.west).toBeLessThan(117.26 - 0.005);
    expect(grid.north).toBeGreaterThan(34.22 + 0.004);
    const widthM = metresBetween({ lon: grid.west, lat: 34.205 }, { lon: grid.east, lat: 34.205 });
    expect(widthM / grid.cols).toBeCloseTo(20, 0);
    const capped = fieldGrid(input, 500, 1, 100);
    expect(capped && Math.max(capped.cols, capped.rows)).toBeLessThanOrEqual(100);
    expect(fieldGrid([], 500)).toBeUndefined();
  });
});
