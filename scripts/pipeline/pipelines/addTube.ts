import type { Vec3 } from '../tiles3d/createEnuFrame.js';
import { elementAt } from '../tiles3d/elementAt.js';
import type { MeshBuilder } from '../tiles3d/MeshBuilder.js';
import { sectionFrame } from './sectionFrame.js';
import { splitAtSharpBends } from './splitAtSharpBends.js';
import { sweepLine } from './sweepLine.js';
import { vec3 } from './vec3.js';

/** A round tube along a centre line, in the tile's ENU metres. */
export interface TubeShape {
  /** Centre line; consecutive points distinct. A single point makes a ball. */
  readonly points: readonly Vec3[];
  readonly radius: number;
  /** Sides of the prism; its normals are smooth, so 8–12 look round. */
  readonly sides: number;
  /** Round ends (half-spheres) join other tubes cleanly at any angle; flat ends are discs. */
  readonly ends: 'round' | 'flat';
  /** The ellipsoid normal near the line: a level tube's rings are turned the same way all along. */
  readonly up: Vec3;
}

/** Latitude steps of a round end from its rim to its pole (45° each). */
const DOME_STEPS = 2;

/** Quads between two rings, `ahead` further along the line; faces outward for right-handed rings. */
function strip(mesh: MeshBuilder, behind: readonly number[], ahead: readonly number[]): void {
  for (let k = 0; k < behind.length; k++) {
    const k1 = (k + 1) % behind.length;
    mesh.triangle(elementAt(behind, k), elementAt(behind, k1), elementAt(ahead, k));
    mesh.triangle(elementAt(behind, k1), elementAt(ahead, k1), elementAt(ahead, k));
  }
}

/**
 * Closes a ring whose vertices are `centre + offsets`: a half-sphere or a disc bulging along the
 * unit `axis` (pointing away from the tube). `ring` holds the rim's vertex indices.
 */
function addEnd(mesh: MeshBuilder, featureId: number, ring: readonly number[], centre: Vec3, offsets: readonly Vec3[], axis: Vec3, radius: number, shape: 'round' | 'flat', forward: boolean): void {
  // A ring added after `ring` lies ahead of it when the end faces forward (along the line).
  const join = (from: readonly number[], to: readonly number[]): void => (forward ? strip(mesh, from, to) : strip(mesh, to, from));
  if (shape === 'flat') {
    const rim = offsets.map((o) => mesh.vertex(vec3.add(centre, o), axis, featureId));
    const middle = mesh.vertex(centre, axis, featureId);
    for (let k = 0; k < rim.length; k++) {
      const [a, b] = [elementAt(rim, k), elementAt(rim, (k + 1) % rim.length)];
      if (forward) mesh.triangle(middle, a, b);
      else mesh.triangle(middle, b, a);
    }
    return;
  }
  let previous = ring;
  for (let j = 1; j < DOME_STEPS; j++) {
    const angle = (j * Math.PI) / 2 / DOME_STEPS;
    const next = offsets.map((o) => {
      const normal = vec3.normalize(vec3.addScaled(vec3.scale(vec3.normalize(o), Math.cos(angle)), axis, Math.sin(angle)));
      return mesh.vertex(vec3.addScaled(centre, normal, radius), normal, featureId);
    });
    join(previous, next);
    previous = next;
  }
  const pole = mesh.vertex(vec3.addScaled(centre, axis, radius), axis, featureId);
  for (let k = 0; k < previous.length; k++) {
    const [a, b] = [elementAt(previous, k), elementAt(previous, (k + 1) % previous.length)];
    if (forward) mesh.triangle(a, b, pole);
    else mesh.triangle(pole, b, a);
  }
}

function ringOffsets(direction: Vec3, up: Vec3, radius: number, sides: number): Vec3[] {
  const [u, v] = sectionFrame(direction, up);
  return Array.from({ length: sides }, (_, k) => {
    const angle = (2 * Math.PI * k) / sides;
    return vec3.addScaled(vec3.scale(u, radius * Math.cos(angle)), v, radius * Math.sin(angle));
  });
}

/** One run without sharp bends: rings at every vertex, mitred inside, closed at both ends. */
function addRun(mesh: MeshBuilder, featureId: number, points: readonly Vec3[], tube: TubeShape, startShape: 'round' | 'flat', endShape: 'round' | 'flat'): void {
  const first = vec3.normalize(vec3.sub(elementAt(points, 1), elementAt(points, 0)));
  const stations = sweepLine(points, ringOffsets(first, tube.up, tube.radius, tube.sides));
  const rings = stations.map(({ centre, offsets, before, after }) =>
    offsets.map((o) => {
      // At a mitre the vertex is on both pieces' surfaces: its normal is between their normals.
      const normal = vec3.normalize(vec3.add(before ? vec3.normalize(vec3.reject(o, before)) : [0, 0, 0], after ? vec3.normalize(vec3.reject(o, after)) : [0, 0, 0]));
      return mesh.vertex(vec3.add(centre, o), normal, featureId);
    }),
  );
  for (let i = 1; i < rings.length; i++) strip(mesh, elementAt(rings, i - 1), elementAt(rings, i));
  const start = elementAt(stations, 0);
  const end = elementAt(stations, stations.length - 1);
  addEnd(mesh, featureId, elementAt(rings, 0), start.centre, start.offsets, vec3.scale(first, -1), tube.radius, startShape, false);
  addEnd(mesh, featureId, elementAt(rings, rings.length - 1), end.centre, end.offsets, end.before ?? first, tube.radius, endShape, true);
}

/**
 * Adds a tube as triangles of one feature: a prism of `sides` faces with smooth normals around
 * the centre line, mitred where the line bends up to 60° and cut into runs with ball joints
 * (round ends meeting) at sharper bends, closed with round or flat ends. Every vertex of the
 * prism and of round ends lies `radius` from the centre line; triangles wind counter-clockwise
 * seen from outside.
 */
export function addTube(mesh: MeshBuilder, featureId: number, tube: TubeShape): void {
  const [only] = tube.points;
  if (only && tube.points.length === 1) {
    const [axis] = sectionFrame(tube.up, [1, 0, 0]);
    const offsets = ringOffsets(axis, tube.up, tube.radius, tube.sides);
    const ring = offsets.map((o) => mesh.vertex(vec3.add(only, o), vec3.normalize(o), featureId));
    addEnd(mesh, featureId, ring, only, offsets, vec3.scale(axis, -1), tube.radius, 'round', false);
    addEnd(mesh, featureId, ring, only, offsets, axis, tube.radius, 'round', true);
    return;
  }
  const runs = splitAtSharpBends(tube.points, tube.radius);
  runs.forEach((run, i) => addRun(mesh, featureId, run, tube, i === 0 ? tube.ends : 'round', i === runs.length - 1 ? tube.ends : 'round'));
}
