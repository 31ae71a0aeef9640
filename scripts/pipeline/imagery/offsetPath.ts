import type { WorldPath } from './groundScene.js';

/** A sharp bend would throw a mitred offset point far out; capping the stretch keeps it near. */
const MITRE_LIMIT = 2;

/**
 * The path moved sideways by `distance` (positive to the right when looking along it on the
 * map, y pointing south), each vertex mitred between its two segments.
 */
export function offsetPath(path: WorldPath, distance: number): WorldPath {
  const count = path.length / 2;
  const normals: [number, number][] = [];
  for (let i = 0; i + 1 < count; i++) {
    const dx = (path[2 * i + 2] as number) - (path[2 * i] as number);
    const dy = (path[2 * i + 3] as number) - (path[2 * i + 1] as number);
    const length = Math.hypot(dx, dy) || 1;
    normals.push([-dy / length, dx / length]);
  }
  const out = new Float64Array(path.length);
  for (let i = 0; i < count; i++) {
    const before = normals[Math.max(0, i - 1)] ?? [0, 0];
    const after = normals[Math.min(count - 2, i)] ?? before;
    let nx = before[0] + after[0];
    let ny = before[1] + after[1];
    const length = Math.hypot(nx, ny);
    if (length < 1e-12) {
      [nx, ny] = after;
    } else {
      nx /= length;
      ny /= length;
    }
    const stretch = Math.min(MITRE_LIMIT, 1 / Math.max(1e-6, nx * after[0] + ny * after[1]));
    out[2 * i] = (path[2 * i] as number) + nx * distance * stretch;
    out[2 * i + 1] = (path[2 * i + 1] as number) + ny * distance * stretch;
  }
  return out;
}
