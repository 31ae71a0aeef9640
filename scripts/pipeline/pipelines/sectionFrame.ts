import type { Vec3 } from '../tiles3d/createEnuFrame.js';
import { vec3 } from './vec3.js';

/**
 * Two unit axes across a line going along the unit vector `direction`: `u` as near to `up` as
 * the line allows (so a level pipe's rings and a tunnel's floor stay level), and
 * `v = direction × u`. Going round from u to v turns right-handed about the direction, the order
 * the meshers' triangles assume. A vertical line takes east (or north) for u.
 */
export function sectionFrame(direction: Vec3, up: Vec3): [u: Vec3, v: Vec3] {
  let u = vec3.reject(up, direction);
  if (vec3.length(u) < 1e-6) u = vec3.reject(Math.abs(direction[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0], direction);
  u = vec3.normalize(u);
  return [u, vec3.cross(direction, u)];
}
