import { Router } from 'express';
import type { HealthResponse } from '@pengcheng/protocol';
import type { Lifecycle } from './lifecycle.js';

const NO_STORE = 'no-store';

/** Liveness (`/healthz`) and readiness (`/readyz`) for orchestrators and load balancers. */
export function healthRoutes(lifecycle: Lifecycle, version: string): Router {
  const router = Router();
  const started = process.hrtime.bigint();

  router.get('/healthz', (_req, res) => {
    const uptimeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const body: HealthResponse = { status: 'ok', uptimeSeconds, version };
    res.set('Cache-Control', NO_STORE).json(body);
  });

  router.get('/readyz', (_req, res) => {
    const report = lifecycle.report();
    res.status(report.ready ? 200 : 503).set('Cache-Control', NO_STORE).json(report);
  });

  return router;
}
