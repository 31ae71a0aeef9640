import { decodeVehicleFrame, VehicleFrameError, VehicleType } from '@pengcheng/protocol';
import { geodeticToEcef } from './geodeticToEcef.js';
import { normaliseHeading } from './headingMath.js';

export interface VehicleIndexOptions {
  /** Height of the symbols above the ellipsoid, metres. */
  readonly heightM: number;
  /** Frames with more vehicles are refused. */
  readonly maxVehicles: number;
}

/** A frame as the drawing side takes it: typed arrays in the frame's order, no strings but the new ids. */
export interface IndexedFrame {
  readonly timeMs: number;
  /** Each vehicle's slot: a slot keeps its vehicle for the vehicle's whole life. */
  readonly slots: Int32Array;
  /** Where the frame puts each vehicle, ECEF metres, x y z per vehicle. */
  readonly ecef: Float64Array;
  /** Degrees clockwise from north, in [0, 360). */
  readonly headings: Float32Array;
  /** Index in VehicleType.options. */
  readonly types: Uint8Array;
  /** 1 for a vehicle new to the layer. */
  readonly fresh: Uint8Array;
  /** Slots whose vehicle is absent from the frame; a new vehicle of the same frame may take one. */
  readonly removed: Int32Array;
  /** Slots at and above this have never been used. */
  readonly highWater: number;
}

export type IndexOutcome = { readonly kind: 'indexed'; readonly frame: IndexedFrame } | { readonly kind: 'stale' };

const TYPE_INDEX = new Map<string, number>(VehicleType.options.map((type, index) => [type, index]));

/**
 * Who is in which slot, and the work of a frame that needs no drawing state: decoding, checking,
 * matching ids to slots and turning degrees into ECEF. It runs in the traffic layer's worker, so
 * the main thread only moves numbers (vehicleTable) when ten thousand vehicles arrive.
 */
export class VehicleIndex {
  private readonly slots = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private highWater = 0;
  private frameTimeMs: number | undefined;

  constructor(private readonly options: VehicleIndexOptions) {}

  get count(): number {
    return this.slots.size;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** A frame as the hub encodes it. One that is not valid throws a VehicleFrameError and changes nothing. */
  index(bytes: ArrayBuffer | ArrayBufferView): IndexOutcome {
    const { timeMs, vehicles } = decodeVehicleFrame(bytes);
    if (!Number.isFinite(timeMs)) throw new VehicleFrameError('vehicle frame time is not a finite number');
    if (this.frameTimeMs !== undefined && timeMs <= this.frameTimeMs) return { kind: 'stale' };
    const n = vehicles.length;
    if (n > this.options.maxVehicles) throw new VehicleFrameError(`vehicle frame has ${n} vehicles, more than the ${this.options.maxVehicles} allowed`);

    // Every check before any change: a refused frame leaves the index as it was.
    const slots = new Int32Array(n);
    const present = new Set<string>();
    for (const [i, { id, lon, lat }] of vehicles.entries()) {
      if (id === '') throw new VehicleFrameError(`vehicle ${i} of the frame has no id`);
      if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) throw new VehicleFrameError(`vehicle ${id} is not on the globe (lon ${lon}, lat ${lat})`);
      if (present.has(id)) throw new VehicleFrameError(`vehicle ${id} appears twice in the frame`);
      present.add(id);
      slots[i] = this.slots.get(id) ?? -1;
    }

    const removed: number[] = [];
    for (const [id, slot] of this.slots) {
      if (present.has(id)) continue;
      this.slots.delete(id);
      this.freeSlots.push(slot);
      removed.push(slot);
    }
    const ecef = new Float64Array(3 * n);
    const headings = new Float32Array(n);
    const types = new Uint8Array(n);
    const fresh = new Uint8Array(n);
    for (const [i, vehicle] of vehicles.entries()) {
      if ((slots[i] ?? -1) < 0) {
        const slot = this.freeSlots.pop() ?? this.highWater++;
        this.slots.set(vehicle.id, slot);
        slots[i] = slot;
        fresh[i] = 1;
      }
      geodeticToEcef(vehicle.lon, vehicle.lat, this.options.heightM, ecef, 3 * i);
      headings[i] = normaliseHeading(vehicle.headingDeg);
      types[i] = TYPE_INDEX.get(vehicle.type) ?? 0;
    }
    this.frameTimeMs = timeMs;
    return { kind: 'indexed', frame: { timeMs, slots, ecef, headings, types, fresh, removed: Int32Array.from(removed), highWater: this.highWater } };
  }

  /** Forgets every vehicle: the next frame is a first one, whatever its time. */
  clear(): void {
    this.slots.clear();
    this.freeSlots.length = 0;
    this.highWater = 0;
    this.frameTimeMs = undefined;
  }
}

/** The buffers of a frame, to hand them to the main thread instead of copying them. */
export function transferablesOf(frame: IndexedFrame): ArrayBuffer[] {
  return [frame.slots, frame.ecef, frame.headings, frame.types, frame.fresh, frame.removed].map((array) => array.buffer as ArrayBuffer);
}
