import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEnuFrame, type Vec3 } from '../tiles3d/createEnuFrame.js';
import { elementAt } from '../tiles3d/elementAt.js';
import type { MeshArrays } from '../tiles3d/MeshBuilder.js';
import type { BuildingPartShape } from './BuildingRecord.js';
import { buildBuildingMesh } from './buildBuildingMesh.js';
import { at, ORIGIN, validPolygon } from './testPolygons.js';

type XY = [number, number];

const shoelace = (ring: XY[]): number =>
  ring.reduce((sum, [x, y], i) => {
    const [nx, ny] = elementAt(ring, (i + 1) % ring.length);
    return sum + x * ny - nx * y;
  }, 0) / 2;

/** Even-odd point in ring, on metres (pointInRing's twin, kept independent of the code under test). */
function inside([x, y]: XY, ring: XY[]): boolean {
  let result = false;
  for (const [i, [xi, yi]] of ring.entries()) {
    const [xj, yj] = elementAt(ring, (i + ring.length - 1) % ring.length);
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

const vec = (a: ArrayLike<number>, i: number): Vec3 => [elementAt(a, i * 3), elementAt(a, i * 3 + 1), elementAt(a, i * 3 + 2)];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function triangles(mesh: MeshArrays): Vec3[] {
  return Array.from({ length: mesh.indices.length / 3 }, (_, t) => vec(mesh.indices, t));
}

const part = fc.record({
  rings: validPolygon(at(300, -200)),
  minHeightM: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 60, noNaN: true })),
  heightM: fc.double({ min: 1, max: 300, noNaN: true }),
}).map(({ rings, minHeightM, heightM }): BuildingPartShape => ({ rings, minHeightM, heightM: minHeightM + heightM }));

describe('buildBuildingMesh (property-based)', () => {
  const frame = createEnuFrame(...ORIGIN);

  it('extrudes any footprint into a closed, outward-facing, flat-shaded prism', () => {
    fc.assert(
      fc.property(part, fc.integer({ min: 0, max: 5000 }), (shape, featureId) => {
        const { walls, roofs } = buildBuildingMesh(frame, [{ featureId, parts: [shape] }]);
        const rings = shape.rings.map((ring) => ring.map(([lon, lat]) => frame.toEnu(lon, lat, shape.heightM).slice(0, 2) as XY));
        const footprintArea = rings.reduce((sum, ring) => sum + shoelace(ring), 0);
        const outline = elementAt(rings, 0);
        const xs = outline.map((p) => p[0]);
        const ys = outline.map((p) => p[1]);
        const tolerance = 0.05;

        // Roof triangles cover exactly the footprint minus its courtyard.
        const roofArea = triangles(roofs).reduce((sum, [a, b, c]) => {
          const [pa, pb, pc] = [vec(roofs.positions, a), vec(roofs.positions, b), vec(roofs.positions, c)];
          return sum + cross(sub(pb, pa), sub(pc, pa))[2] / 2;
        }, 0);
        expect(roofArea / footprintArea).toBeCloseTo(1, 3);

        for (const mesh of [walls, roofs]) {
          // Feature ids are the building's, and every vertex stays over the footprint between its heights.
          expect(mesh.featureIds.every((id) => id === featureId)).toBe(true);
          const [west, east, south, north] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          const strays = Array.from({ length: mesh.featureIds.length }, (_, i) => vec(mesh.positions, i)).filter(
            ([x, y, z]) =>
              x < west - tolerance || x > east + tolerance || y < south - tolerance || y > north + tolerance ||
              Math.min(Math.abs(z - shape.minHeightM), Math.abs(z - shape.heightM)) > tolerance,
          );
          expect(strays).toEqual([]);
          const badNormals = Array.from({ length: mesh.featureIds.length }, (_, i) => Math.hypot(...vec(mesh.normals, i))).filter((l) => Math.abs(l - 1) > 1e-5);
          expect(badNormals).toEqual([]);
          // Winding agrees with the normals: front faces are counter-clockwise seen from outside.
          const backFacing = triangles(mesh).filter(([a, b, c]) => {
            const [pa, pb, pc] = [vec(mesh.positions, a), vec(mesh.positions, b), vec(mesh.positions, c)];
            return dot(cross(sub(pb, pa), sub(pc, pa)), vec(mesh.normals, a)) <= 0;
          });
          expect(backFacing).toEqual([]);
        }

        // Roofs face up; walls are vertical and face away from the solid.
        expect(Array.from({ length: roofs.featureIds.length }, (_, i) => vec(roofs.normals, i)[2]).every((z) => z > 0.9999)).toBe(true);
        // Checked along each wall's bottom edge against the footprint at that height: the ENU
        // frame's up is not quite the local vertical away from its origin.
        const base = shape.rings.map((ring) => ring.map(([lon, lat]) => frame.toEnu(lon, lat, shape.minHeightM).slice(0, 2) as XY));
        const solid = (p: XY): boolean => inside(p, elementAt(base, 0)) && !base.slice(1).some((hole) => inside(p, hole));
        for (const triangle of triangles(walls)) {
          const normal = vec(walls.normals, triangle[0]);
          if (normal[2] < -0.9999) continue; // underside of a raised part
          if (Math.abs(normal[2]) > 1e-3) expect.fail(`wall normal ${normal.join(', ')} is not horizontal`);
          const [a, b, ...more] = triangle.map((i) => vec(walls.positions, i)).filter((p) => Math.abs(p[2] - shape.minHeightM) < tolerance);
          if (!a || !b || more.length || Math.hypot(b[0] - a[0], b[1] - a[1]) < 0.1) continue;
          const mid: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
          const step = 1e-3;
          if (solid([mid[0] + normal[0] * step, mid[1] + normal[1] * step]) || !solid([mid[0] - normal[0] * step, mid[1] - normal[1] * step])) {
            expect.fail(`wall at ${mid.join(', ')} faces into the building`);
          }
        }

        // Undersides exist exactly for raised parts.
        expect(Array.from({ length: walls.featureIds.length }, (_, i) => vec(walls.normals, i)[2] < -0.9999).some(Boolean)).toBe(shape.minHeightM > 0);
      }),
      { numRuns: 150 },
    );
  });

  it('tags each building with its own feature id', () => {
    const shape = fc.sample(part, { numRuns: 3, seed: 7 });
    const mesh = buildBuildingMesh(frame, shape.map((p, featureId) => ({ featureId, parts: [p] })));
    expect(new Set(mesh.roofs.featureIds)).toEqual(new Set([0, 1, 2]));
    expect(new Set(mesh.walls.featureIds)).toEqual(new Set([0, 1, 2]));
  });
});
