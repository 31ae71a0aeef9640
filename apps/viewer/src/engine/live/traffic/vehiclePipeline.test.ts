import fc from 'fast-check';
import { decodeVehicleFrame, encodeVehicleFrame, VehicleFrameError, type VehiclePosition } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { geodeticToEcef } from './geodeticToEcef.js';
import { VehicleIndex, type VehicleIndexOptions } from './vehicleIndex.js';
import { VehicleTable, type VehicleTableOptions } from './vehicleTable.js';

const OPTIONS: VehicleTableOptions & VehicleIndexOptions = { heightM: 2, segment: { minMs: 100, maxMs: 2000 }, maxGapMs: 5000, maxStepM: 250, maxVehicles: 1000 };
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
const frame = (timeMs: number, vehicles: VehiclePosition[]): Uint8Array => encodeVehicleFrame(timeMs, vehicles);

/** The layer's two halves as it joins them: the worker's index, then the main thread's table. */
class Pipeline {
  readonly index = new VehicleIndex(OPTIONS);
  readonly table = new VehicleTable(OPTIONS);

  apply(bytes: Uint8Array, nowMs: number) {
    const outcome = this.index.index(bytes);
    if (outcome.kind === 'stale') return { kind: 'stale' as const };
    const { added, removed, retyped } = this.table.apply(outcome.frame, nowMs);
    return { kind: 'applied' as const, added, removed: [...removed], retyped };
  }

  slotOf(id: string): number | undefined {
    return this.index.slotOf(id);
  }

  clear(): number[] {
    this.index.clear();
    return this.table.clear();
  }
}

const drawn = (pipeline: Pipeline, id: string, nowMs: number) => {
  const slot = pipeline.slotOf(id);
  if (slot === undefined) throw new Error(`${id} is not in the table`);
  const out = { x: 0, y: 0, z: 0 };
  pipeline.table.positionAt(slot, pipeline.table.progress(nowMs), out);
  return out;
};
/** Where a vehicle is, as a frame carries it (to a micro-degree). */
const at = (vehicle: VehiclePosition) => {
  const sent = decodeVehicleFrame(encodeVehicleFrame(0, [vehicle])).vehicles[0] ?? vehicle;
  const out = new Float64Array(3);
  geodeticToEcef(sent.lon, sent.lat, OPTIONS.heightM, out, 0);
  return { x: out[0] ?? 0, y: out[1] ?? 0, z: out[2] ?? 0 };
};
const distance = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
/** The ids the tests' vehicles have; the snapshot notes each one's slot. */
const SNAPSHOT_IDS = ['A', 'B', 'N', 'V0'];
/** Slots that hold a vehicle, ascending. */
const aliveSlots = ({ table }: Pipeline) => [...table.alive.keys()].filter((slot) => table.alive[slot] === 1);
/** Everything the pipeline holds that a refused frame must leave as it was. */
const snapshot = ({ table, index }: Pipeline) => ({
  count: table.count,
  indexed: index.count,
  alive: [...table.alive],
  slots: SNAPSHOT_IDS.map((id) => index.slotOf(id)),
  from: [...table.from],
  to: [...table.to],
  headings: [...table.fromHeading, ...table.turn],
  frameTimeMs: table.frameTimeMs,
  segment: [table.segmentStartMs, table.segmentMs],
});
/** A frame whose type byte names no vehicle type (the encoder cannot write one). */
const unknownType = (): Uint8Array => {
  const bytes = frame(3000, [car('A', 0)]);
  bytes[16 + 12] = 200;
  return bytes;
};

describe('VehicleIndex and VehicleTable', () => {
  it('places the first frame as it is, every vehicle new and growing in', () => {
    const pipe = new Pipeline();
    const update = pipe.apply(frame(1000, [car('A', 0), car('B', 50)]), 0);
    expect(update).toMatchObject({ kind: 'applied', removed: [], retyped: [] });
    expect(update.kind === 'applied' && update.added).toHaveLength(2);
    expect(pipe.table.count).toBe(2);
    expect(pipe.table.progress(0)).toBe(1);
    expect(distance(drawn(pipe, 'B', 0), at(car('B', 50)))).toBeLessThan(1e-6);
    expect(pipe.table.appearAtMs[pipe.slotOf('A') ?? -1]).toBe(0);
  });

  it('slides a vehicle to its next position over the time between frames, then stops there', () => {
    const pipe = new Pipeline();
    pipe.apply(frame(1000, [car('A', 0)]), 0);
    pipe.apply(frame(2000, [car('A', 10)]), 1000);
    expect(distance(drawn(pipe, 'A', 1000), at(car('A', 0)))).toBeLessThan(1e-6);
    expect(distance(drawn(pipe, 'A', 1500), at(car('A', 5)))).toBeLessThan(0.1);
    expect(distance(drawn(pipe, 'A', 2000), at(car('A', 10)))).toBeLessThan(1e-6);
    // No next frame: the vehicle waits where the last frame put it, it does not drive on.
    expect(distance(drawn(pipe, 'A', 60_000), at(car('A', 10)))).toBeLessThan(1e-6);
  });

  it('sets off from where a vehicle is drawn when a frame comes early', () => {
    const pipe = new Pipeline();
    pipe.apply(frame(1000, [car('A', 0)]), 0);
    pipe.apply(frame(2000, [car('A', 10)]), 1000);
    const before = drawn(pipe, 'A', 1400);
    pipe.apply(frame(3000, [car('A', 20)]), 1400);
    expect(distance(drawn(pipe, 'A', 1400), before)).toBeLessThan(1e-6);
    expect(pipe.table.segmentMs).toBe(400);
  });

  it('turns the short way round through north', () => {
    const pipe = new Pipeline();
    pipe.apply(frame(1000, [car('A', 0, 350)]), 0);
    pipe.apply(frame(2000, [car('A', 5, 10)]), 1000);
    const slot = pipe.slotOf('A') ?? -1;
    expect(pipe.table.turn[slot]).toBeCloseTo(20, 1);
    expect(pipe.table.headingAt(slot, 0.5)).toBeCloseTo(0, 2);
  });

  it('removes vehicles missing from a frame, and gives their slot to the next new one', () => {
    const pipe = new Pipeline();
    pipe.apply(frame(1000, [car('A', 0), car('B', 50)]), 0);
    const slotB = pipe.slotOf('B');
    const update = pipe.apply(frame(2000, [car('A', 10), car('C', 80)]), 1000);
    expect(update).toMatchObject({ kind: 'applied', removed: [slotB], added: [slotB] });
    expect(pipe.slotOf('B')).toBeUndefined();
    expect(pipe.slotOf('C')).toBe(slotB);
    expect(pipe.table.count).toBe(2);
  });

  it('makes vehicles jump, not fly across the map, after a gap in frames', () => {
    const pipe = new Pipeline();
    pipe.apply(frame(1000, [car('A', 0)]), 0);
    pipe.apply(frame(60_000, [car('A', 100)]), 1000);
    expect(distance(drawn(pipe, 'A', 1000), at(car('A', 100)))).toBeLessThan(1e-6);
  });

  it('makes a vehicle that moved implausibly far jump, and the others slide', () => {
    const pipe = new Pipeline();
    pipe.apply(frame(1000, [car('A', 0), car('B', 0)]), 0);
    pipe.apply(frame(2000, [car('A', 10), car('B', 2000)]), 1000);
    expect(distance(drawn(pipe, 'A', 1000), at(car('A', 0)))).toBeLessThan(1e-6);
    expect(distance(drawn(pipe, 'B', 1000), at(car('B', 2000)))).toBeLessThan(1e-6);
  });

  it('drops a frame that is not newer than the one it holds', () => {
    const pipe = new Pipeline();
    pipe.apply(frame(2000, [car('A', 0)]), 0);
    const before = snapshot(pipe);
    expect(pipe.apply(frame(2000, [car('A', 10)]), 100)).toEqual({ kind: 'stale' });
    expect(pipe.apply(frame(1000, [car('B', 10)]), 100)).toEqual({ kind: 'stale' });
    expect(snapshot(pipe)).toEqual(before);
  });

  it('reports a change of type', () => {
    const pipe = new Pipeline();
    pipe.apply(frame(1000, [car('A', 0)]), 0);
    expect(pipe.apply(frame(2000, [car('A', 5, 90, 'emergency')]), 1000)).toMatchObject({ retyped: [pipe.slotOf('A')] });
  });

  it.each([
    ['a time that is not a number', frame(Number.NaN, [car('A', 0)])],
    ['the same vehicle twice', frame(3000, [car('A', 0), car('A', 5)])],
    ['a new vehicle twice', frame(3000, [car('N', 0), car('N', 5)])],
    ['a vehicle off the globe', frame(3000, [car('A', 0), { ...car('B', 0), lat: 123 }])],
    ['an unknown type', unknownType()],
    ['bytes cut short', frame(3000, [car('A', 5)]).subarray(0, 30)],
    ['more vehicles than allowed', frame(3000, Array.from({ length: 1001 }, (_, i) => car(`V${i}`, i)))],
  ])('refuses a frame with %s and changes nothing', (_, bad) => {
    const pipe = new Pipeline();
    pipe.apply(frame(1000, [car('A', 0), car('B', 50)]), 0);
    const before = snapshot(pipe);
    expect(() => pipe.apply(bad, 500)).toThrow(VehicleFrameError);
    expect(snapshot(pipe)).toEqual(before);
  });

  it('forgets everything on clear, and takes the next frame as a first one', () => {
    const pipe = new Pipeline();
    pipe.apply(frame(5000, [car('A', 0)]), 0);
    expect(pipe.clear()).toEqual([0]);
    expect(pipe.table.count).toBe(0);
    expect(pipe.apply(frame(1000, [car('A', 0)]), 10)).toMatchObject({ kind: 'applied', added: [0] });
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
        const pipe = new Pipeline();
        let now = 0;
        let time = 0;
        for (const { ids: present, eastM, heading, arriveAfterMs, simulatedMs } of steps) {
          now += arriveAfterMs;
          time += simulatedMs;
          const vehicles = present.map((id, i) => car(id, eastM[i] ?? 0, heading[i] ?? 0));
          const before = new Map(present.filter((id) => pipe.slotOf(id) !== undefined).map((id) => [id, drawn(pipe, id, now)]));
          const update = pipe.apply(frame(time, vehicles), now);
          expect(update.kind).toBe('applied');
          expect(pipe.table.count).toBe(present.length);
          // Every present vehicle in a live slot of its own, and no other slot live.
          expect(aliveSlots(pipe)).toEqual(present.map((id) => pipe.slotOf(id) ?? -1).sort((a, b) => a - b));
          for (const vehicle of vehicles) {
            const slot = pipe.slotOf(vehicle.id) ?? -1;
            const previous = before.get(vehicle.id);
            const start = drawn(pipe, vehicle.id, now);
            // Either it sets off from where it was drawn, or (after a gap) it is already there.
            if (previous && distance(start, previous) > 1e-6) {
              expect(simulatedMs > OPTIONS.maxGapMs || distance(previous, at(vehicle)) > OPTIONS.maxStepM).toBe(true);
              expect(distance(start, at(vehicle))).toBeLessThan(1e-6);
            }
            expect(distance(drawn(pipe, vehicle.id, now + 2000), at(vehicle))).toBeLessThan(1e-6);
            expect(Math.abs(pipe.table.turn[slot] ?? 0)).toBeLessThanOrEqual(180);
          }
        }
      }),
    );
  });
});
