/**
 * Values where only the newest matters (a sensor's current reading, a link's state): a snapshot
 * replaces them all, a later value replaces one if it is not older than the one held, so a
 * volatile message that arrives late never puts an old value back.
 */
export class LatestByKey<T> {
  private values = new Map<string, T>();

  constructor(
    private readonly keyOf: (value: T) => string,
    private readonly timeOf: (value: T) => number,
  ) {}

  get entries(): ReadonlyMap<string, T> {
    return this.values;
  }

  replace(values: readonly T[]): void {
    this.values = new Map(values.map((value) => [this.keyOf(value), value]));
  }

  /** Returns whether anything changed. */
  update(values: readonly T[]): boolean {
    let changed = false;
    for (const value of values) {
      const key = this.keyOf(value);
      const held = this.values.get(key);
      if (held !== undefined && this.timeOf(held) > this.timeOf(value)) continue;
      this.values.set(key, value);
      changed = true;
    }
    return changed;
  }

  clear(): void {
    this.values.clear();
  }
}
