import { mkdir, readFile } from 'node:fs/promises';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { Lifecycle } from './health/lifecycle.js';
import { gracefulShutdown } from './lifecycle/gracefulShutdown.js';
import { createLogger } from './logging/logger.js';
import { createHttpServer } from './server/httpServer.js';
import { createHttpMetrics } from './metrics/httpMetrics.js';
import { TilesetCatalog } from './tiles/tilesetCatalog.js';
import { StaticSite } from './viewer/staticSite.js';

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`pengcheng-tile-server: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function packageVersion(): Promise<string> {
  const file = new URL('../package.json', import.meta.url);
  const pkg = JSON.parse(await readFile(file, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** Owns the process: config, listen, signals, shutdown. */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  await mkdir(config.dataDir, { recursive: true });

  const lifecycle = new Lifecycle();
  const catalog = new TilesetCatalog(config.tilesetsDir, logger);
  // Index every tileset before listening: the first request already takes the fast path.
  await catalog.start();
  const site = new StaticSite(config.viewerDir, logger);
  await site.start();
  const metrics = createHttpMetrics();
  const app = createApp({ config, logger, lifecycle, metrics, catalog, site, version: await packageVersion() });
  const { server, protocol, connections, dispose } = await createHttpServer(app, config, metrics, logger);

  server.once('error', (error: NodeJS.ErrnoException) => {
    logger.fatal({ err: error }, `cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    lifecycle.markReady();
    logger.info(
      { url: `${protocol}://${shownHost}:${port}/`, dataDir: config.dataDir, tilesets: catalog.list().length, http2: protocol === 'https' },
      'listening',
    );
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    gracefulShutdown({
      server,
      connections,
      lifecycle,
      logger,
      drainMs: config.shutdownDrainMs,
      timeoutMs: config.shutdownTimeoutMs,
    })
      .then(() => Promise.all([catalog.close(), site.close(), dispose()]))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.fatal({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
