import { PNG } from 'pngjs';

export interface PixelStats {
  /** Mean over pixels of the per-pixel luminance, 0–255. */
  readonly meanLuminance: number;
  /** Variance of the luminance: 0 for a uniform (blank) image. */
  readonly luminanceVariance: number;
  /** How many distinct RGB colours appear (capped, for speed). */
  readonly distinctColours: number;
}

const DISTINCT_CAP = 4096;

/** Luminance statistics of a PNG, to tell a drawn scene from a blank or single-colour canvas. */
export function pixelStats(png: Buffer): PixelStats {
  const image = PNG.sync.read(png);
  const { data, width, height } = image;
  const count = width * height;
  if (count === 0) return { meanLuminance: 0, luminanceVariance: 0, distinctColours: 0 };
  let sum = 0;
  let sumSquares = 0;
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += y;
    sumSquares += y * y;
    if (colours.size < DISTINCT_CAP) colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / count;
  return {
    meanLuminance: mean,
    luminanceVariance: Math.max(0, sumSquares / count - mean * mean),
    distinctColours: colours.size,
  };
}
