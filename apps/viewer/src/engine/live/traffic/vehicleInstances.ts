import type { VehicleTable } from './vehicleTable.js';

/** Floats per vehicle instance: from (3), to (3), motion (heading, turn, appeared, type). */
export const INSTANCE_FLOATS = 10;
export const INSTANCE_BYTES = INSTANCE_FLOATS * Float32Array.BYTES_PER_ELEMENT;

/** The motion's type for a slot with no vehicle: the shader draws nothing for it. */
export const EMPTY_SLOT = -1;

/**
 * A vehicle that appeared longer ago than this is drawn as if just this long ago: it grew in long
 * since, and the shader's single-precision floats keep their precision.
 */
const APPEARED_LONG_AGO_MS = -1e6;

/** The columns of the vehicle table that the instances are made of. */
export type InstanceSource = Pick<VehicleTable, 'alive' | 'from' | 'to' | 'fromHeading' | 'turn' | 'appearAtMs' | 'type' | 'highWater' | 'segmentStartMs'>;

export interface Point {
  x: number;
  y: number;
  z: number;
}

/** The box that holds every vehicle's segment, relative to the centre the instances were packed about. */
export interface InstanceBounds {
  readonly count: number;
  readonly min: Point;
  readonly max: Point;
}

/**
 * Writes slots [0, table.highWater) as the layer's per-instance vertex data: positions relative
 * to `center` (ECEF metres), so single-precision floats keep millimetres across the district.
 * `out` holds at least `highWater × INSTANCE_FLOATS` floats. Returns the box of every live
 * vehicle's start and end.
 */
export function packInstances(table: InstanceSource, center: Readonly<Point>, out: Float32Array): InstanceBounds {
  const { alive, from, to, fromHeading, turn, appearAtMs, type, highWater, segmentStartMs } = table;
  const min = { x: Infinity, y: Infinity, z: Infinity };
  const max = { x: -Infinity, y: -Infinity, z: -Infinity };
  let count = 0;
  for (let slot = 0; slot < highWater; slot++) {
    const o = slot * INSTANCE_FLOATS;
    if (alive[slot] !== 1) {
      out[o + 9] = EMPTY_SLOT;
      continue;
    }
    count++;
    const k = 3 * slot;
    const fx = (from[k] ?? 0) - center.x;
    const fy = (from[k + 1] ?? 0) - center.y;
    const fz = (from[k + 2] ?? 0) - center.z;
    const tx = (to[k] ?? 0) - center.x;
    const ty = (to[k + 1] ?? 0) - center.y;
    const tz = (to[k + 2] ?? 0) - center.z;
    out[o] = fx;
    out[o + 1] = fy;
    out[o + 2] = fz;
    out[o + 3] = tx;
    out[o + 4] = ty;
    out[o + 5] = tz;
    out[o + 6] = fromHeading[slot] ?? 0;
    out[o + 7] = turn[slot] ?? 0;
    out[o + 8] = Math.max(APPEARED_LONG_AGO_MS, (appearAtMs[slot] ?? 0) - segmentStartMs);
    out[o + 9] = type[slot] ?? 0;
    min.x = Math.min(min.x, fx, tx);
    min.y = Math.min(min.y, fy, ty);
    min.z = Math.min(min.z, fz, tz);
    max.x = Math.max(max.x, fx, tx);
    max.y = Math.max(max.y, fy, ty);
    max.z = Math.max(max.z, fz, tz);
  }
  return { count, min, max };
}
