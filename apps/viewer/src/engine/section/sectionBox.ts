import { Cartesian3, ClippingPlane, Matrix4, Transforms } from 'cesium';
import type { GeoRect } from '../drawing/geoRect.js';

/**
 * The section box (剖切盒): what is inside stays drawn, buildings, pipes and ground alike; the
 * rest is cut away, so the cut faces show what is below and inside. A ground rectangle and
 * heights above the ellipsoid (the district's ground is at 0 m, pipes below it).
 */
export interface SectionBox extends GeoRect {
  readonly bottomM: number;
  readonly topM: number;
}

/** Limits a box's heights are kept in: the deepest utility tunnel to above the tallest tower. */
export const SECTION_HEIGHT_LIMITS = { minM: -100, maxM: 500 } as const;
export const DEFAULT_SECTION_HEIGHTS = { bottomM: -30, topM: 200 } as const;

/** East-north-up at the middle of the box's ground rectangle, on the ellipsoid: the box's own frame. */
export function sectionFrame(box: GeoRect): Matrix4 {
  const centre = Cartesian3.fromDegrees((box.west + box.east) / 2, (box.south + box.north) / 2, 0);
  return Transforms.eastNorthUpToFixedFrame(centre);
}

/** Half the box's extents in its own frame, metres: east, north. */
export function sectionHalfSizes(box: GeoRect): { readonly halfEastM: number; readonly halfNorthM: number } {
  const toLocal = Matrix4.inverseTransformation(sectionFrame(box), new Matrix4());
  const local = (lon: number, lat: number): Cartesian3 => Matrix4.multiplyByPoint(toLocal, Cartesian3.fromDegrees(lon, lat, 0), new Cartesian3());
  const midLat = (box.south + box.north) / 2;
  const midLon = (box.west + box.east) / 2;
  return {
    halfEastM: (local(box.east, midLat).x - local(box.west, midLat).x) / 2,
    halfNorthM: (local(midLon, box.north).y - local(midLon, box.south).y) / 2,
  };
}

/**
 * The six planes of the box in its frame. Cesium keeps a point p where n·p + d ≥ 0, and with
 * `unionClippingRegions` cuts away whatever any one plane cuts: so the normals point inwards.
 */
export function sectionPlanes(box: SectionBox): ClippingPlane[] {
  const { halfEastM, halfNorthM } = sectionHalfSizes(box);
  return [
    new ClippingPlane(new Cartesian3(1, 0, 0), halfEastM),
    new ClippingPlane(new Cartesian3(-1, 0, 0), halfEastM),
    new ClippingPlane(new Cartesian3(0, 1, 0), halfNorthM),
    new ClippingPlane(new Cartesian3(0, -1, 0), halfNorthM),
    new ClippingPlane(new Cartesian3(0, 0, 1), -box.bottomM),
    new ClippingPlane(new Cartesian3(0, 0, -1), box.topM),
  ];
}
