import { z } from 'zod';

/** `GET /healthz`: the process is alive and its event loop answers. */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number().nonnegative(),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/**
 * Lifecycle phases a server reports on `GET /readyz`. Only `ready` is served with 200;
 * `starting` and `draining` answer 503 so load balancers send no new traffic.
 */
export const LifecyclePhase = z.enum(['starting', 'ready', 'draining']);
export type LifecyclePhase = z.infer<typeof LifecyclePhase>;

/** One dependency the server needs to serve traffic (a database, a broker, the viewer build). */
export const ReadinessCheck = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string().optional(),
});
export type ReadinessCheck = z.infer<typeof ReadinessCheck>;

/** `GET /readyz`. */
export const ReadinessResponse = z.object({
  status: LifecyclePhase,
  ready: z.boolean(),
  checks: z.array(ReadinessCheck),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;
