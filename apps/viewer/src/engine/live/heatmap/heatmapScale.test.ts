import { describe, expect, it } from 'vitest';
import { computeField } from './heatmapField.js';
import { paintField } from './heatmapRaster.js';
import { colourScale, heatmapQuantities, heatmapQuantity, scaleStops } from './heatmapScale.js';

const hex = (rgb: readonly number[]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

describe('heatmap quantities', () => {
  it('draws noise from the noise sensors and the smart poles, in dB(A) from 35 to 85', () => {
    const noise = heatmapQuantity('noise');
    expect(noise.unit).toBe('dB(A)');
    expect(noise.sources).toEqual(expect.arrayContaining([{ kind: 'noise', quantity: 'laeq' }, { kind: 'smart_pole_environment', quantity: 'laeq' }]));
    expect([noise.scale.min, noise.scale.max]).toEqual([35, 85]);
  });

  it('draws air quality as AQI 0–300 in the Chinese AQI colours', () => {
    const air = heatmapQuantity('air_quality');
    expect([air.scale.min, air.scale.max]).toEqual([0, 300]);
    const colour = (aqi: number) => hex(colourScale(air.scale)(aqi));
    expect(colour(0)).toBe('#00e400');
    expect(colour(50)).toBe('#00e400');
    expect(colour(51)).toBe('#ffff00');
    expect(colour(120)).toBe('#ff7e00');
    expect(colour(180)).toBe('#ff0000');
    expect(colour(250)).toBe('#99004c');
    expect(colour(420)).toBe('#7e0023');
  });

  it('names every band of a stepped scale, for the legend', () => {
    for (const quantity of heatmapQuantities) {
      if (quantity.scale.stepped) for (const stop of scaleStops(quantity.scale)) expect(stop.labelKey).toBeTruthy();
    }
  });
});

describe('colourScale, a ramp', () => {
  const noise = heatmapQuantity('noise').scale;
  it('blends between stops and holds the end colours outside the scale', () => {
    const colour = colourScale(noise);
    expect(hex(colour(35))).toBe('#1a9850');
    expect(hex(colour(20))).toBe('#1a9850');
    expect(hex(colour(85))).toBe('#762a83');
    expect(hex(colour(120))).toBe('#762a83');
    const mid = colour(50);
    const [a, b] = [colour(45), colour(55)];
    for (const i of [0, 1, 2]) expect(mid[i]).toBeCloseTo(((a[i] ?? 0) + (b[i] ?? 0)) / 2, -0.5);
  });

  it('has a default ramp when no colours are given', () => {
    const colour = colourScale({ min: 0, max: 10 });
    expect(hex(colour(0))).not.toBe(hex(colour(10)));
  });
});

describe('paintField', () => {
  it('paints near sensors in their colour, fades, and leaves the rest transparent', () => {
    const grid = { west: 117.27, south: 34.2, east: 117.29, north: 34.202, cols: 20, rows: 2 };
    const field = computeField([{ lon: 117.2705, lat: 34.201, value: 85 }], grid, { radiusM: 400 });
    const pixels = paintField(field, heatmapQuantity('noise').scale, 0.6);
    const alpha = (col: number) => pixels[4 * col + 3] ?? -1;
    expect(hex([pixels[0] ?? 0, pixels[1] ?? 0, pixels[2] ?? 0])).toBe('#762a83');
    expect(alpha(0)).toBe(Math.round(255 * 0.6));
    expect(alpha(5)).toBeLessThan(alpha(0));
    expect(alpha(19)).toBe(0);
  });
});
