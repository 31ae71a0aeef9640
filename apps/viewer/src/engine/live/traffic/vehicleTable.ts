import { VehicleFrameError, VehicleType, type VehicleFrame } from '@pengcheng/protocol';
import { geodeticToEcef } from './geodeticToEcef.js';
import { normaliseHeading, shortestHeadingDelta } from './headingMath.js';
import { segmentDuration, segmentProgress, type SegmentBounds } from './segmentTiming.js';

export interface VehicleTableOptions {
  /** Height of the symbols above the ellipsoid, metres. */
  readonly heightM: number;
  readonly segment: SegmentBounds;
  /** Frames further apart than this in simulated time are not interpolated across: vehicles jump. */
  readonly maxGapMs: number;
  /** A vehicle that moved further than this between frames jumps instead of sliding. */
  readonly maxStepM: number;
  /** Frames with more vehicles are refused. */
  readonly maxVehicles: number;
}

export type TableUpdate =
  | {
      readonly kind: 'applied';
      /** Slots that hold a vehicle new to the layer. */
      readonly added: readonly number[];
      /** Slots whose vehicle left (absent from the frame); they may be reused by `added`. */
      readonly removed: readonly number[];
      /** Slots whose vehicle changed type. */
      readonly retyped: readonly number[];
    }
  /** The frame is not newer than the one held (volatile frames may overtake each other). */
  | { readonly kind: 'stale' };

const TYPE_INDEX = new Map<string, number>(VehicleType.options.map((type, index) => [type, index]));
const MIN_CAPACITY = 64;

/**
 * The vehicles of the layer as columns of typed arrays, indexed by slot. A slot keeps its vehicle
 * for the vehicle's whole life, so whatever draws slot `i` (a pooled billboard) follows it.
 * Each frame starts a segment: vehicles go from where they are drawn now (`from`, `fromHeading`)
 * to where the frame puts them (`to`, `fromHeading + turn`) as progress runs 0 → 1.
 */
export class VehicleTable {
  capacity = 0;
  /** Slots at and above this have never been used. */
  highWater = 0;
  count = 0;
  ids: (string | undefined)[] = [];
  alive = new Uint8Array(0);
  /** Index in VehicleType.options. */
  type = new Uint8Array(0);
  /** ECEF metres, x y z per slot. */
  from = new Float64Array(0);
  to = new Float64Array(0);
  /** Degrees clockwise from north, and the short-way turn to the frame's heading. */
  fromHeading = new Float32Array(0);
  turn = new Float32Array(0);
  /** 1 when the slot's position or heading changes during the current segment. */
  moving = new Uint8Array(0);
  /** 1 from a vehicle's arrival until whoever draws it has grown it to full size. */
  growing = new Uint8Array(0);
  /** When the vehicle arrived, on the clock `apply` is given. */
  appearAtMs = new Float64Array(0);
  segmentStartMs = 0;
  segmentMs = 0;
  /** Simulated time of the last frame applied. */
  frameTimeMs: number | undefined;

  private arrivalMs = Number.NEGATIVE_INFINITY;
  private readonly slots = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private seen = new Uint32Array(0);
  private generation = 0;
  private resolved = new Int32Array(0);
  private readonly scratch = new Float64Array(3);

  constructor(private readonly options: VehicleTableOptions) {}

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** Segment progress at `nowMs`, 0–1. */
  progress(nowMs: number): number {
    return segmentProgress(nowMs, this.segmentStartMs, this.segmentMs);
  }

  /** Where slot's vehicle is drawn at progress `t`, ECEF into `out`. */
  positionAt(slot: number, t: number, out: { x: number; y: number; z: number }): void {
    const k = 3 * slot;
    out.x = (this.from[k] ?? 0) + ((this.to[k] ?? 0) - (this.from[k] ?? 0)) * t;
    out.y = (this.from[k + 1] ?? 0) + ((this.to[k + 1] ?? 0) - (this.from[k + 1] ?? 0)) * t;
    out.z = (this.from[k + 2] ?? 0) + ((this.to[k + 2] ?? 0) - (this.from[k + 2] ?? 0)) * t;
  }

  /** The slot's heading at progress `t`, degrees in [0, 360). */
  headingAt(slot: number, t: number): number {
    return normaliseHeading((this.fromHeading[slot] ?? 0) + (this.turn[slot] ?? 0) * t);
  }

  /**
   * Takes a frame as the vehicles' new targets, at `nowMs` on the render clock. A frame that is
   * not valid throws a VehicleFrameError and changes nothing.
   */
  apply(frame: VehicleFrame, nowMs: number): TableUpdate {
    if (!Number.isFinite(frame.timeMs)) throw new VehicleFrameError('vehicle frame time is not a finite number');
    if (this.frameTimeMs !== undefined && frame.timeMs <= this.frameTimeMs) return { kind: 'stale' };
    const { vehicles } = frame;
    if (vehicles.length > this.options.maxVehicles) throw new VehicleFrameError(`vehicle frame has ${vehicles.length} vehicles, more than the ${this.options.maxVehicles} allowed`);
    this.checkAndResolve(frame);

    const t = this.progress(nowMs);
    const jumpAll = this.frameTimeMs === undefined || frame.timeMs - this.frameTimeMs > this.options.maxGapMs;
    const maxStep2 = this.options.maxStepM * this.options.maxStepM;
    const removed: number[] = [];
    for (let slot = 0; slot < this.highWater; slot++) {
      if (this.alive[slot] === 1 && this.seen[slot] !== this.generation) {
        this.release(slot);
        removed.push(slot);
      }
    }
    this.ensureCapacity(this.count + this.countNew(vehicles.length));

    const added: number[] = [];
    const retyped: number[] = [];
    const p = this.scratch;
    for (const [i, vehicle] of vehicles.entries()) {
      const heading = normaliseHeading(vehicle.headingDeg);
      const type = TYPE_INDEX.get(vehicle.type) ?? 0;
      let slot = this.resolved[i] ?? -1;
      const k = 3 * slot;
      if (slot < 0) {
        slot = this.occupy(vehicle.id);
        const n = 3 * slot;
        geodeticToEcef(vehicle.lon, vehicle.lat, this.options.heightM, this.to, n);
        this.from[n] = (this.to[n] ?? 0);
        this.from[n + 1] = (this.to[n + 1] ?? 0);
        this.from[n + 2] = (this.to[n + 2] ?? 0);
        this.fromHeading[slot] = heading;
        this.turn[slot] = 0;
        this.moving[slot] = 0;
        this.growing[slot] = 1;
        this.appearAtMs[slot] = nowMs;
        this.type[slot] = type;
        added.push(slot);
        continue;
      }
      // Where the vehicle is drawn now is where it sets off from: no jump when a frame comes early.
      const x = (this.from[k] ?? 0) + ((this.to[k] ?? 0) - (this.from[k] ?? 0)) * t;
      const y = (this.from[k + 1] ?? 0) + ((this.to[k + 1] ?? 0) - (this.from[k + 1] ?? 0)) * t;
      const z = (this.from[k + 2] ?? 0) + ((this.to[k + 2] ?? 0) - (this.from[k + 2] ?? 0)) * t;
      const drawnHeading = (this.fromHeading[slot] ?? 0) + (this.turn[slot] ?? 0) * t;
      geodeticToEcef(vehicle.lon, vehicle.lat, this.options.heightM, p, 0);
      const dx = (p[0] ?? 0) - x;
      const dy = (p[1] ?? 0) - y;
      const dz = (p[2] ?? 0) - z;
      const jump = jumpAll || dx * dx + dy * dy + dz * dz > maxStep2;
      this.to[k] = (p[0] ?? 0);
      this.to[k + 1] = (p[1] ?? 0);
      this.to[k + 2] = (p[2] ?? 0);
      this.from[k] = jump ? (p[0] ?? 0) : x;
      this.from[k + 1] = jump ? (p[1] ?? 0) : y;
      this.from[k + 2] = jump ? (p[2] ?? 0) : z;
      const turn = jump ? 0 : shortestHeadingDelta(drawnHeading, heading);
      this.fromHeading[slot] = jump ? heading : normaliseHeading(drawnHeading);
      this.turn[slot] = turn;
      this.moving[slot] = jump || turn !== 0 || dx !== 0 || dy !== 0 || dz !== 0 ? 1 : 0;
      if (this.type[slot] !== type) {
        this.type[slot] = type;
        retyped.push(slot);
      }
    }

    this.segmentStartMs = nowMs;
    this.segmentMs = jumpAll ? 0 : segmentDuration(nowMs - this.arrivalMs, this.options.segment);
    this.arrivalMs = nowMs;
    this.frameTimeMs = frame.timeMs;
    return { kind: 'applied', added, removed, retyped };
  }

  /** Forgets every vehicle (the layer was unsubscribed, or replay starts); returns their slots. */
  clear(): number[] {
    const removed: number[] = [];
    for (let slot = 0; slot < this.highWater; slot++) {
      if (this.alive[slot] === 1) {
        this.release(slot);
        removed.push(slot);
      }
    }
    this.frameTimeMs = undefined;
    this.arrivalMs = Number.NEGATIVE_INFINITY;
    this.segmentMs = 0;
    return removed;
  }

  /** Validates the frame and finds each vehicle's slot (-1: new) without changing any vehicle. */
  private checkAndResolve({ vehicles }: VehicleFrame): void {
    this.generation = (this.generation + 1) >>> 0 || 1;
    if (this.resolved.length < vehicles.length) this.resolved = new Int32Array(Math.max(vehicles.length, MIN_CAPACITY));
    let newIds: Set<string> | undefined;
    for (const [i, { id, lon, lat, headingDeg, type }] of vehicles.entries()) {
      if (typeof id !== 'string' || id === '') throw new VehicleFrameError(`vehicle ${i} of the frame has no id`);
      if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) throw new VehicleFrameError(`vehicle ${id} is not on the globe (lon ${lon}, lat ${lat})`);
      if (!Number.isFinite(headingDeg)) throw new VehicleFrameError(`vehicle ${id} has no finite heading`);
      if (!TYPE_INDEX.has(type)) throw new VehicleFrameError(`vehicle ${id} has an unknown type`);
      const slot = this.slots.get(id);
      if (slot === undefined) {
        newIds ??= new Set();
        if (newIds.has(id)) throw new VehicleFrameError(`vehicle ${id} appears twice in the frame`);
        newIds.add(id);
        this.resolved[i] = -1;
      } else {
        if (this.seen[slot] === this.generation) throw new VehicleFrameError(`vehicle ${id} appears twice in the frame`);
        this.seen[slot] = this.generation;
        this.resolved[i] = slot;
      }
    }
  }

  private countNew(n: number): number {
    let count = 0;
    for (let i = 0; i < n; i++) if ((this.resolved[i] ?? 0) < 0) count++;
    return count;
  }

  private occupy(id: string): number {
    const slot = this.freeSlots.pop() ?? this.highWater++;
    this.slots.set(id, slot);
    this.ids[slot] = id;
    this.alive[slot] = 1;
    this.seen[slot] = this.generation;
    this.count++;
    return slot;
  }

  private release(slot: number): void {
    const id = this.ids[slot];
    if (id !== undefined) this.slots.delete(id);
    this.ids[slot] = undefined;
    this.alive[slot] = 0;
    this.moving[slot] = 0;
    this.growing[slot] = 0;
    this.freeSlots.push(slot);
    this.count--;
  }

  /** Grows the columns by half again at least, so a growing fleet reallocates rarely. */
  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, Math.ceil(this.capacity * 1.5), MIN_CAPACITY);
    const grow = <T extends Float64Array | Float32Array | Uint8Array | Uint32Array>(old: T, make: (n: number) => T, per = 1): T => {
      const next = make(capacity * per);
      next.set(old);
      return next;
    };
    this.alive = grow(this.alive, (n) => new Uint8Array(n));
    this.type = grow(this.type, (n) => new Uint8Array(n));
    this.from = grow(this.from, (n) => new Float64Array(n), 3);
    this.to = grow(this.to, (n) => new Float64Array(n), 3);
    this.fromHeading = grow(this.fromHeading, (n) => new Float32Array(n));
    this.turn = grow(this.turn, (n) => new Float32Array(n));
    this.moving = grow(this.moving, (n) => new Uint8Array(n));
    this.growing = grow(this.growing, (n) => new Uint8Array(n));
    this.appearAtMs = grow(this.appearAtMs, (n) => new Float64Array(n));
    this.seen = grow(this.seen, (n) => new Uint32Array(n));
    this.capacity = capacity;
  }
}
