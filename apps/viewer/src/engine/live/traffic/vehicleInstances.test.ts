import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_SLOT, INSTANCE_FLOATS, packInstances, type InstanceSource } from './vehicleInstances.js';

/** Xuzhou's district centre in ECEF, metres: where the layer packs about. */
const CENTER = { x: -2_476_000, y: 4_801_000, z: 3_566_000 };

const slotArbitrary = fc.record({
  alive: fc.boolean(),
  from: fc.tuple(fc.double({ min: -10_000, max: 10_000, noNaN: true }), fc.double({ min: -10_000, max: 10_000, noNaN: true }), fc.double({ min: -10_000, max: 10_000, noNaN: true })),
  step: fc.tuple(fc.double({ min: -250, max: 250, noNaN: true }), fc.double({ min: -250, max: 250, noNaN: true }), fc.double({ min: -250, max: 250, noNaN: true })),
  heading: fc.double({ min: 0, max: 359.99, noNaN: true }),
  turn: fc.double({ min: -180, max: 180, noNaN: true }),
  appearedAgoMs: fc.double({ min: 0, max: 1e9, noNaN: true }),
  type: fc.integer({ min: 0, max: 4 }),
});

type SlotSpec = typeof slotArbitrary extends fc.Arbitrary<infer T> ? T : never;

function tableOf(slots: readonly SlotSpec[], segmentStartMs: number): InstanceSource {
  const n = slots.length;
  const table = {
    alive: new Uint8Array(n),
    from: new Float64Array(3 * n),
    to: new Float64Array(3 * n),
    fromHeading: new Float32Array(n),
    turn: new Float32Array(n),
    appearAtMs: new Float64Array(n),
    type: new Uint8Array(n),
    highWater: n,
    segmentStartMs,
  };
  slots.forEach((slot, i) => {
    table.alive[i] = slot.alive ? 1 : 0;
    const [x, y, z] = slot.from;
    const [dx, dy, dz] = slot.step;
    table.from.set([CENTER.x + x, CENTER.y + y, CENTER.z + z], 3 * i);
    table.to.set([CENTER.x + x + dx, CENTER.y + y + dy, CENTER.z + z + dz], 3 * i);
    table.fromHeading[i] = slot.heading;
    table.turn[i] = slot.turn;
    table.appearAtMs[i] = segmentStartMs - slot.appearedAgoMs;
    table.type[i] = slot.type;
  });
  return table;
}

describe('packInstances', () => {
  it('carries every live vehicle’s segment to the GPU within a millimetre across 10 km, and marks empty slots', () => {
    fc.assert(
      fc.property(fc.array(slotArbitrary, { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1e10, noNaN: true }), (slots, segmentStartMs) => {
        const table = tableOf(slots, segmentStartMs);
        const out = new Float32Array(slots.length * INSTANCE_FLOATS);
        const bounds = packInstances(table, CENTER, out);
        expect(bounds.count).toBe(slots.filter((slot) => slot.alive).length);
        slots.forEach((slot, i) => {
          const o = i * INSTANCE_FLOATS;
          if (!slot.alive) {
            expect(out[o + 9]).toBe(EMPTY_SLOT);
            return;
          }
          const centre = [CENTER.x, CENTER.y, CENTER.z];
          for (let axis = 0; axis < 3; axis++) {
            const c = centre[axis] ?? 0;
            expect(Math.abs(c + (out[o + axis] ?? 0) - (table.from[3 * i + axis] ?? 0))).toBeLessThan(1e-3);
            expect(Math.abs(c + (out[o + 3 + axis] ?? 0) - (table.to[3 * i + axis] ?? 0))).toBeLessThan(1e-3);
          }
          expect(out[o + 6]).toBeCloseTo(slot.heading, 3);
          expect(out[o + 7]).toBeCloseTo(slot.turn, 3);
          expect(out[o + 9]).toBe(slot.type);
        });
      }),
    );
  });

  it('says when each vehicle appeared relative to the segment, a recent one to the millisecond', () => {
    fc.assert(
      fc.property(fc.array(slotArbitrary, { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1e10, noNaN: true }), (slots, segmentStartMs) => {
        const table = tableOf(slots, segmentStartMs);
        const out = new Float32Array(slots.length * INSTANCE_FLOATS);
        packInstances(table, CENTER, out);
        slots.forEach((slot, i) => {
          if (!slot.alive) return;
          const appeared = out[i * INSTANCE_FLOATS + 8] ?? Number.NaN;
          expect(appeared).toBeLessThanOrEqual(0);
          // Long ago is clamped, far beyond the 400 ms a vehicle takes to grow in.
          if (slot.appearedAgoMs < 5000) expect(Math.abs(appeared + slot.appearedAgoMs)).toBeLessThan(1);
          else expect(appeared).toBeLessThanOrEqual(-5000);
        });
      }),
    );
  });

  it('bounds every live vehicle’s start and end, and nothing of the empty slots', () => {
    fc.assert(
      fc.property(fc.array(slotArbitrary, { minLength: 1, maxLength: 40 }), (slots) => {
        const table = tableOf(slots, 0);
        const { min, max } = packInstances(table, CENTER, new Float32Array(slots.length * INSTANCE_FLOATS));
        const live = slots.filter((slot) => slot.alive);
        if (live.length === 0) {
          expect(min.x).toBe(Infinity);
          return;
        }
        for (const slot of live) {
          const ends = [slot.from, slot.from.map((v, axis) => v + (slot.step[axis] ?? 0))];
          for (const [x = 0, y = 0, z = 0] of ends) {
            expect(x).toBeGreaterThanOrEqual(min.x - 1e-6);
            expect(y).toBeGreaterThanOrEqual(min.y - 1e-6);
            expect(z).toBeGreaterThanOrEqual(min.z - 1e-6);
            expect(x).toBeLessThanOrEqual(max.x + 1e-6);
            expect(y).toBeLessThanOrEqual(max.y + 1e-6);
            expect(z).toBeLessThanOrEqual(max.z + 1e-6);
          }
        }
        // Tight: the box's corners are ends of live vehicles.
        const xs = live.flatMap((slot) => [slot.from[0], slot.from[0] + slot.step[0]]);
        expect(min.x).toBeCloseTo(Math.min(...xs), 6);
        expect(max.x).toBeCloseTo(Math.max(...xs), 6);
      }),
    );
  });
});
