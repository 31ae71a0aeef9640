import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded random stream. Every draw advances it; `fork` never does. */
export interface SimRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Normal with mean 0 and standard deviation `sd`. */
  normal(sd: number): number;
  /** Poisson-distributed count with the given mean. */
  poisson(mean: number): number;
  /**
   * An independent stream named `label`, derived from the seed alone: each part of the model
   * (a sensor, the traffic, the hotline) draws from its own, so adding vehicles never changes
   * a sensor's readings.
   */
  fork(label: string): SimRandom;
}

/** 32-bit FNV-1a, to turn a fork label into seed bits. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createSimRandom(seed: number): SimRandom {
  const rng = xoroshiro128plus(seed | 0);
  const next = (): number => uniformFloat64(rng);
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => uniformInt(rng, min, max),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[uniformInt(rng, 0, items.length - 1)] as (typeof items)[number];
    },
    normal: (sd) => {
      // Box–Muller; 1 - next() keeps the logarithm finite.
      const u = 1 - next();
      return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    poisson: (mean) => {
      // Knuth's method: the means here are small (a few events per step at most).
      const limit = Math.exp(-Math.min(mean, 50));
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    fork: (label) => createSimRandom((Math.imul(seed | 0, 0x9e3779b1) ^ hashLabel(label)) | 0),
  };
}
