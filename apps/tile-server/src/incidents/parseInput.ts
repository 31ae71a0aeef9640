import type { z } from 'zod';
import { HttpError } from '../http/httpError.js';

/** The input as the schema reads it, or 400 naming the first field that is wrong and why. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` ${issue.path.join('.')}` : '';
  throw new HttpError(400, 'bad_request', `Invalid ${what}${where}: ${issue?.message ?? 'not understood'}.`);
}
