/**
 * How the vehicle symbols shrink with the camera's distance. A dense fleet seen from afar is
 * mostly overlapping symbols, and in software WebGL their pixels are what a frame costs (issue 8's
 * benchmark: 10,000 symbols drew several times faster at 0.4 of full size). Near the camera,
 * where few vehicles are in view and their heading matters, they keep their full size.
 */
export interface SymbolDistanceScale {
  /** Up to this distance from the camera, metres, symbols are full size. */
  readonly nearM: number;
  /** From this distance on, symbols are `farScale` of full size; in between, linearly. */
  readonly farM: number;
  readonly farScale: number;
}

export const DEFAULT_DISTANCE_SCALE: SymbolDistanceScale = { nearM: 1000, farM: 5000, farScale: 0.4 };

/** The arguments of Cesium's NearFarScalar (near, nearValue, far, farValue); throws on a bad setting. */
export function nearFarOf(scale: SymbolDistanceScale): [number, number, number, number] {
  const { nearM, farM, farScale } = scale;
  if (!(nearM >= 0) || !(farM > nearM) || !Number.isFinite(farM)) throw new RangeError(`distance scale: need 0 ≤ nearM < farM, got ${nearM}, ${farM}`);
  if (!(farScale > 0 && farScale <= 1)) throw new RangeError(`distance scale: farScale must be in (0, 1], got ${farScale}`);
  return [nearM, 1, farM, farScale];
}
