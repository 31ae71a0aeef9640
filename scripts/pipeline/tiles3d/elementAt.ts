/**
 * `array[index]` for an index that is in range by construction (mesh indices, ring neighbours).
 * The compiler cannot know that; a miss is a bug, so it throws instead of yielding undefined.
 */
export function elementAt<T>(array: ArrayLike<T>, index: number): T {
  const value = array[index];
  if (value === undefined) throw new RangeError(`index ${index} is outside 0..${array.length - 1}`);
  return value;
}
