import { VehicleType } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { VEHICLE_COLOURS, VEHICLE_OUTLINE } from './vehiclePalette.js';

/** WCAG 2 relative luminance and contrast. */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};

const WALL_BACKGROUND = '#060b14';
const LIGHT_MAP = '#f2f2ee';

describe('vehicle palette', () => {
  it('has a colour for every vehicle type', () => {
    for (const type of VehicleType.options) expect(VEHICLE_COLOURS[type]).toMatch(/^#[0-9a-f]{6}$/);
  });

  // 4.5:1, more than the 3:1 WCAG asks of graphics: the symbols are small and seen from metres away.
  it('reads on the dark wall, and its outline on a light map', () => {
    for (const colour of Object.values(VEHICLE_COLOURS)) {
      expect(contrast(colour, WALL_BACKGROUND)).toBeGreaterThan(4.5);
      expect(contrast(colour, VEHICLE_OUTLINE)).toBeGreaterThan(4.5);
    }
    expect(contrast(VEHICLE_OUTLINE, LIGHT_MAP)).toBeGreaterThan(12);
  });

  it('gives each type a colour of its own', () => {
    expect(new Set(Object.values(VEHICLE_COLOURS)).size).toBe(VehicleType.options.length);
  });
});
