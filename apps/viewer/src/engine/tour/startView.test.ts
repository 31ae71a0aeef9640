import { describe, expect, it } from 'vitest';
import { PILOT_AREA_VIEW } from '../camera/initialView.js';
import { districtStartView, narrowFovDeg, portraitRangeScale } from './startView.js';

describe('districtStartView', () => {
  it('frames a 16:9 screen as the desk does, and a portrait 9:16 kiosk the same way round', () => {
    expect(districtStartView(16 / 9).rangeMetres).toBeCloseTo(PILOT_AREA_VIEW.rangeMetres, -2);
    expect(districtStartView(9 / 16).rangeMetres).toBe(districtStartView(16 / 9).rangeMetres);
  });

  it('steps back for a 5760×1080 wall, whose narrow side sees little of the area', () => {
    const wide = districtStartView(5760 / 1080);
    expect(narrowFovDeg(5760 / 1080)).toBeLessThan(13);
    expect(wide.rangeMetres).toBeGreaterThan(2.5 * districtStartView(16 / 9).rangeMetres);
  });

  it('stands closer on a wide wall looked at more obliquely, whose height is what limits', () => {
    const steep = districtStartView(5760 / 1080);
    const oblique = districtStartView(5760 / 1080, { pitchDeg: -35 });
    expect(oblique.rangeMetres / steep.rangeMetres).toBeCloseTo(Math.sin((35 * Math.PI) / 180) / Math.sin((50 * Math.PI) / 180), 2);
    // Across-limited screens keep their distance whatever the pitch.
    expect(districtStartView(9 / 16, { pitchDeg: -62 }).rangeMetres).toBe(districtStartView(9 / 16).rangeMetres);
  });

  it('steps back when side panels leave only the middle of a 16:9 wall for the district', () => {
    expect(districtStartView(16 / 9, { visibleWidthShare: 0.5 }).rangeMetres).toBeGreaterThan(districtStartView(16 / 9).rangeMetres);
    expect(districtStartView(16 / 9, { visibleWidthShare: 1 }).rangeMetres).toBe(districtStartView(16 / 9).rangeMetres);
  });

  it('scales distances for portrait screens only', () => {
    expect(portraitRangeScale(9 / 16)).toBeCloseTo(16 / 9);
    expect(portraitRangeScale(16 / 9)).toBe(1);
    expect(portraitRangeScale(0)).toBe(1);
  });

  it('frames the administrative centre whatever the aspect, and survives a zero-size canvas', () => {
    for (const aspect of [0.3, 1, 16 / 9, 32 / 9, 0, Number.NaN]) {
      const view = districtStartView(aspect);
      expect(view.longitude).toBeCloseTo(117.2784, 4);
      expect(Number.isFinite(view.rangeMetres)).toBe(true);
      expect(view.rangeMetres).toBeGreaterThan(1000);
    }
  });
});
