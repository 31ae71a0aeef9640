import type { Vec3 } from '../tiles3d/createEnuFrame.js';
import { elementAt } from '../tiles3d/elementAt.js';
import { vec3 } from './vec3.js';

/** Where a cross-section sits along a swept line. */
export interface SweepStation {
  /** A vertex of the line. */
  readonly centre: Vec3;
  /** The section's points relative to the centre: the first section's, carried along the line. */
  readonly offsets: readonly Vec3[];
  /** Unit direction of the piece arriving here (absent at the start). */
  readonly before?: Vec3;
  /** Unit direction of the piece leaving here (absent at the end). */
  readonly after?: Vec3;
}

/**
 * Sweeps a cross-section along a line of at least two distinct points. `section` holds offsets
 * perpendicular to the first piece. At each inner vertex the section is cut by the mitre plane
 * (the plane halving the turn): every offset is slid along the arriving piece onto that plane,
 * which puts it on the arriving and the leaving piece's surfaces at once, so neighbouring pieces
 * share the joint without gap or overlap. The leaving piece then carries the offsets' parts
 * perpendicular to it, so the section never twists.
 */
export function sweepLine(points: readonly Vec3[], section: readonly Vec3[]): SweepStation[] {
  if (points.length < 2) throw new Error('a swept line needs at least two points');
  const directions = points.slice(1).map((p, i) => vec3.normalize(vec3.sub(p, elementAt(points, i))));
  const stations: SweepStation[] = [{ centre: elementAt(points, 0), offsets: section, after: elementAt(directions, 0) }];
  let offsets = section;
  for (let i = 1; i < points.length - 1; i++) {
    const before = elementAt(directions, i - 1);
    const after = elementAt(directions, i);
    const mitre = vec3.normalize(vec3.add(before, after));
    const mitred = offsets.map((o) => vec3.addScaled(o, before, -vec3.dot(o, mitre) / vec3.dot(before, mitre)));
    stations.push({ centre: elementAt(points, i), offsets: mitred, before, after });
    offsets = mitred.map((o) => vec3.reject(o, after));
  }
  stations.push({ centre: elementAt(points, points.length - 1), offsets, before: elementAt(directions, directions.length - 1) });
  return stations;
}
