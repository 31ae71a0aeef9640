import type { RequestHandler, Request } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HttpMetrics {
  readonly registry: Registry;
  /** Records count, latency and bytes of every response, labelled by route, method and status. */
  readonly middleware: RequestHandler;
}

/**
 * Route labels are the matched route pattern or a fixed group, never the raw URL, so a
 * crawler cannot blow up the number of time series.
 */
function routeLabel(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return (req as Request & { metricsRoute?: string }).metricsRoute ?? 'unmatched';
}

/** Lets handlers that are not Express routes (static files) name their route group. */
export function setMetricsRoute(req: Request, route: string): void {
  (req as Request & { metricsRoute?: string }).metricsRoute = route;
}

/** One registry per app, so tests can build several apps in one process. */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to the end of the response',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const bytes = new Counter({
    name: 'http_response_bytes_total',
    help: 'Bytes of response bodies sent',
    labelNames,
    registers: [registry],
  });

  const middleware: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeLabel(req), status: String(res.statusCode) };
      stop(labels);
      requests.inc(labels);
      const length = Number(res.getHeader('content-length'));
      if (Number.isFinite(length)) bytes.inc(labels, length);
    });
    next();
  };

  return { registry, middleware };
}
