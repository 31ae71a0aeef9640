/** The value, or a thrown error naming what is missing: for lookups a test expects to succeed. */
export function defined<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}
