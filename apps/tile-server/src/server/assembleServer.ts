import type { Logger } from 'pino';
import { createApp } from '../app.js';
import type { Config } from '../config/config.js';
import { Lifecycle } from '../health/lifecycle.js';
import { attachHub } from '../hub/attachHub.js';
import type { LiveHub } from '../hub/createHub.js';
import { createLiveServices, type LiveServices } from '../live/createLiveServices.js';
import { createHttpMetrics } from '../metrics/httpMetrics.js';
import { loadDistrictSearch } from '../search/loadDistrictSearch.js';
import { TilesetCatalog, type CatalogOptions } from '../tiles/tilesetCatalog.js';
import { StaticSite } from '../viewer/staticSite.js';
import { createHttpServer, type HttpServer } from './httpServer.js';

export interface AssembledServer extends HttpServer {
  readonly lifecycle: Lifecycle;
  readonly catalog: TilesetCatalog;
  readonly live: LiveServices;
  /** The Socket.IO hub on the same listener; shutdown closes it before anything else. */
  readonly hub: LiveHub;
  /** Stops following TILESETS_DIR and the viewer folder and releases what the server holds. */
  release(): Promise<void>;
}

/**
 * Everything a running server is made of, not yet listening: the indexes of the tilesets and
 * of the viewer's files (built before the first request, so it already takes the fast path),
 * the app and the HTTP or HTTPS/2 server. `index.ts` and the tests assemble it the same way.
 */
export async function assembleServer(config: Config, logger: Logger, version: string, catalogOptions?: CatalogOptions): Promise<AssembledServer> {
  const lifecycle = new Lifecycle();
  const catalog = new TilesetCatalog(config.tilesetsDir, logger, catalogOptions);
  await catalog.start();
  const site = new StaticSite(config.viewerDir, logger);
  await site.start();
  const metrics = createHttpMetrics();
  const live = await createLiveServices({ config, logger, registry: metrics.registry, lifecycle });
  const search = await loadDistrictSearch(config.live.districtDir, logger);
  const app = createApp({ config, logger, lifecycle, metrics, catalog, site, version, live, search });
  const http = await createHttpServer(app, config, metrics, logger);
  const hub = await attachHub({ http, live, config, logger, registry: metrics.registry, lifecycle });
  return {
    ...http,
    lifecycle,
    catalog,
    live,
    hub,
    async release() {
      site.close();
      await hub.close();
      await live.dispose();
      await Promise.all([catalog.close(), http.dispose()]);
    },
  };
}
