import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { FileResponder } from './files/fileResponder.js';
import { HotCache } from './files/hotCache.js';
import { healthRoutes } from './health/healthRoutes.js';
import type { Lifecycle } from './health/lifecycle.js';
import type { LiveServices } from './live/createLiveServices.js';
import { errorHandler, notFound } from './http/errorHandlers.js';
import type { HttpMetrics } from './metrics/httpMetrics.js';
import { metricsRoute } from './metrics/metricsRoute.js';
import { createCorsPolicy } from './security/corsPolicy.js';
import { securityHeaders } from './security/securityHeaders.js';
import type { SearchIndex } from './search/searchIndex.js';
import { searchRoutes } from './search/searchRoutes.js';
import { createRequestListener } from './server/requestListener.js';
import { catalogRoutes } from './tiles/catalogRoutes.js';
import { districtProfileRoutes } from './districtProfile/districtProfileRoutes.js';
import { createTileFastPath, type FastPath } from './tiles/tileFastPath.js';
import type { TilesetCatalog } from './tiles/tilesetCatalog.js';
import type { StaticSite } from './viewer/staticSite.js';
import { createViewerFastPath } from './viewer/viewerFastPath.js';
import { viewerRoutes } from './viewer/viewerRoutes.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly metrics: HttpMetrics;
  readonly catalog: TilesetCatalog;
  /** The built viewer's files, indexed. */
  readonly site: StaticSite;
  readonly version: string;
  /** The live data's routes: ingest, auth, sensors, alarms, incidents, the simulator. */
  readonly live?: Pick<LiveServices, 'ingestRouter' | 'authenticate' | 'apiRouter'>;
  /** The district's search index: `GET /api/v1/search`, public like the tiles. */
  readonly search?: SearchIndex;
}

export interface App {
  /** The HTTP/1.1 request listener: files (tiles, imagery, the viewer's) on the fast path, the rest through Express. */
  readonly listener: (req: IncomingMessage, res: ServerResponse) => void;
  readonly fastPath: FastPath;
  readonly express: Express;
}

/** Probes hit these every few seconds; logging them would drown the access log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Builds the HTTP app without listening, so tests can mount it on port 0. */
export function createApp({ config, logger, lifecycle, metrics, catalog, site, version, live, search }: AppDeps): App {
  const cors = createCorsPolicy(config.corsOrigins);
  const responder = new FileResponder(new HotCache(config.hotCacheBytes));
  const tiles = createTileFastPath({ catalog, responder, metrics, logger, cors });
  const viewerFiles = createViewerFastPath({ site, responder, metrics, logger });
  const fastPath: FastPath = (req, res) => tiles(req, res) || viewerFiles(req, res);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('etag', 'strong');

  app.use(metrics.middleware);
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url?.split('?')[0] ?? '') },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    }),
  );
  app.use(securityHeaders({ tls: config.tls !== undefined, connectSrc: config.cspConnectSrc }));
  app.use('/api', cors.middleware);

  app.use(healthRoutes(lifecycle, version));
  app.use(metricsRoute(metrics.registry));
  app.use(catalogRoutes(catalog));
  if (search) app.use(searchRoutes(search));
  app.use(districtProfileRoutes({ districtDir: config.live.districtDir, sensorsFile: config.live.sensorsFile, logger }));
  if (live) {
    // Ingest checks its own API keys, so it comes before the user and device tokens are read.
    app.use(live.ingestRouter);
    app.use('/api', live.authenticate);
    app.use(live.apiRouter);
  }
  app.use(viewerRoutes(config.viewerDir, logger));

  app.use(notFound);
  app.use(errorHandler(logger));

  const listener = createRequestListener<IncomingMessage, ServerResponse>({
    fastPath,
    fallback: app,
    metrics,
    maxUrlLength: config.maxUrlLength,
  });
  return { listener, fastPath, express: app };
}
