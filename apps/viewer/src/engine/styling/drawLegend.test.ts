import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { drawLegends, type LegendContext, type LegendView } from './drawLegend.js';

const USE: LegendView = {
  layerId: 'district-buildings',
  title: '政务区建筑 · 用途',
  entries: [
    { colour: '#3b8bff', label: '政府机关' },
    { colour: '#ff9f1c', label: '办公' },
  ],
};
const HEIGHT: LegendView = { layerId: 'x', title: 'Height', entries: [{ colour: '#e0393e', label: '150 – 190.6' }] };

function pixel(ctx: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }, x: number, y: number): string {
  const [r = 0, g = 0, b = 0] = ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data;
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

describe('drawLegends', () => {
  it('draws each legend as a panel growing up from the corner, with its swatch colours', () => {
    const canvas = createCanvas(800, 600);
    const ctx = canvas.getContext('2d');
    const box = drawLegends(ctx as unknown as LegendContext, [USE, HEIGHT], { left: 20, bottom: 580, scale: 2 });
    expect(box.x).toBe(20);
    expect(box.y + box.height).toBe(580);
    expect(box.height).toBeGreaterThan(2 * (2 * 10 + 15));
    // The first legend's first swatch: padding 10, title 15 + 6, half a row of 20, at scale 2.
    expect(pixel(ctx, 20 + (10 + 6) * 2, box.y + (10 + 15 + 6 + 10) * 2)).toBe('#3b8bff');
  });

  it('draws nothing without legends', () => {
    const canvas = createCanvas(100, 100);
    const box = drawLegends(canvas.getContext('2d') as unknown as LegendContext, [], { left: 5, bottom: 95 });
    expect(box).toEqual({ x: 5, y: 95, width: 0, height: 0 });
  });
});
