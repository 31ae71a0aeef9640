import { z } from 'zod';

/**
 * The one error body every HTTP endpoint answers with. `code` is stable and machine-readable;
 * `message` is for people and never contains server paths or stack traces.
 */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
