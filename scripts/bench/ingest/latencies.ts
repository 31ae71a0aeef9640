/** Latency samples in milliseconds, at most `capacity` (a run is bounded in time and count). */
export class Latencies {
  #values: Float64Array;
  #count = 0;

  constructor(capacity: number) {
    this.#values = new Float64Array(capacity);
  }

  add(ms: number): void {
    if (this.#count < this.#values.length) this.#values[this.#count++] = ms;
  }

  get count(): number {
    return this.#count;
  }

  /** Nearest-rank percentiles, e.g. `[0.5, 0.99]`; NaN for an empty set. */
  percentiles(qs: readonly number[]): number[] {
    const sorted = this.#values.slice(0, this.#count).sort();
    return qs.map((q) => (sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number)));
  }
}
