import type { RequestHandler, Request } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ResponseRecord {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
  /** Body bytes sent. */
  readonly bytes: number;
}

export interface HttpMetrics {
  readonly registry: Registry;
  /** Records count, latency and bytes of every Express response, labelled by route, method and status. */
  readonly middleware: RequestHandler;
  /** The same record for responses answered outside Express (the file fast path). */
  record(response: ResponseRecord): void;
  /** A file body taken from the in-memory cache (`hit`) or read from its source (`miss`). */
  cacheLookup(route: string, result: 'hit' | 'miss'): void;
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

  const notModified = new Counter({
    name: 'http_not_modified_total',
    help: 'Conditional requests answered 304 Not Modified',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'http_file_cache_lookups_total',
    help: 'File bodies served from the in-memory cache (hit) or read from disk or a package (miss)',
    labelNames: ['route', 'result'] as const,
    registers: [registry],
  });

  // prom-client hashes a label set on every call; tile traffic repeats a handful of label sets
  // thousands of times a second, so each set's children are looked up once and kept.
  const series = new Map<string, { duration: Histogram.Internal<'method' | 'route' | 'status'>; requests: Counter.Internal; bytes: Counter.Internal }>();
  const seriesFor = (method: string, route: string, status: number) => {
    const key = `${method} ${route} ${status}`;
    let found = series.get(key);
    if (!found) {
      const labels = { method, route, status: String(status) };
      found = { duration: duration.labels(labels), requests: requests.labels(labels), bytes: bytes.labels(labels) };
      series.set(key, found);
    }
    return found;
  };

  const record = ({ method, route, status, seconds, bytes: sent }: ResponseRecord): void => {
    const children = seriesFor(method, route, status);
    children.duration.observe(seconds);
    children.requests.inc();
    if (sent > 0) children.bytes.inc(sent);
    if (status === 304) notModified.inc({ route });
  };

  const middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const length = Number(res.getHeader('content-length'));
      record({
        method: req.method,
        route: routeLabel(req),
        status: res.statusCode,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        bytes: req.method !== 'HEAD' && Number.isFinite(length) ? length : 0,
      });
    });
    next();
  };

  return { registry, middleware, record, cacheLookup: (route, result) => cacheLookups.inc({ route, result }) };
}
