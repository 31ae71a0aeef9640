import { PILOT_AREA_BOUNDS, type GeoBounds } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tileRange } from './tileRange.js';
import { webMercator } from './webMercator.js';

/** Tiles whose lon/lat rectangle overlaps the bounds with some area, found by brute force. */
function overlappingTiles(bounds: GeoBounds, zoom: number): string[] {
  const tiles = 2 ** zoom;
  const centre = webMercator.project((bounds.west + bounds.east) / 2, (bounds.north + bounds.south) / 2);
  const [cx, cy] = [Math.floor(centre.x * tiles), Math.floor(centre.y * tiles)];
  const found: string[] = [];
  for (let x = Math.max(0, cx - 60); x <= Math.min(tiles - 1, cx + 60); x++) {
    for (let y = Math.max(0, cy - 60); y <= Math.min(tiles - 1, cy + 60); y++) {
      const nw = webMercator.unproject({ x: x / tiles, y: y / tiles });
      const se = webMercator.unproject({ x: (x + 1) / tiles, y: (y + 1) / tiles });
      if (nw.longitude < bounds.east && se.longitude > bounds.west && se.latitude < bounds.north && nw.latitude > bounds.south) found.push(`${x}/${y}`);
    }
  }
  return found.sort();
}

function listed(bounds: GeoBounds, zoom: number): string[] {
  const r = tileRange(bounds, zoom);
  const tiles: string[] = [];
  for (let x = r.minX; x <= r.maxX; x++) for (let y = r.minY; y <= r.maxY; y++) tiles.push(`${x}/${y}`);
  return tiles.sort();
}

describe('tileRange', () => {
  it.each([12, 13, 14, 15, 16, 17])('covers exactly the tiles overlapping the pilot area at z%i', (zoom) => {
    expect(listed(PILOT_AREA_BOUNDS, zoom)).toEqual(overlappingTiles(PILOT_AREA_BOUNDS, zoom));
  });

  it('has no holes and no extra tiles for any small area', () => {
    // Whole micro-degrees: bounds a few ulps off a tile edge would test rounding, not coverage.
    const micro = (min: number, max: number) => fc.integer({ min: min * 1e6, max: max * 1e6 }).map((n) => n / 1e6);
    const bounds = fc
      .record({ lon: micro(-170, 170), lat: micro(-80, 80), w: micro(1e-4, 0.05), h: micro(1e-4, 0.05) })
      .map(({ lon, lat, w, h }) => ({ west: lon, east: lon + w, south: lat, north: lat + h }));
    fc.assert(
      fc.property(bounds, fc.integer({ min: 8, max: 15 }), (b, zoom) => {
        expect(listed(b, zoom)).toEqual(overlappingTiles(b, zoom));
      }),
      { numRuns: 60 },
    );
  });
});
