import { mkdir, readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { gracefulShutdown } from './lifecycle/gracefulShutdown.js';
import { createLogger } from './logging/logger.js';
import { assembleServer } from './server/assembleServer.js';

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

  const { server, protocol, connections, lifecycle, catalog, release } = await assembleServer(config, logger, await packageVersion());

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
      .then(release)
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
