import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webMercator } from './webMercator.js';

const TILE = 256;
const longitude = fc.double({ min: -180, max: 179.999999, noNaN: true });
const latitude = fc.double({ min: -85, max: 85, noNaN: true });
const zoom = fc.integer({ min: 0, max: 22 });

/** The slippy-map formula as the OpenStreetMap wiki gives it, written independently. */
function referencePixel(lon: number, lat: number, z: number): [number, number] {
  const n = TILE * 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * n, ((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n];
}

describe('webMercator', () => {
  it('puts known places where every slippy map puts them', () => {
    expect(webMercator.project(0, 0)).toEqual({ x: 0.5, y: 0.5 });
    // The administrative centre, 117.2784° E 34.205° N, is in tile 3382/1633 at z12.
    const centre = webMercator.project(117.2784, 34.205);
    expect(centre.x * 4096).toBeCloseTo(3382.367573, 5);
    expect(centre.y * 4096).toBeCloseTo(1633.406084, 5);
    expect(webMercator.metresPerUnit(0)).toBeCloseTo(40_075_016.686, 2);
    expect(webMercator.metresPerUnit(60)).toBeCloseTo(40_075_016.686 / 2, 2);
  });

  it('agrees with the reference formula to a thousandth of a pixel at any zoom', () => {
    fc.assert(
      fc.property(longitude, latitude, zoom, (lon, lat, z) => {
        const point = webMercator.project(lon, lat);
        const [rx, ry] = referencePixel(lon, lat, z);
        const scale = TILE * 2 ** z;
        expect(Math.abs(point.x * scale - rx)).toBeLessThan(1e-3);
        expect(Math.abs(point.y * scale - ry)).toBeLessThan(1e-3);
      }),
    );
  });

  it('round-trips lon/lat → pixel → lon/lat', () => {
    fc.assert(
      fc.property(longitude, latitude, zoom, (lon, lat, z) => {
        const scale = TILE * 2 ** z;
        const point = webMercator.project(lon, lat);
        const pixel = { x: point.x * scale, y: point.y * scale };
        const back = webMercator.unproject({ x: pixel.x / scale, y: pixel.y / scale });
        expect(back.longitude).toBeCloseTo(lon, 9);
        expect(back.latitude).toBeCloseTo(lat, 9);
      }),
    );
  });

  it('places every point inside the tile its pixel falls in', () => {
    fc.assert(
      fc.property(longitude, latitude, zoom, (lon, lat, z) => {
        const tiles = 2 ** z;
        const point = webMercator.project(lon, lat);
        const [tx, ty] = [Math.floor(point.x * tiles), Math.floor(point.y * tiles)];
        const northWest = webMercator.unproject({ x: tx / tiles, y: ty / tiles });
        const southEast = webMercator.unproject({ x: (tx + 1) / tiles, y: (ty + 1) / tiles });
        const eps = 1e-9;
        expect(lon).toBeGreaterThanOrEqual(northWest.longitude - eps);
        expect(lon).toBeLessThanOrEqual(southEast.longitude + eps);
        expect(lat).toBeLessThanOrEqual(northWest.latitude + eps);
        expect(lat).toBeGreaterThanOrEqual(southEast.latitude - eps);
      }),
    );
  });

  it('keeps east to the right and north up', () => {
    // Steps above a nanodegree: smaller ones are below what doubles can tell apart after projecting.
    const step = fc.double({ min: 1e-9, max: 10, noNaN: true });
    fc.assert(
      fc.property(fc.double({ min: -180, max: 169, noNaN: true }), fc.double({ min: -85, max: 75, noNaN: true }), step, step, (lon, lat, dLon, dLat) => {
        expect(webMercator.project(lon, lat).x).toBeLessThan(webMercator.project(lon + dLon, lat).x);
        expect(webMercator.project(lon, lat).y).toBeGreaterThan(webMercator.project(lon, lat + dLat).y);
      }),
    );
  });
});
