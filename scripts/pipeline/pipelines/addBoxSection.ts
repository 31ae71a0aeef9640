import type { Vec3 } from '../tiles3d/createEnuFrame.js';
import { elementAt } from '../tiles3d/elementAt.js';
import type { MeshBuilder } from '../tiles3d/MeshBuilder.js';
import { sectionFrame } from './sectionFrame.js';
import { splitAtSharpBends } from './splitAtSharpBends.js';
import { sweepLine } from './sweepLine.js';
import { vec3 } from './vec3.js';

/** A rectangular section swept along a centre line, in the tile's ENU metres. */
export interface BoxSectionShape {
  /** Centre line, at least two distinct points. */
  readonly points: readonly Vec3[];
  /** Across the line, level. */
  readonly width: number;
  /** Up and down from the centre line. */
  readonly height: number;
  /** The ellipsoid normal near the line: the section's floor and roof are level. */
  readonly up: Vec3;
}

/** Closes a section with a flat quad facing along the unit `axis`. */
function addCap(mesh: MeshBuilder, featureId: number, corners: readonly Vec3[], axis: Vec3, forward: boolean): void {
  const ids = corners.map((p) => mesh.vertex(p, axis, featureId));
  const quad = forward ? [0, 1, 2, 0, 2, 3] : [0, 2, 1, 0, 3, 2];
  for (let t = 0; t < quad.length; t += 3) mesh.triangle(elementAt(ids, elementAt(quad, t)), elementAt(ids, elementAt(quad, t + 1)), elementAt(ids, elementAt(quad, t + 2)));
}

/** One run: four flat-shaded faces per piece between mitred sections, both ends capped. */
function addRun(mesh: MeshBuilder, featureId: number, points: readonly Vec3[], box: BoxSectionShape): void {
  const first = vec3.normalize(vec3.sub(elementAt(points, 1), elementAt(points, 0)));
  const [u, v] = sectionFrame(first, box.up);
  const [h, w] = [box.height / 2, box.width / 2];
  // Corners in right-handed order about the line: roof and wall on the v side first.
  const section = [
    [h, w],
    [-h, w],
    [-h, -w],
    [h, -w],
  ].map(([a = 0, b = 0]) => vec3.addScaled(vec3.scale(u, a), v, b));
  const stations = sweepLine(points, section);
  const cornersAt = (i: number): Vec3[] => {
    const { centre, offsets } = elementAt(stations, i);
    return offsets.map((o) => vec3.add(centre, o));
  };
  for (let i = 1; i < stations.length; i++) {
    const [behind, ahead] = [cornersAt(i - 1), cornersAt(i)];
    const { offsets, after } = elementAt(stations, i - 1);
    const direction = after ?? first;
    for (let k = 0; k < 4; k++) {
      const k1 = (k + 1) % 4;
      const normal = vec3.normalize(vec3.reject(vec3.add(elementAt(offsets, k), elementAt(offsets, k1)), direction));
      const a0 = mesh.vertex(elementAt(behind, k), normal, featureId);
      const a1 = mesh.vertex(elementAt(behind, k1), normal, featureId);
      const b0 = mesh.vertex(elementAt(ahead, k), normal, featureId);
      const b1 = mesh.vertex(elementAt(ahead, k1), normal, featureId);
      mesh.triangle(a0, a1, b0);
      mesh.triangle(a1, b1, b0);
    }
  }
  const last = elementAt(stations, stations.length - 1);
  addCap(mesh, featureId, cornersAt(0), vec3.scale(first, -1), false);
  addCap(mesh, featureId, cornersAt(stations.length - 1), last.before ?? first, true);
}

/**
 * Adds a box section (a tunnel, a valve body) as triangles of one feature: flat-shaded walls,
 * floor and roof along the line, mitred where it bends up to 60°, cut into separately capped runs
 * at sharper bends; triangles wind counter-clockwise seen from outside.
 */
export function addBoxSection(mesh: MeshBuilder, featureId: number, box: BoxSectionShape): void {
  for (const run of splitAtSharpBends(box.points, Math.hypot(box.width, box.height) / 2)) addRun(mesh, featureId, run, box);
}
