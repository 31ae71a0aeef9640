import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { Lifecycle } from '../src/health/lifecycle.js';
import { createLogger } from '../src/logging/logger.js';
import { createHttpMetrics } from '../src/metrics/httpMetrics.js';
import { createHttpServer } from '../src/server/httpServer.js';
import { TilesetCatalog } from '../src/tiles/tilesetCatalog.js';
import { StaticSite } from '../src/viewer/staticSite.js';

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly catalog: TilesetCatalog;
  /** Every JSON log line the server wrote, parsed. */
  logs(): Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The real server as `index.ts` assembles it (catalog, fast path, Express, HTTP or HTTPS/2),
 * listening on a free port of 127.0.0.1, with its JSON logs captured.
 */
export async function startTestServer(env: Record<string, string>): Promise<TestServer> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ DATA_DIR: tmpdir(), LOG_LEVEL: 'info', ...env });
  const logger = createLogger(config.logLevel, sink);
  const lifecycle = new Lifecycle();
  const catalog = new TilesetCatalog(config.tilesetsDir, logger, { rescanMs: 60_000, retireMs: 10 });
  await catalog.start();
  const site = new StaticSite(config.viewerDir, logger);
  await site.start();
  const metrics = createHttpMetrics();
  const app = createApp({ config, logger, lifecycle, metrics, catalog, site, version: '0.0.0-test' });
  const { server, protocol, connections, dispose } = await createHttpServer(app, config, metrics, logger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  lifecycle.markReady();
  const { port } = server.address() as AddressInfo;
  return {
    url: `${protocol}://127.0.0.1:${port}`,
    port,
    catalog,
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    async close() {
      connections.closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      site.close();
      await Promise.all([catalog.close(), dispose()]);
    },
  };
}
