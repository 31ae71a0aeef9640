import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pixelStats } from './pixelStats.js';

function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const i = (y * width + x) * 4;
      image.data[i] = r;
      image.data[i + 1] = g;
      image.data[i + 2] = b;
      image.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(image);
}

describe('pixelStats', () => {
  it('finds no variance in any single-colour image: a blank canvas fails the globe check', () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)), fc.integer({ min: 1, max: 40 }), (rgb, size) => {
        const stats = pixelStats(png(size, size, () => rgb));
        expect(stats.luminanceVariance).toBeCloseTo(0, 6);
        expect(stats.distinctColours).toBe(1);
      }),
    );
  });

  it('sees a drawn image: a gradient has variance and many colours', () => {
    const stats = pixelStats(png(64, 64, (x, y) => [x * 4, y * 4, 128]));
    expect(stats.luminanceVariance).toBeGreaterThan(50);
    expect(stats.distinctColours).toBe(64 * 64);
  });
});
