import fc from 'fast-check';
import { VehicleFrameError, type VehicleFrame, type VehiclePosition } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { geodeticToEcef } from './geodeticToEcef.js';
import { VehicleTable, type VehicleTableOptions } from './vehicleTable.js';

const OPTIONS: VehicleTableOptions = { heightM: 2, segment: { minMs: 100, maxMs: 2000 }, maxGapMs: 5000, maxStepM: 250, maxVehicles: 1000 };
const LON = 117.278;
const LAT = 34.205;
/** Degrees of longitude per metre here. */
const LON_PER_M = 1 / (111_320 * Math.cos((LAT * Math.PI) / 180));

const car = (id: string, eastM: number, headingDeg = 90, type: VehiclePosition['type'] = 'car'): VehiclePosition => ({
  id,
  type,
  lon: LON + eastM * LON_PER_M,
  lat: LAT,
  headingDeg,
  speedMs: 10,
});
const frame = (timeMs: number, vehicles: VehiclePosition[]): VehicleFrame => ({ timeMs, vehicles });

const drawn = (table: VehicleTable, id: string, nowMs: number) => {
  const slot = table.slotOf(id);
  if (slot === undefined) throw new Error(`${id} is not in the table`);
  const out = { x: 0, y: 0, z: 0 };
  table.positionAt(slot, table.progress(nowMs), out);
  return out;
};
const at = (vehicle: VehiclePosition) => {
  const out = new Float64Array(3);
  geodeticToEcef(vehicle.lon, vehicle.lat, OPTIONS.heightM, out, 0);
  return { x: out[0] ?? 0, y: out[1] ?? 0, z: out[2] ?? 0 };
};
const distance = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
/** Everything the table holds that a refused frame must leave as it was. */
const snapshot = (table: VehicleTable) => ({
  count: table.count,
  ids: [...table.ids],
  from: [...table.from],
  to: [...table.to],
  headings: [...table.fromHeading, ...table.turn],
  frameTimeMs: table.frameTimeMs,
  segment: [table.segmentStartMs, table.segmentMs],
});

describe('VehicleTable', () => {
  it('places the first frame as it is, every vehicle new and growing in', () => {
    const table = new VehicleTable(OPTIONS);
    const update = table.apply(frame(1000, [car('A', 0), car('B', 50)]), 0);
    expect(update).toMatchObject({ kind: 'applied', removed: [], retyped: [] });
    expect(update.kind === 'applied' && update.added).toHaveLength(2);
    expect(table.count).toBe(2);
    expect(table.progress(0)).toBe(1);
    expect(distance(drawn(table, 'B', 0), at(car('B', 50)))).toBeLessThan(1e-6);
    expect(table.growing[table.slotOf('A') ?? -1]).toBe(1);
  });

  it('slides a vehicle to its next position over the time between frames, then stops there', () => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(1000, [car('A', 0)]), 0);
    table.apply(frame(2000, [car('A', 10)]), 1000);
    expect(distance(drawn(table, 'A', 1000), at(car('A', 0)))).toBeLessThan(1e-6);
    expect(distance(drawn(table, 'A', 1500), at(car('A', 5)))).toBeLessThan(0.01);
    expect(distance(drawn(table, 'A', 2000), at(car('A', 10)))).toBeLessThan(1e-6);
    // No next frame: the vehicle waits where the last frame put it, it does not drive on.
    expect(distance(drawn(table, 'A', 60_000), at(car('A', 10)))).toBeLessThan(1e-6);
  });

  it('sets off from where a vehicle is drawn when a frame comes early', () => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(1000, [car('A', 0)]), 0);
    table.apply(frame(2000, [car('A', 10)]), 1000);
    const before = drawn(table, 'A', 1400);
    table.apply(frame(3000, [car('A', 20)]), 1400);
    expect(distance(drawn(table, 'A', 1400), before)).toBeLessThan(1e-6);
    expect(table.segmentMs).toBe(400);
  });

  it('turns the short way round through north', () => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(1000, [car('A', 0, 350)]), 0);
    table.apply(frame(2000, [car('A', 5, 10)]), 1000);
    const slot = table.slotOf('A') ?? -1;
    expect(table.turn[slot]).toBeCloseTo(20);
    expect(table.headingAt(slot, 0.5)).toBeCloseTo(0, 4);
  });

  it('removes vehicles missing from a frame, and gives their slot to the next new one', () => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(1000, [car('A', 0), car('B', 50)]), 0);
    const slotB = table.slotOf('B');
    const update = table.apply(frame(2000, [car('A', 10), car('C', 80)]), 1000);
    expect(update).toMatchObject({ kind: 'applied', removed: [slotB], added: [slotB] });
    expect(table.slotOf('B')).toBeUndefined();
    expect(table.slotOf('C')).toBe(slotB);
    expect(table.count).toBe(2);
  });

  it('makes vehicles jump, not fly across the map, after a gap in frames', () => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(1000, [car('A', 0)]), 0);
    table.apply(frame(60_000, [car('A', 100)]), 1000);
    expect(distance(drawn(table, 'A', 1000), at(car('A', 100)))).toBeLessThan(1e-6);
  });

  it('makes a vehicle that moved implausibly far jump, and the others slide', () => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(1000, [car('A', 0), car('B', 0)]), 0);
    table.apply(frame(2000, [car('A', 10), car('B', 2000)]), 1000);
    expect(distance(drawn(table, 'A', 1000), at(car('A', 0)))).toBeLessThan(1e-6);
    expect(distance(drawn(table, 'B', 1000), at(car('B', 2000)))).toBeLessThan(1e-6);
  });

  it('drops a frame that is not newer than the one it holds', () => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(2000, [car('A', 0)]), 0);
    const before = snapshot(table);
    expect(table.apply(frame(2000, [car('A', 10)]), 100)).toEqual({ kind: 'stale' });
    expect(table.apply(frame(1000, [car('B', 10)]), 100)).toEqual({ kind: 'stale' });
    expect(snapshot(table)).toEqual(before);
  });

  it('reports a change of type', () => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(1000, [car('A', 0)]), 0);
    expect(table.apply(frame(2000, [car('A', 5, 90, 'emergency')]), 1000)).toMatchObject({ retyped: [table.slotOf('A')] });
  });

  it.each([
    ['a time that is not a number', frame(Number.NaN, [car('A', 0)])],
    ['the same vehicle twice', frame(3000, [car('A', 0), car('A', 5)])],
    ['a new vehicle twice', frame(3000, [car('N', 0), car('N', 5)])],
    ['a vehicle off the globe', frame(3000, [car('A', 0), { ...car('B', 0), lat: 123 }])],
    ['a heading that is not a number', frame(3000, [{ ...car('A', 0), headingDeg: Number.NaN }])],
    ['an unknown type', frame(3000, [{ ...car('A', 0), type: 'tank' as VehiclePosition['type'] }])],
    ['more vehicles than allowed', frame(3000, Array.from({ length: 1001 }, (_, i) => car(`V${i}`, i)))],
  ])('refuses a frame with %s and changes nothing', (_, bad) => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(1000, [car('A', 0), car('B', 50)]), 0);
    const before = snapshot(table);
    expect(() => table.apply(bad, 500)).toThrow(VehicleFrameError);
    expect(snapshot(table)).toEqual(before);
  });

  it('forgets everything on clear, and takes the next frame as a first one', () => {
    const table = new VehicleTable(OPTIONS);
    table.apply(frame(5000, [car('A', 0)]), 0);
    expect(table.clear()).toEqual([0]);
    expect(table.count).toBe(0);
    expect(table.apply(frame(1000, [car('A', 0)]), 10)).toMatchObject({ kind: 'applied', added: [0] });
  });

  it('over any run of frames holds exactly the last frame’s vehicles, moving without jumps', () => {
    const ids = fc.uniqueArray(fc.constantFrom<string>('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'), { maxLength: 8 });
    const step = fc.record({
      ids,
      eastM: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 8, maxLength: 8 }),
      heading: fc.array(fc.double({ min: 0, max: 360, noNaN: true }), { minLength: 8, maxLength: 8 }),
      arriveAfterMs: fc.integer({ min: 1, max: 3000 }),
      simulatedMs: fc.integer({ min: 1, max: 8000 }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const table = new VehicleTable(OPTIONS);
        let now = 0;
        let time = 0;
        for (const { ids: present, eastM, heading, arriveAfterMs, simulatedMs } of steps) {
          now += arriveAfterMs;
          time += simulatedMs;
          const vehicles = present.map((id, i) => car(id, eastM[i] ?? 0, heading[i] ?? 0));
          const before = new Map(present.filter((id) => table.slotOf(id) !== undefined).map((id) => [id, drawn(table, id, now)]));
          const update = table.apply(frame(time, vehicles), now);
          expect(update.kind).toBe('applied');
          expect(table.count).toBe(present.length);
          expect(table.ids.filter((id) => id !== undefined).sort()).toEqual([...present].sort());
          for (const vehicle of vehicles) {
            const slot = table.slotOf(vehicle.id) ?? -1;
            expect(table.ids[slot]).toBe(vehicle.id);
            const previous = before.get(vehicle.id);
            const start = drawn(table, vehicle.id, now);
            // Either it sets off from where it was drawn, or (after a gap) it is already there.
            if (previous && distance(start, previous) > 1e-6) {
              expect(simulatedMs > OPTIONS.maxGapMs || distance(previous, at(vehicle)) > OPTIONS.maxStepM).toBe(true);
              expect(distance(start, at(vehicle))).toBeLessThan(1e-6);
            }
            expect(distance(drawn(table, vehicle.id, now + 2000), at(vehicle))).toBeLessThan(1e-6);
            expect(Math.abs(table.turn[slot] ?? 0)).toBeLessThanOrEqual(180);
          }
        }
      }),
    );
  });
});
