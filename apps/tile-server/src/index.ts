import { mkdir, readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { gracefulShutdown } from './lifecycle/gracefulShutdown.js';
import { createLogger } from './logging/logger.js';
import type { DeviceToken } from './auth/deviceTokens.js';
import type { InitialPassword } from './auth/usersFile.js';
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

/**
 * The first start made one user per role with a random password: show them once, on stdout and
 * not through the log (which may be shipped elsewhere). Only their hashes are kept.
 */
function printInitialPasswords(passwords: readonly InitialPassword[], dataDir: string): void {
  const lines = passwords.map(({ username, role, password }) => `  ${username.padEnd(10)} ${role.padEnd(10)} ${password}`);
  process.stdout.write(
    [
      '',
      `First start: one user per role was created in ${dataDir}/users.json. Their passwords, shown this once:`,
      '  user       role       password',
      ...lines,
      'Keep them now; to reset one: node apps/tile-server/dist/auth/usersCli.js <users.json> <user> <role>',
      '',
    ].join('\n') + '\n',
  );
}

/** The first start without DEVICE_TOKENS made a wall and a kiosk: their links, with the token, shown once like the passwords. */
function printInitialDevices(devices: readonly DeviceToken[], baseUrl: string, dataDir: string): void {
  const mode = (device: DeviceToken) => (device.role === 'kiosk' ? 'kiosk' : 'wall');
  process.stdout.write(
    [
      `First start: a wall and a kiosk device were made in ${dataDir}/device-tokens.json. Open each screen once with its link (the screen keeps the token):`,
      ...devices.map((device) => `  ${device.name.padEnd(10)} ${new URL(`/${mode(device)}#device=${device.token}`, baseUrl).toString()}`),
      '',
    ].join('\n') + '\n',
  );
}

/** Owns the process: config, listen, signals, shutdown. */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  await mkdir(config.dataDir, { recursive: true });

  const { server, protocol, connections, lifecycle, catalog, live, hub, release } = await assembleServer(config, logger, await packageVersion()).catch((error: unknown) => {
    // A users file, sensor registry or responsibility list that is wrong, or a database that
    // cannot be reached: one line that says which and why, then stop.
    logger.fatal({ err: error }, `cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
  if (live.initialPasswords.length > 0) printInitialPasswords(live.initialPasswords, config.dataDir);

  server.once('error', (error: NodeJS.ErrnoException) => {
    logger.fatal({ err: error }, `cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    if (live.initialDevices.length > 0) printInitialDevices(live.initialDevices, `${protocol}://${shownHost}:${port}/`, config.dataDir);
    live.start().then(
      () => lifecycle.markReady(),
      (error: unknown) => {
        logger.fatal({ err: error }, 'cannot start the live data');
        process.exit(1);
      },
    );
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
      // Half of what is left for the hub's sockets, in batches; the rest for requests in flight.
      beforeClose: (remainingMs) => hub.shutdown(Math.floor(remainingMs / 2)),
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
