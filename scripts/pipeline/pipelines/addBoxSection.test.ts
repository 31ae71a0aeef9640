import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../tiles3d/createEnuFrame.js';
import { elementAt } from '../tiles3d/elementAt.js';
import { MeshBuilder } from '../tiles3d/MeshBuilder.js';
import { addBoxSection } from './addBoxSection.js';
import { vec3 } from './vec3.js';

const at = (array: ArrayLike<number>, i: number): Vec3 => [elementAt(array, 3 * i), elementAt(array, 3 * i + 1), elementAt(array, 3 * i + 2)];

describe('addBoxSection', () => {
  // A tunnel 6 m wide and 3 m high, its centre line 4.5 m down, going east then bending 30° north.
  const points: Vec3[] = [[0, 0, -4.5], [100, 0, -4.5], [100 + 50 * Math.cos(Math.PI / 6), 50 * Math.sin(Math.PI / 6), -4.5]];
  const builder = new MeshBuilder();
  addBoxSection(builder, 7, { points, width: 6, height: 3, up: [0, 0, 1] });
  const m = builder.build();
  const count = m.featureIds.length;

  it('keeps a level floor and roof at the depth ± half the height', () => {
    const heights = Array.from({ length: count }, (_, i) => at(m.positions, i)[2]);
    expect(new Set(heights.map((h) => h.toFixed(4)))).toEqual(new Set(['-3.0000', '-6.0000']));
  });

  it('mitres the bend: corners there are half the width from both pieces’ centre lines', () => {
    const corners = Array.from({ length: count }, (_, i) => at(m.positions, i)).filter((p) => Math.abs(p[0] - 100) < 5 && Math.abs(p[1]) < 5);
    expect(corners.length).toBeGreaterThan(0);
    const before = (p: Vec3): number => Math.abs(p[1]);
    const afterDirection: Vec3 = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0];
    const after = (p: Vec3): number => vec3.length(vec3.reject(vec3.sub(p, [100, 0, p[2]]), afterDirection));
    for (const p of corners) {
      expect(before(p)).toBeCloseTo(3, 4);
      expect(after(p)).toBeCloseTo(3, 4);
    }
  });

  it('winds every triangle to face along its flat normal, outward, for the one feature', () => {
    expect(m.featureIds.every((id) => id === 7)).toBe(true);
    for (let t = 0; t < m.indices.length; t += 3) {
      const ids = [elementAt(m.indices, t), elementAt(m.indices, t + 1), elementAt(m.indices, t + 2)];
      const [a, b, c] = ids.map((id) => at(m.positions, id)) as [Vec3, Vec3, Vec3];
      const face = vec3.normalize(vec3.cross(vec3.sub(b, a), vec3.sub(c, a)));
      for (const id of ids) expect(vec3.dot(face, at(m.normals, id))).toBeGreaterThan(0.999);
      // Outward: away from the middle of the tunnel's piece (the centre line lies inside).
      const centre = vec3.scale(vec3.add(vec3.add(a, b), c), 1 / 3);
      const axis = centre[0] <= 100 ? ([centre[0], 0, -4.5] as Vec3) : vec3.addScaled([100, 0, -4.5], [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0], vec3.dot(vec3.sub(centre, [100, 0, -4.5]), [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0]));
      expect(vec3.dot(face, vec3.sub(centre, axis))).toBeGreaterThanOrEqual(-1e-4);
    }
  });
});
