import { normaliseHeading, shortestHeadingDelta } from './headingMath.js';
import { segmentDuration, segmentProgress, type SegmentBounds } from './segmentTiming.js';
import type { IndexedFrame } from './vehicleIndex.js';

export interface VehicleTableOptions {
  readonly segment: SegmentBounds;
  /** Frames further apart than this in simulated time are not interpolated across: vehicles jump. */
  readonly maxGapMs: number;
  /** A vehicle that moved further than this between frames jumps instead of sliding. */
  readonly maxStepM: number;
}

export interface TableUpdate {
  /** Slots that hold a vehicle new to the layer. */
  readonly added: readonly number[];
  /** Slots whose vehicle left (absent from the frame); they may be reused by `added`. */
  readonly removed: Int32Array;
  /** Slots whose vehicle changed type. */
  readonly retyped: readonly number[];
}

const MIN_CAPACITY = 64;

/**
 * The vehicles of the layer as columns of typed arrays, indexed by the slots vehicleIndex gives
 * them, so whatever draws slot `i` (an instance of the layer's draw call) follows one vehicle for its whole life.
 * Each frame starts a segment: vehicles go from where they are drawn now (`from`, `fromHeading`)
 * to where the frame puts them (`to`, `fromHeading + turn`) as progress runs 0 → 1.
 */
export class VehicleTable {
  capacity = 0;
  /** Slots at and above this have never been used. */
  highWater = 0;
  count = 0;
  alive = new Uint8Array(0);
  /** Index in VehicleType.options. */
  type = new Uint8Array(0);
  /** ECEF metres, x y z per slot. */
  from = new Float64Array(0);
  to = new Float64Array(0);
  /** Degrees clockwise from north, and the short-way turn to the frame's heading. */
  fromHeading = new Float32Array(0);
  turn = new Float32Array(0);
  /** When the vehicle arrived, on the clock `apply` is given. */
  appearAtMs = new Float64Array(0);
  segmentStartMs = 0;
  segmentMs = 0;
  /** Simulated time of the last frame applied. */
  frameTimeMs: number | undefined;

  private arrivalMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: VehicleTableOptions) {}

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

  /** Takes an indexed frame (newer than the last, vehicleIndex sees to that) as the vehicles' new targets, at `nowMs` on the render clock. */
  apply(frame: IndexedFrame, nowMs: number): TableUpdate {
    const t = this.progress(nowMs);
    const jumpAll = this.frameTimeMs === undefined || frame.timeMs - this.frameTimeMs > this.options.maxGapMs;
    const maxStep2 = this.options.maxStepM * this.options.maxStepM;
    for (const slot of frame.removed) this.release(slot);
    this.ensureCapacity(frame.highWater);
    this.highWater = Math.max(this.highWater, frame.highWater);

    const added: number[] = [];
    const retyped: number[] = [];
    const { slots, ecef, headings, types, fresh } = frame;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] ?? 0;
      const k = 3 * slot;
      const px = ecef[3 * i] ?? 0;
      const py = ecef[3 * i + 1] ?? 0;
      const pz = ecef[3 * i + 2] ?? 0;
      const heading = headings[i] ?? 0;
      const type = types[i] ?? 0;
      if (fresh[i] === 1) {
        this.alive[slot] = 1;
        this.count++;
        this.to[k] = this.from[k] = px;
        this.to[k + 1] = this.from[k + 1] = py;
        this.to[k + 2] = this.from[k + 2] = pz;
        this.fromHeading[slot] = heading;
        this.turn[slot] = 0;
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
      const dx = px - x;
      const dy = py - y;
      const dz = pz - z;
      const jump = jumpAll || dx * dx + dy * dy + dz * dz > maxStep2;
      this.to[k] = px;
      this.to[k + 1] = py;
      this.to[k + 2] = pz;
      this.from[k] = jump ? px : x;
      this.from[k + 1] = jump ? py : y;
      this.from[k + 2] = jump ? pz : z;
      const turn = jump ? 0 : shortestHeadingDelta(drawnHeading, heading);
      this.fromHeading[slot] = jump ? heading : normaliseHeading(drawnHeading);
      this.turn[slot] = turn;
      if (this.type[slot] !== type) {
        this.type[slot] = type;
        retyped.push(slot);
      }
    }

    this.segmentStartMs = nowMs;
    this.segmentMs = jumpAll ? 0 : segmentDuration(nowMs - this.arrivalMs, this.options.segment);
    this.arrivalMs = nowMs;
    this.frameTimeMs = frame.timeMs;
    return { added, removed: frame.removed, retyped };
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
    this.highWater = 0;
    this.frameTimeMs = undefined;
    this.arrivalMs = Number.NEGATIVE_INFINITY;
    this.segmentMs = 0;
    return removed;
  }

  private release(slot: number): void {
    if (this.alive[slot] !== 1) return;
    this.alive[slot] = 0;
    this.count--;
  }

  /** Grows the columns by half again at least, so a growing fleet reallocates rarely. */
  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, Math.ceil(this.capacity * 1.5), MIN_CAPACITY);
    const grow = <T extends Float64Array | Float32Array | Uint8Array>(old: T, make: (n: number) => T, per = 1): T => {
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
    this.appearAtMs = grow(this.appearAtMs, (n) => new Float64Array(n));
    this.capacity = capacity;
  }
}
