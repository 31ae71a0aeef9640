import { describe, expect, it } from 'vitest';
import { CONGESTION_COLOURS, CONGESTION_LEVELS, NO_DATA_COLOUR, congestionColour, linkWidthPx } from './linkPalette.js';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
/** Hue in degrees of a #rrggbb colour. */
const hue = (hex: string) => {
  const [r, g, b] = rgb(hex).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
};

describe('congestion palette', () => {
  it('runs green, yellow, orange, red as the level rises, like a Chinese traffic map', () => {
    const hues = CONGESTION_LEVELS.map((level) => hue(CONGESTION_COLOURS[level]));
    expect(hues[0]).toBeGreaterThan(90);
    expect(hues[0]).toBeLessThan(160);
    expect(hues[1]).toBeGreaterThan(40);
    expect(hues[1]).toBeLessThan(65);
    expect(hues[2]).toBeGreaterThan(15);
    expect(hues[2]).toBeLessThan(40);
    expect(hues[3] === 0 || (hues[3] ?? 0) > 340 || (hues[3] ?? 99) < 10).toBe(true);
  });

  it('draws a jam darker than congestion, so the worst stands out', () => {
    const sum = (hex: string) => rgb(hex).reduce((a, b) => a + b, 0);
    expect(sum(CONGESTION_COLOURS[3])).toBeLessThan(sum(CONGESTION_COLOURS[2]));
  });

  it('draws a link without a state in grey, unlike any level', () => {
    expect(congestionColour(undefined)).toBe(NO_DATA_COLOUR);
    const [r, g, b] = rgb(NO_DATA_COLOUR);
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(40);
    for (const level of CONGESTION_LEVELS) expect(congestionColour(level)).toBe(CONGESTION_COLOURS[level]);
  });

  it('draws wider roads a little wider, at most 1.6 times', () => {
    expect(linkWidthPx(2, 4)).toBe(4);
    expect(linkWidthPx(4, 4)).toBeGreaterThan(4);
    expect(linkWidthPx(6, 4)).toBeGreaterThan(linkWidthPx(4, 4));
    expect(linkWidthPx(12, 4)).toBeLessThanOrEqual(6.4);
    expect(linkWidthPx(undefined, 4)).toBe(4);
  });
});
