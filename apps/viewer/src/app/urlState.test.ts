import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShareState, EMPTY_SHARE_STATE, formatCamera, parseSection, withShareState, type ShareState } from './urlState.js';

const METRES_PER_DEGREE = 111_320;

const camera = fc.record({
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  latitude: fc.double({ min: -89.9, max: 89.9, noNaN: true }),
  heightM: fc.double({ min: -1000, max: 50_000_000, noNaN: true }),
  headingDeg: fc.double({ min: 0, max: 359.999, noNaN: true }),
  pitchDeg: fc.double({ min: -90, max: 90, noNaN: true }),
  rollDeg: fc.double({ min: -179.999, max: 180, noNaN: true }),
});
const layerId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const display = fc.record({ visible: fc.boolean(), opacity: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000) });
const state: fc.Arbitrary<ShareState> = fc.record({
  camera: fc.option(camera, { nil: undefined }),
  layers: fc.dictionary(layerId, display, { maxKeys: 6 }),
  styles: fc.dictionary(layerId, fc.record({ property: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/) }), { maxKeys: 4 }),
  selection: fc.option(fc.oneof(fc.stringMatching(/^[A-Z]{2,4}(-[A-Z0-9]{2,6}){1,2}$/), fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0 && !/\p{Cc}/u.test(s))), { nil: undefined }),
  underground: fc.boolean(),
});

/** What a state means: layers left visible and opaque are no different from layers not named. */
function meaning(s: ShareState) {
  return {
    layers: Object.fromEntries(Object.entries(s.layers).filter(([, d]) => !d.visible || d.opacity < 1)),
    styles: s.styles,
    selection: s.selection,
    underground: s.underground,
  };
}

/** Metres between two positions on the ground (small distances: flat earth is exact enough). */
function metresApart(a: { longitude: number; latitude: number }, b: { longitude: number; latitude: number }): number {
  const east = (a.longitude - b.longitude) * METRES_PER_DEGREE * Math.cos((a.latitude * Math.PI) / 180);
  const north = (a.latitude - b.latitude) * METRES_PER_DEGREE;
  return Math.hypot(east, north);
}

const angleApart = (a: number, b: number): number => Math.abs(((((a - b) % 360) + 540) % 360) - 180);

describe('the shared state in the URL', () => {
  it('round-trips every valid state: the camera within a centimetre and a thousandth of a degree, the rest exactly', () => {
    fc.assert(
      fc.property(state, fc.constantFrom('', '?lang=en', '?tileset=https%3A%2F%2Fx.cn%2Ft%2Ftileset.json&debug'), (s, before) => {
        const search = withShareState(before, s);
        const back = decodeShareState(search);
        expect(meaning(back)).toEqual(meaning(s));
        if (s.camera) {
          const c = back.camera;
          expect(c).toBeDefined();
          if (!c) return;
          expect(metresApart(c, s.camera)).toBeLessThan(0.02);
          expect(Math.abs(c.heightM - s.camera.heightM)).toBeLessThanOrEqual(0.005 + 1e-6);
          expect(angleApart(c.headingDeg, s.camera.headingDeg)).toBeLessThanOrEqual(0.0005 + 1e-9);
          expect(Math.abs(c.pitchDeg - s.camera.pitchDeg)).toBeLessThanOrEqual(0.0005 + 1e-9);
          expect(angleApart(c.rollDeg ?? 0, s.camera.rollDeg ?? 0)).toBeLessThanOrEqual(0.0005 + 1e-9);
        } else {
          expect(back.camera).toBeUndefined();
        }
        // Other parameters stay as they were.
        const kept = new URLSearchParams(before);
        const after = new URLSearchParams(search);
        for (const [key, value] of kept) expect(after.get(key)).toBe(value);
      }),
    );
  });

  it('never throws on garbage, and what it cannot read is the default', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (junk) => {
        const decoded = decodeShareState(junk);
        if (decoded.camera) expect(Math.abs(decoded.camera.latitude)).toBeLessThanOrEqual(90);
        for (const d of Object.values(decoded.layers)) expect(d.opacity >= 0 && d.opacity <= 1).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('camera', 'layers', 'style', 'select', 'underground', 'section'), fc.string({ unit: fc.constantFrom(...'!:,.-e+x \u0000€1'), maxLength: 30 }), (key, junk) => {
        expect(() => decodeShareState(`?${key}=${encodeURIComponent(junk)}`)).not.toThrow();
      }),
    );
    expect(decodeShareState('')).toEqual(EMPTY_SHARE_STATE);
    expect(decodeShareState('?camera=117.27,34.2,300,0')).toEqual(EMPTY_SHARE_STATE);
    expect(decodeShareState('?camera=117.27,94.2,300,0,-30').camera).toBeUndefined();
    expect(decodeShareState('?camera=1e3,34,300,0,-30').camera).toBeUndefined();
    expect(decodeShareState('?camera=NaN,34,300,0,-30').camera).toBeUndefined();
    expect(decodeShareState('?layers=!,:0.5,a:2,b:-1,ok:0.25').layers).toEqual({ ok: { visible: true, opacity: 0.25 } });
    expect(decodeShareState('?style=a:b:c,:x,d:1x,e:use').styles).toEqual({ e: { property: 'use' } });
    expect(decodeShareState('?select=%00x&underground=yes')).toEqual(EMPTY_SHARE_STATE);
    expect(decodeShareState('?%E0%A4%A=1')).toEqual(EMPTY_SHARE_STATE);
  });

  it('round-trips the underground area and the section box to 0.1 m on the ground and 1 cm in height', () => {
    const area = fc
      .record({ lon: fc.double({ min: 117, max: 117.5, noNaN: true }), lat: fc.double({ min: 34, max: 34.4, noNaN: true }), w: fc.double({ min: 1e-4, max: 0.05, noNaN: true }), h: fc.double({ min: 1e-4, max: 0.05, noNaN: true }) })
      .map(({ lon, lat, w, h }) => ({ west: lon, south: lat, east: lon + w, north: lat + h }));
    const heights = fc.record({ bottomM: fc.double({ min: -100, max: 0, noNaN: true }), depth: fc.double({ min: 1, max: 400, noNaN: true }) });
    fc.assert(
      fc.property(area, area, heights, (translucent, footprint, { bottomM, depth }) => {
        const section = { ...footprint, bottomM, topM: bottomM + depth };
        const back = decodeShareState(withShareState('?lang=en', { ...EMPTY_SHARE_STATE, underground: true, undergroundArea: translucent, section }));
        expect(back.underground).toBe(true);
        for (const [read, written] of [[back.undergroundArea, translucent], [back.section, footprint]] as const) {
          expect(read).toBeDefined();
          for (const key of ['west', 'south', 'east', 'north'] as const) expect(Math.abs((read?.[key] ?? NaN) - written[key]) * METRES_PER_DEGREE).toBeLessThan(0.1);
        }
        expect(Math.abs((back.section?.bottomM ?? NaN) - section.bottomM)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs((back.section?.topM ?? NaN) - section.topM)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });

  it('reads underground=1 as the whole ground, and refuses boxes that are not boxes', () => {
    expect(decodeShareState('?underground=1')).toMatchObject({ underground: true, undergroundArea: undefined });
    expect(decodeShareState('?underground=117.28,34.2,117.27,34.21')).toMatchObject({ underground: false, undergroundArea: undefined });
    expect(decodeShareState('?underground=117.27,34.2,117.28')).toMatchObject({ underground: false });
    expect(parseSection('117.27,34.2,117.28,34.21,-30,200')).toEqual({ west: 117.27, south: 34.2, east: 117.28, north: 34.21, bottomM: -30, topM: 200 });
    expect(parseSection('117.27,34.2,117.28,34.21,200,-30')).toBeUndefined();
    expect(parseSection('117.27,34.2,117.28,34.21,-30,9000')).toBeUndefined();
    expect(parseSection('117.27,34.2,117.28,34.2,-30,200')).toBeUndefined();
    expect(parseSection('117.27,34.2,117.28,34.21,-30')).toBeUndefined();
    expect(withShareState('', { ...EMPTY_SHARE_STATE, section: { west: 117.27, south: 34.2, east: 117.28, north: 34.21, bottomM: -30, topM: 200 } })).toBe('?section=117.27,34.2,117.28,34.21,-30,200');
  });

  it('keeps the camera= format of earlier links, and reads them', () => {
    expect(decodeShareState('?camera=117.278400,34.200500,45.0,0.0,-8.0').camera).toEqual({ longitude: 117.2784, latitude: 34.2005, heightM: 45, headingDeg: 0, pitchDeg: -8, rollDeg: 0 });
    expect(formatCamera({ longitude: 117.2784123456, latitude: 34.2, heightM: 312.346, headingDeg: -10, pitchDeg: -35.00004, rollDeg: 359.9999 })).toBe('117.2784123,34.2,312.35,350,-35');
    expect(formatCamera({ longitude: 1, latitude: 2, heightM: 3, headingDeg: 4, pitchDeg: 5, rollDeg: 12.5 })).toBe('1,2,3,4,5,12.5');
  });

  it('writes a readable link', () => {
    const search = withShareState('?lang=en', {
      camera: { longitude: 117.2784, latitude: 34.205, heightM: 350, headingDeg: 0, pitchDeg: -35 },
      layers: { 'district-ground': { visible: false, opacity: 1 }, 'district-buildings': { visible: true, opacity: 0.5 }, 'district-pipelines': { visible: true, opacity: 1 } },
      styles: { 'district-buildings': { property: 'use' } },
      selection: 'BLD-000001',
      underground: true,
    });
    expect(search).toBe('?lang=en&camera=117.2784,34.205,350,0,-35&layers=district-buildings:0.5,!district-ground&style=district-buildings:use&select=BLD-000001&underground=1');
    expect(withShareState(search, EMPTY_SHARE_STATE)).toBe('?lang=en');
  });
});
