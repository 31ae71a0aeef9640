/**
 * Equal-interval class breaks on "nice" numbers (1, 2, 2.5 or 5 × 10ⁿ), so a legend reads
 * 0–20–40–60 m or 1990–2000–2010 rather than 13.7–27.4. The breaks are the inner thresholds:
 * class i holds values in [breaks[i-1], breaks[i]), the first class everything below breaks[0],
 * the last everything from the last break up.
 */
export interface ClassBreaks {
  /** Lower bound of the first class and upper bound of the last: the data's own range. */
  readonly min: number;
  readonly max: number;
  /** Strictly increasing, each strictly inside (min, max). */
  readonly breaks: readonly number[];
}

const NICE_STEPS = [1, 2, 2.5, 5, 10] as const;

/** The smallest nice step ≥ `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / magnitude;
  const step = NICE_STEPS.find((s) => s >= fraction - 1e-9) ?? 10;
  return step * magnitude;
}

/**
 * Breaks for values in [min, max] into at most `classes` classes. Integer data gets integer
 * steps (no class "1.5–2 floors"). A single value gives one class.
 */
export function niceClassBreaks(min: number, max: number, classes: number, integers = false): ClassBreaks {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) throw new RangeError(`no range: ${min}..${max}`);
  const wanted = Math.max(1, Math.floor(classes));
  if (max === min || wanted === 1) return { min, max, breaks: [] };
  let step = niceStep((max - min) / wanted);
  if (integers) step = Math.max(1, Math.ceil(step));
  // Rounding can leave one more class than asked: widen the step until it fits. Subnormal
  // ranges cannot be split at all: give up after a bounded number of widenings.
  for (let widenings = 0; widenings < 64; widenings++) {
    const breaks: number[] = [];
    const first = Math.floor(min / step) + 1;
    const exponent = Math.floor(Math.log10(step));
    const mantissa = Number((step / 10 ** exponent).toPrecision(6));
    for (let k = 0; k <= wanted + 1; k++) {
      // Multiples of the step written in decimal and read back: 0.3, not 0.30000000000000004,
      // and exact steps however small the values are.
      const multiple = (first + k) * mantissa;
      const decimal = Number(`${multiple}e${exponent}`);
      const value = Number.isFinite(decimal) ? decimal : multiple * 10 ** exponent;
      if (value >= max) break;
      if (value > min && value > (breaks[breaks.length - 1] ?? min)) breaks.push(value);
    }
    if (breaks.length + 1 <= wanted) return { min, max, breaks };
    const wider = niceStep(step * 1.01);
    step = wider > step ? wider : step * 2;
    if (integers) step = Math.ceil(step);
  }
  return { min, max, breaks: [] };
}

/** Index of the class `value` falls in (0 … breaks.length). */
export function classIndex(breaks: readonly number[], value: number): number {
  let i = 0;
  while (i < breaks.length && value >= (breaks[i] ?? Number.POSITIVE_INFINITY)) i++;
  return i;
}
