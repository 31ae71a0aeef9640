import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../tiles3d/createEnuFrame.js';
import { elementAt } from '../tiles3d/elementAt.js';
import { type MeshArrays, MeshBuilder } from '../tiles3d/MeshBuilder.js';
import { addTube, type TubeShape } from './addTube.js';
import { vec3 } from './vec3.js';

const at = (array: ArrayLike<number>, i: number): Vec3 => [elementAt(array, 3 * i), elementAt(array, 3 * i + 1), elementAt(array, 3 * i + 2)];

/** A centre line: a start point and steps of 0.5–60 m, turning by any angle, slightly sloping. */
const line = fc
  .tuple(
    fc.tuple(fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -6, max: -0.5, noNaN: true })),
    fc.array(fc.tuple(fc.double({ min: 0.5, max: 60, noNaN: true }), fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), fc.double({ min: -0.2, max: 0.2, noNaN: true })), { maxLength: 6 }),
  )
  .map(([start, steps]) => {
    const points: Vec3[] = [start];
    let heading = 0;
    for (const [length, turn, slope] of steps) {
      heading += turn;
      const last = elementAt(points, points.length - 1);
      points.push([last[0] + length * Math.cos(heading), last[1] + length * Math.sin(heading), last[2] + length * slope]);
    }
    return points;
  });

const tubes: fc.Arbitrary<TubeShape> = fc.record({
  points: line,
  radius: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
  sides: fc.integer({ min: 8, max: 12 }),
  ends: fc.constant('round' as const),
  up: fc.constantFrom<Vec3>([0, 0, 1], vec3.normalize([0.0003, -0.0002, 1])),
});

function mesh(tube: TubeShape, featureId = 3): MeshArrays {
  const builder = new MeshBuilder();
  addTube(builder, featureId, tube);
  return builder.build();
}

/** Closest point to p on the piece a→b: on the segment itself, or on its line a radius beyond either end (a mitre reaches that far at most). */
function closest(p: Vec3, a: Vec3, b: Vec3, radius: number): { onSegment: Vec3; onLine: Vec3 | undefined } {
  const ab = vec3.sub(b, a);
  const length = vec3.length(ab);
  if (length === 0) return { onSegment: a, onLine: undefined };
  const t = vec3.dot(vec3.sub(p, a), ab) / length;
  const onSegment = vec3.addScaled(a, ab, Math.min(length, Math.max(0, t)) / length);
  return { onSegment, onLine: t >= -radius && t <= length + radius ? vec3.addScaled(a, ab, t / length) : undefined };
}

/** Whether a vertex lies `radius` from some piece of the centre line (its own) with its normal pointing away from it. */
function onSurface(p: Vec3, n: Vec3, tube: TubeShape, tolerance: number): boolean {
  const pieces: [Vec3, Vec3][] = tube.points.length === 1 ? [[elementAt(tube.points, 0), elementAt(tube.points, 0)]] : tube.points.slice(1).map((b, i) => [elementAt(tube.points, i), b]);
  return pieces.some(([a, b]) => {
    const { onSegment, onLine } = closest(p, a, b, tube.radius);
    return [onSegment, onLine].some((c) => c !== undefined && Math.abs(vec3.length(vec3.sub(p, c)) - tube.radius) <= tolerance && vec3.dot(n, vec3.sub(p, c)) > 0);
  });
}

describe('addTube', () => {
  it('puts every vertex at the radius from the centre line, with unit outward normals', () => {
    fc.assert(
      fc.property(tubes, (tube) => {
        const m = mesh(tube);
        // Float32 positions up to ~900 m from the origin: steps of 0.06 mm.
        const tolerance = 2e-4;
        for (let i = 0; i < m.featureIds.length; i++) {
          const [p, n] = [at(m.positions, i), at(m.normals, i)];
          expect(Math.abs(vec3.length(n) - 1)).toBeLessThan(1e-5);
          expect(onSurface(p, n, tube, tolerance), `vertex ${i} at ${p.join(', ')}`).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('makes closed, outward-wound, non-degenerate triangles of the one feature', () => {
    fc.assert(
      fc.property(tubes, fc.integer({ min: 0, max: 65_000 }), (tube, featureId) => {
        const m = mesh(tube, featureId);
        const vertices = m.featureIds.length;
        expect(m.featureIds.every((id) => id === featureId)).toBe(true);
        expect(m.indices.length % 3).toBe(0);
        // Directed edges as from · 2^20 + to (a tube has far fewer than 2^20 vertices).
        const edges = new Map<number, number>();
        const key = (from: number, to: number): number => from * 2 ** 20 + to;
        for (let t = 0; t < m.indices.length; t += 3) {
          const ids = [elementAt(m.indices, t), elementAt(m.indices, t + 1), elementAt(m.indices, t + 2)];
          expect(ids.every((id) => id < vertices)).toBe(true);
          const [a, b, c] = ids.map((id) => at(m.positions, id)) as [Vec3, Vec3, Vec3];
          const face = vec3.cross(vec3.sub(b, a), vec3.sub(c, a));
          expect(vec3.length(face) / 2).toBeGreaterThan(1e-6 * tube.radius * tube.radius);
          const normals = ids.map((id) => at(m.normals, id)).reduce(vec3.add);
          expect(vec3.dot(face, normals)).toBeGreaterThan(0);
          for (const [from = 0, to = 0] of [[ids[0], ids[1]], [ids[1], ids[2]], [ids[2], ids[0]]]) edges.set(key(from, to), (edges.get(key(from, to)) ?? 0) + 1);
        }
        // Watertight: every directed edge is matched once by its reverse (round ends, shared rings).
        for (const [edge, count] of edges) {
          const [from, to] = [Math.floor(edge / 2 ** 20), edge % 2 ** 20];
          if (count !== 1 || edges.get(key(to, from)) !== 1) expect.fail(`edge ${from}→${to} is used ${count} times, its reverse ${edges.get(key(to, from)) ?? 0} times`);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('closes flat ends with discs facing along the line', () => {
    const tube: TubeShape = { points: [[0, 0, -0.1], [0, 0, -3]], radius: 0.6, sides: 12, ends: 'flat', up: [0, 0, 1] };
    const m = mesh(tube);
    const heights = Array.from({ length: m.featureIds.length }, (_, i) => at(m.positions, i)[2]);
    expect(Math.max(...heights)).toBeCloseTo(-0.1, 6);
    expect(Math.min(...heights)).toBeCloseTo(-3, 6);
    const top = Array.from({ length: m.featureIds.length }, (_, i) => i).filter((i) => at(m.normals, i)[2] > 0.99);
    expect(top.length).toBe(13);
    expect(top.every((i) => Math.abs(at(m.positions, i)[2] + 0.1) < 1e-6)).toBe(true);
    for (let i = 0; i < m.featureIds.length; i++) expect(Math.hypot(at(m.positions, i)[0], at(m.positions, i)[1])).toBeLessThanOrEqual(0.6 + 1e-6);
  });

  it('makes a ball of one point', () => {
    const m = mesh({ points: [[5, -2, -1.5]], radius: 0.3, sides: 8, ends: 'round', up: [0, 0, 1] });
    for (let i = 0; i < m.featureIds.length; i++) expect(vec3.length(vec3.sub(at(m.positions, i), [5, -2, -1.5]))).toBeCloseTo(0.3, 6);
  });
});
