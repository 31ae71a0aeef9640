import type { Field } from './heatmapField.js';
import { colourScale, type HeatmapScale } from './heatmapScale.js';

/**
 * RGBA pixels of a field, one per cell, row 0 the northern edge: each cell in its scale colour,
 * `opacity` where a sensor is near and fading with the field's coverage; transparent where no
 * sensor reaches.
 */
export function paintField(field: Field, scale: HeatmapScale, opacity: number): Uint8ClampedArray<ArrayBuffer> {
  const colourOf = colourScale(scale);
  const pixels = new Uint8ClampedArray(field.values.length * 4);
  for (let k = 0; k < field.values.length; k++) {
    const value = field.values[k] ?? Number.NaN;
    const coverage = field.coverage[k] ?? 0;
    if (Number.isNaN(value) || coverage <= 0) continue;
    const [r, g, b] = colourOf(value);
    pixels[4 * k] = r;
    pixels[4 * k + 1] = g;
    pixels[4 * k + 2] = b;
    pixels[4 * k + 3] = Math.round(255 * opacity * coverage);
  }
  return pixels;
}
