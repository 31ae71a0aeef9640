import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VehicleType } from './traffic.js';
import { checkVehicleFrame, decodeVehicleFrame, encodeVehicleFrame, inBbox, liveCellOf, snapBbox, SubscribeRequest, VehicleFrameError, type VehiclePosition } from './hub.js';

const vehicle: fc.Arbitrary<VehiclePosition> = fc.record({
  id: fc.stringMatching(/^[A-Z0-9-]{1,32}$/),
  type: fc.constantFrom(...VehicleType.options),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  headingDeg: fc.double({ min: 0, max: 360, noNaN: true }),
  speedMs: fc.double({ min: 0, max: 100, noNaN: true }),
});

describe('vehicle frames', () => {
  it('decode what was encoded, to the stated precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 }), fc.array(vehicle, { maxLength: 50 }), (timeMs, vehicles) => {
        const frame = decodeVehicleFrame(encodeVehicleFrame(timeMs, vehicles));
        expect(frame.timeMs).toBe(timeMs);
        expect(frame.vehicles).toHaveLength(vehicles.length);
        vehicles.forEach((sent, i) => {
          const got = frame.vehicles[i];
          if (got === undefined) throw new Error(`vehicle ${i} is missing`);
          expect(got.id).toBe(sent.id);
          expect(got.type).toBe(sent.type);
          expect(Math.abs(got.lon - sent.lon)).toBeLessThanOrEqual(5e-7 + 1e-12);
          expect(Math.abs(got.lat - sent.lat)).toBeLessThanOrEqual(5e-7 + 1e-12);
          const turn = Math.abs(got.headingDeg - sent.headingDeg);
          expect(Math.min(turn, 360 - turn)).toBeLessThanOrEqual(360 / 65536);
          expect(Math.abs(got.speedMs - sent.speedMs)).toBeLessThanOrEqual(0.005 + 1e-9);
        });
      }),
    );
  });

  it('decodes from a Buffer slice as Socket.IO hands it over in Node', () => {
    const encoded = encodeVehicleFrame(7, [{ id: 'V-1', type: 'bus', lon: 117.27, lat: 34.2, headingDeg: 90, speedMs: 12.5 }]);
    const padded = Buffer.concat([Buffer.from([9, 9, 9]), Buffer.from(encoded)]).subarray(3);
    expect(decodeVehicleFrame(padded).vehicles[0]).toMatchObject({ id: 'V-1', type: 'bus', headingDeg: 90, speedMs: 12.5 });
  });

  it('are checked without decoding exactly as decoding would judge them, time and count included', () => {
    const outcome = (run: () => { timeMs: number; count: number }) => {
      try {
        return run();
      } catch (error) {
        expect(error).toBeInstanceOf(VehicleFrameError);
        return 'refused';
      }
    };
    const damaged = fc
      .tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.array(vehicle, { maxLength: 20 }), fc.nat(), fc.nat({ max: 255 }), fc.nat())
      .map(([timeMs, vehicles, at, value, cut]) => {
        const bytes = encodeVehicleFrame(timeMs, vehicles);
        bytes[at % bytes.length] = value;
        return bytes.subarray(0, bytes.length - (cut % 3 === 0 ? cut % (bytes.length + 1) : 0));
      });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.uint8Array({ maxLength: 64 })), (bytes) => {
        const decoded = outcome(() => {
          const frame = decodeVehicleFrame(bytes);
          return { timeMs: frame.timeMs, count: frame.vehicles.length };
        });
        expect(outcome(() => checkVehicleFrame(bytes))).toEqual(decoded);
      }),
    );
  });

  it('refuses truncated or foreign bytes with a frame error', () => {
    const encoded = encodeVehicleFrame(1, [{ id: 'V-22', type: 'car', lon: 1, lat: 2, headingDeg: 3, speedMs: 4 }]);
    expect(() => decodeVehicleFrame(encoded.subarray(0, encoded.length - 1))).toThrow(VehicleFrameError);
    expect(() => decodeVehicleFrame(new Uint8Array([2, 0, 0, 0]))).toThrow(VehicleFrameError);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeVehicleFrame(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(VehicleFrameError);
        }
      }),
    );
  });

  it('is several times smaller than the same vehicles as JSON', () => {
    const vehicles = Array.from({ length: 1000 }, (_, i): VehiclePosition => ({ id: `V-${String(i).padStart(6, '0')}`, type: 'car', lon: 117.2784 + i * 1e-5, lat: 34.205, headingDeg: 123.4, speedMs: 13.9 }));
    expect(encodeVehicleFrame(0, vehicles).byteLength * 4).toBeLessThan(JSON.stringify(vehicles).length);
  });
});

describe('boxes and cells', () => {
  it('a snapped box contains the box it came from, and every point of a cell it touches', () => {
    fc.assert(
      fc.property(fc.double({ min: 117, max: 117.5, noNaN: true }), fc.double({ min: 34, max: 34.4, noNaN: true }), fc.double({ min: 1e-6, max: 0.05, noNaN: true }), fc.double({ min: 1e-6, max: 0.05, noNaN: true }), (west, south, width, height) => {
        const box = snapBbox([west, south, west + width, south + height]);
        expect(box[0]).toBeLessThanOrEqual(west);
        expect(box[1]).toBeLessThanOrEqual(south);
        expect(box[2]).toBeGreaterThanOrEqual(west + width);
        expect(box[3]).toBeGreaterThanOrEqual(south + height);
        const cell = liveCellOf(west, south);
        expect(inBbox(box, (cell.col + 0.5) * 0.005, (cell.row + 0.5) * 0.005)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a box whose corners are swapped and unknown fields', () => {
    expect(SubscribeRequest.safeParse({ layers: ['sensors'], bbox: [117.3, 34.2, 117.2, 34.3] }).success).toBe(false);
    expect(SubscribeRequest.safeParse({ layers: ['sensors'], extra: 1 }).success).toBe(false);
    expect(SubscribeRequest.safeParse({ layers: ['sensors', 'alarms'], bbox: [117.2, 34.2, 117.3, 34.3], resume: { alarms: 3 } }).success).toBe(true);
  });
});
