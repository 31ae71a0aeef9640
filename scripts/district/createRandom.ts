import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded random stream. Every draw advances it; `fork` never does. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  /**
   * An independent stream named `label`, derived from the seed alone: a part of the district
   * draws from its own fork, so changing one part never reshuffles the others.
   */
  fork(label: string): Random;
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

export function createRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed | 0);
  const random: Random = {
    next: () => uniformFloat64(rng),
    range: (min, max) => min + (max - min) * uniformFloat64(rng),
    int: (min, max) => uniformInt(rng, min, max),
    chance: (p) => uniformFloat64(rng) < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[uniformInt(rng, 0, items.length - 1)] as (typeof items)[number];
    },
    weighted: (choices) => {
      const total = choices.reduce((sum, [, w]) => sum + w, 0);
      let r = uniformFloat64(rng) * total;
      for (const [value, w] of choices) {
        r -= w;
        if (r < 0) return value;
      }
      const last = choices[choices.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    fork: (label) => createRandom((Math.imul(seed | 0, 0x9e3779b1) ^ hashLabel(label)) | 0),
  };
  return random;
}
