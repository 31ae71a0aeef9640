import { bbox } from '@turf/turf';
import type { Feature, Geometry, Position } from 'geojson';
import { DEFAULT_SEED, generateDistrict } from './generateDistrict.js';
import type { DistrictFiles } from './districtFiles.js';

/** Test helpers: one district per test file, and the few lookups several test files need. */

let cached: DistrictFiles | undefined;

/** The district of the default seed, generated once per test file. */
export function defaultDistrict(): DistrictFiles {
  cached ??= generateDistrict({ seed: DEFAULT_SEED });
  return cached;
}

export function coordinatesOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
    case 'MultiPoint':
      return geometry.coordinates;
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(coordinatesOf);
  }
}

/**
 * Pairs (a from `as`, b from `bs`) whose bounding boxes overlap, found through a grid of
 * `cellDeg` degrees; with one list, each unordered pair of distinct features once.
 */
export function overlappingPairs(as: readonly Feature[], bs: readonly Feature[] = as, cellDeg = 0.002): [Feature, Feature][] {
  const same = as === bs;
  const boxes = new Map<Feature, number[]>();
  const boxOf = (f: Feature): number[] => {
    const known = boxes.get(f);
    if (known) return known;
    const b = bbox(f);
    boxes.set(f, b);
    return b;
  };
  const grid = new Map<string, number[]>();
  bs.forEach((f, i) => {
    const [w, s, e, n] = boxOf(f) as [number, number, number, number];
    for (let x = Math.floor(w / cellDeg); x <= Math.floor(e / cellDeg); x++) {
      for (let y = Math.floor(s / cellDeg); y <= Math.floor(n / cellDeg); y++) {
        const key = `${x},${y}`;
        grid.set(key, [...(grid.get(key) ?? []), i]);
      }
    }
  });
  const pairs: [Feature, Feature][] = [];
  as.forEach((a, i) => {
    const [w, s, e, n] = boxOf(a) as [number, number, number, number];
    const seen = new Set<number>();
    for (let x = Math.floor(w / cellDeg); x <= Math.floor(e / cellDeg); x++) {
      for (let y = Math.floor(s / cellDeg); y <= Math.floor(n / cellDeg); y++) {
        for (const j of grid.get(`${x},${y}`) ?? []) {
          if (seen.has(j) || (same && j <= i)) continue;
          seen.add(j);
          const b = bs[j] as Feature;
          const [w2, s2, e2, n2] = boxOf(b) as [number, number, number, number];
          if (w <= e2 && w2 <= e && s <= n2 && s2 <= n) pairs.push([a, b]);
        }
      }
    }
  });
  return pairs;
}
