import earcut from 'earcut';
import type { EnuFrame, Vec3 } from '../tiles3d/createEnuFrame.js';
import { elementAt } from '../tiles3d/elementAt.js';
import { type MeshArrays, MeshBuilder } from '../tiles3d/MeshBuilder.js';
import type { BuildingPartShape, LonLat } from './BuildingRecord.js';

/** One building's parts, tagged with its row in the tile's property table. */
export interface MeshItem {
  readonly featureId: number;
  readonly parts: readonly BuildingPartShape[];
}

/** Walls (and undersides of raised parts) apart from roofs, so each can have its own shade. */
export interface BuildingMesh {
  readonly walls: MeshArrays;
  readonly roofs: MeshArrays;
}

/** Triangles smaller than this (m²) are slivers from collinear vertices: nothing to draw. */
const MIN_TRIANGLE_AREA_M2 = 1e-6;

function normalize(v: Vec3): Vec3 {
  const length = Math.hypot(...v);
  return length > 0 ? [v[0] / length, v[1] / length, v[2] / length] : [0, 0, 0];
}

function centroid(ring: readonly LonLat[]): LonLat {
  const sum = ring.reduce<[number, number]>((acc, p) => [acc[0] + p[0], acc[1] + p[1]], [0, 0]);
  return [sum[0] / ring.length, sum[1] / ring.length];
}

function addPart(frame: EnuFrame, part: BuildingPartShape, featureId: number, walls: MeshBuilder, roofs: MeshBuilder): void {
  const [lon0, lat0] = centroid(part.rings[0]);
  const up = frame.upAt(lon0, lat0);
  const down: Vec3 = [-up[0], -up[1], -up[2]];

  // Roof (and underside of a raised part): one flat-shaded polygon, triangulated in the plane.
  const top = part.rings.flatMap((ring) => ring.map(([lon, lat]) => frame.toEnu(lon, lat, part.heightM)));
  const holeIndices: number[] = [];
  let start = 0;
  for (const [i, ring] of part.rings.entries()) {
    if (i > 0) holeIndices.push(start);
    start += ring.length;
  }
  const triangles = earcut(
    top.flatMap((p) => [p[0], p[1]]),
    holeIndices,
    2,
  );
  const facing: [number, number, number][] = [];
  for (let t = 0; t + 2 < triangles.length; t += 3) {
    const [a, b, c] = [elementAt(triangles, t), elementAt(triangles, t + 1), elementAt(triangles, t + 2)];
    const [pa, pb, pc] = [elementAt(top, a), elementAt(top, b), elementAt(top, c)];
    const area = ((pb[0] - pa[0]) * (pc[1] - pa[1]) - (pb[1] - pa[1]) * (pc[0] - pa[0])) / 2;
    if (Math.abs(area) < MIN_TRIANGLE_AREA_M2) continue;
    facing.push(area > 0 ? [a, b, c] : [a, c, b]);
  }
  const roofBase = top.map((p) => roofs.vertex(p, up, featureId));
  for (const [a, b, c] of facing) roofs.triangle(elementAt(roofBase, a), elementAt(roofBase, b), elementAt(roofBase, c));
  if (part.minHeightM > 0) {
    const underside = part.rings.flatMap((ring) => ring.map(([lon, lat]) => walls.vertex(frame.toEnu(lon, lat, part.minHeightM), down, featureId)));
    for (const [a, b, c] of facing) walls.triangle(elementAt(underside, a), elementAt(underside, c), elementAt(underside, b));
  }

  // Walls: one quad per edge with its own outward normal. Outer rings run counter-clockwise and
  // holes clockwise, so "outward" (away from the solid) is always to the right of the edge.
  for (const ring of part.rings) {
    for (const [i, a] of ring.entries()) {
      const b = elementAt(ring, (i + 1) % ring.length);
      const aBottom = frame.toEnu(a[0], a[1], part.minHeightM);
      const bBottom = frame.toEnu(b[0], b[1], part.minHeightM);
      const edge: Vec3 = [bBottom[0] - aBottom[0], bBottom[1] - aBottom[1], bBottom[2] - aBottom[2]];
      const normal = normalize([edge[1] * up[2] - edge[2] * up[1], edge[2] * up[0] - edge[0] * up[2], edge[0] * up[1] - edge[1] * up[0]]);
      const v0 = walls.vertex(aBottom, normal, featureId);
      const v1 = walls.vertex(bBottom, normal, featureId);
      const v2 = walls.vertex(frame.toEnu(b[0], b[1], part.heightM), normal, featureId);
      const v3 = walls.vertex(frame.toEnu(a[0], a[1], part.heightM), normal, featureId);
      walls.triangle(v0, v1, v2);
      walls.triangle(v0, v2, v3);
    }
  }
}

/**
 * Extrudes building parts into flat-shaded triangles in a tile's ENU frame: walls with
 * horizontal outward normals, flat roofs facing up (triangulated with earcut, holes kept), and
 * undersides facing down for parts that start above the ground. Front faces are
 * counter-clockwise seen from outside.
 */
export function buildBuildingMesh(frame: EnuFrame, items: readonly MeshItem[]): BuildingMesh {
  const walls = new MeshBuilder();
  const roofs = new MeshBuilder();
  for (const item of items) {
    for (const part of item.parts) addPart(frame, part, item.featureId, walls, roofs);
  }
  return { walls: walls.build(), roofs: roofs.build() };
}
