import type { Vec3 } from '../tiles3d/createEnuFrame.js';

/** The few 3D vector operations the meshers need, on plain tuples. */
export const vec3 = {
  add: (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]],
  sub: (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]],
  scale: (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k],
  /** a + b·k */
  addScaled: (a: Vec3, b: Vec3, k: number): Vec3 => [a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k],
  dot: (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2],
  cross: (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]],
  length: (a: Vec3): number => Math.hypot(a[0], a[1], a[2]),
  /** The unit vector along a; a zero vector stays zero. */
  normalize(a: Vec3): Vec3 {
    const length = Math.hypot(a[0], a[1], a[2]);
    return length > 0 ? [a[0] / length, a[1] / length, a[2] / length] : [0, 0, 0];
  },
  /** The part of a perpendicular to the unit vector axis. */
  reject: (a: Vec3, axis: Vec3): Vec3 => {
    const k = a[0] * axis[0] + a[1] * axis[1] + a[2] * axis[2];
    return [a[0] - axis[0] * k, a[1] - axis[1] * k, a[2] - axis[2] * k];
  },
} as const;
