import { AssetId, Timestamp } from '@pengcheng/protocol';
import { z } from 'zod';
import { HttpError } from '../http/httpError.js';

const HOUR_MS = 60 * 60 * 1000;
export const DEFAULT_HISTORY_MS = 24 * HOUR_MS;
export const MAX_HISTORY_MS = 31 * 24 * HOUR_MS;
export const MAX_HISTORY_LIMIT = 10_000;
/** Sensors one `latest` request may name. */
export const MAX_LATEST_SENSORS = 1000;

export interface HistoryRange {
  readonly fromMs: number;
  readonly toMs: number;
  readonly limit: number;
}

const limitMessage = `limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}`;

const HistoryParams = z.strictObject(
  {
    from: Timestamp.optional(),
    to: Timestamp.optional(),
    limit: z
      .string({ message: limitMessage })
      .regex(/^\d{1,6}$/, { message: limitMessage })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: limitMessage }).max(MAX_HISTORY_LIMIT, { message: limitMessage }))
      .optional(),
  },
  { message: 'only from, to and limit are understood' },
);

const LatestParams = z.strictObject(
  { sensors: z.string({ message: 'sensors must be given once, as comma-separated ids' }).optional() },
  { message: 'only sensors is understood' },
);

function badQuery(error: z.ZodError): HttpError {
  const reasons = error.issues.slice(0, 3).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return new HttpError(400, 'bad_request', reasons.join('; '));
}

/**
 * `?from=&to=&limit=` of a history request: ISO times with a zone, `to` by default now and
 * `from` a day before it, at most {@link MAX_HISTORY_MS} apart.
 */
export function parseHistoryQuery(query: unknown, nowMs: number): HistoryRange {
  const parsed = HistoryParams.safeParse(query);
  if (!parsed.success) throw badQuery(parsed.error);
  const { from, to, limit = MAX_HISTORY_LIMIT } = parsed.data;
  const toMs = to === undefined ? nowMs : Date.parse(to);
  const fromMs = from === undefined ? toMs - DEFAULT_HISTORY_MS : Date.parse(from);
  if (fromMs > toMs) throw new HttpError(400, 'bad_request', 'from must not be later than to');
  if (toMs - fromMs > MAX_HISTORY_MS) throw new HttpError(400, 'bad_request', 'from and to may be at most 31 days apart');
  return { fromMs, toMs, limit };
}

/** `?sensors=a,b` of a latest-values request: the ids named (without repeats), or undefined for all. */
export function parseLatestQuery(query: unknown): readonly string[] | undefined {
  const parsed = LatestParams.safeParse(query);
  if (!parsed.success) throw badQuery(parsed.error);
  const { sensors } = parsed.data;
  if (sensors === undefined) return undefined;
  const ids = [...new Set(sensors.split(',').map((id) => id.trim()))];
  if (ids.length > MAX_LATEST_SENSORS) throw new HttpError(400, 'bad_request', `sensors may name at most ${MAX_LATEST_SENSORS} ids`);
  const bad = ids.filter((id) => !AssetId.safeParse(id).success);
  if (bad.length > 0) throw new HttpError(400, 'bad_request', `sensors must be comma-separated sensor ids like AQ-0001 (${bad.length} are not)`);
  return ids;
}
