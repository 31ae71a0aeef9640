import { Matrix4, Vector3 } from '@math.gl/core';
import { Ellipsoid } from '@math.gl/geospatial';
import type { CatalogBounds } from '@pengcheng/protocol';

/** The parts of a tileset.json's root tile that place it on the globe. */
export interface RootTile {
  readonly boundingVolume?: { readonly region?: readonly number[]; readonly box?: readonly number[]; readonly sphere?: readonly number[] };
  readonly transform?: readonly number[];
}

/** Closer to the earth's centre than this, coordinates are local (a model's own origin). */
const MIN_GEOCENTRIC_RADIUS_M = 6_300_000;
const DEG = 180 / Math.PI;

function finite(values: readonly number[] | undefined, length: number): values is readonly number[] {
  return Array.isArray(values) && values.length === length && values.every(Number.isFinite);
}

function fromCorners(corners: Vector3[], transform: Matrix4): CatalogBounds | undefined {
  const bounds = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity, minHeightM: Infinity, maxHeightM: -Infinity };
  for (const corner of corners) {
    const ecef = new Vector3(transform.transformAsPoint(corner, new Vector3()));
    if (ecef.magnitude() < MIN_GEOCENTRIC_RADIUS_M) return undefined;
    const [lon, lat, height] = Ellipsoid.WGS84.cartesianToCartographic(ecef, new Vector3()) as unknown as [number, number, number];
    bounds.west = Math.min(bounds.west, lon);
    bounds.east = Math.max(bounds.east, lon);
    bounds.south = Math.min(bounds.south, lat);
    bounds.north = Math.max(bounds.north, lat);
    bounds.minHeightM = Math.min(bounds.minHeightM, height);
    bounds.maxHeightM = Math.max(bounds.maxHeightM, height);
  }
  return bounds;
}

/**
 * The geographic extent of a tileset from its root bounding volume (region, box or sphere, with
 * the root transform), or undefined when the tileset is in local coordinates or says nothing.
 * Boxes and spheres are bounded by the corners of their enclosing box: a little generous, never short.
 */
export function tilesetBounds(root: RootTile | undefined): CatalogBounds | undefined {
  const volume = root?.boundingVolume;
  if (!volume) return undefined;
  if (finite(volume.region, 6)) {
    const [west, south, east, north, minHeightM, maxHeightM] = volume.region as [number, number, number, number, number, number];
    if (Math.abs(west) > Math.PI || Math.abs(east) > Math.PI || Math.abs(south) > Math.PI / 2 || Math.abs(north) > Math.PI / 2) return undefined;
    return { west: west * DEG, south: south * DEG, east: east * DEG, north: north * DEG, minHeightM, maxHeightM };
  }
  const transform = finite(root.transform, 16) ? new Matrix4(root.transform as number[]) : new Matrix4().identity();
  let axes: [Vector3, Vector3, Vector3];
  let centre: Vector3;
  if (finite(volume.box, 12)) {
    const b = volume.box as number[];
    centre = new Vector3(b[0], b[1], b[2]);
    axes = [new Vector3(b[3], b[4], b[5]), new Vector3(b[6], b[7], b[8]), new Vector3(b[9], b[10], b[11])];
  } else if (finite(volume.sphere, 4)) {
    const [x, y, z, r] = volume.sphere as [number, number, number, number];
    centre = new Vector3(x, y, z);
    axes = [new Vector3(r, 0, 0), new Vector3(0, r, 0), new Vector3(0, 0, r)];
  } else {
    return undefined;
  }
  const corners: Vector3[] = [];
  for (const sx of [-1, 1]) {
    for (const sy of [-1, 1]) {
      for (const sz of [-1, 1]) {
        corners.push(
          new Vector3(centre)
            .add(new Vector3(axes[0]).scale(sx))
            .add(new Vector3(axes[1]).scale(sy))
            .add(new Vector3(axes[2]).scale(sz)),
        );
      }
    }
  }
  return fromCorners(corners, transform);
}
