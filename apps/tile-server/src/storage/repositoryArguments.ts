/**
 * Checks both backends make of the arguments they cannot store or query with sensibly: a
 * programming error upstream, refused before it reaches SQL (SQLite reads `LIMIT -1` as no limit).
 */

/** Rollup buckets are at most a day long, which keeps a range query on rollups an index range. */
export const MAX_BUCKET_MS = 86_400_000;

export function assertLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer (got ${limit})`);
}

export function assertDownsample(beforeMs: number, bucketMs: number): void {
  if (!Number.isSafeInteger(beforeMs)) throw new RangeError(`beforeMs must be an integer (got ${beforeMs})`);
  if (!Number.isSafeInteger(bucketMs) || bucketMs < 1 || bucketMs > MAX_BUCKET_MS) {
    throw new RangeError(`bucketMs must be an integer from 1 to ${MAX_BUCKET_MS} (got ${bucketMs})`);
  }
}

export function assertTimeRange(fromMs: number, toMs: number): void {
  if (!Number.isSafeInteger(fromMs) || !Number.isSafeInteger(toMs)) throw new RangeError(`fromMs and toMs must be integers (got ${fromMs}, ${toMs})`);
}
