import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { healthRoutes } from './health/healthRoutes.js';
import type { Lifecycle } from './health/lifecycle.js';
import { errorHandler, notFound } from './http/errorHandlers.js';
import type { HttpMetrics } from './metrics/httpMetrics.js';
import { metricsRoute } from './metrics/metricsRoute.js';
import { tileRoutes } from './tiles/tileRoutes.js';
import type { TilesetCatalog } from './tiles/tilesetCatalog.js';
import { viewerRoutes } from './viewer/viewerRoutes.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly metrics: HttpMetrics;
  readonly catalog: TilesetCatalog;
  readonly version: string;
}

/** Probes hit these every few seconds; logging them would drown the access log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Builds the HTTP app without listening, so tests can mount it on port 0. */
export function createApp({ config, logger, lifecycle, metrics, catalog, version }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use(metrics.middleware);
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url?.split('?')[0] ?? '') },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    }),
  );

  app.use(healthRoutes(lifecycle, version));
  app.use(metricsRoute(metrics.registry));
  app.use(tileRoutes(catalog));
  app.use(viewerRoutes(config.viewerDir, logger));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
