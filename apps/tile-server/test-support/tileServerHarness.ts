import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import type { LiveHub } from '../src/hub/createHub.js';
import type { LiveServices } from '../src/live/createLiveServices.js';
import { assembleServer } from '../src/server/assembleServer.js';
import type { TilesetCatalog } from '../src/tiles/tilesetCatalog.js';

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly catalog: TilesetCatalog;
  readonly live: LiveServices;
  readonly hub: LiveHub;
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
  // Each server its own data folder (its live database); the simulator only where a test asks.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info', SIM: 'off', ...env });
  const logger = createLogger(config.logLevel, sink);
  // Rescans are left to the tests (refresh()), and replaced versions close at once.
  const { server, protocol, connections, lifecycle, catalog, live, hub, release } = await assembleServer(config, logger, '0.0.0-test', { rescanMs: 60_000, retireMs: 10 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await live.start();
  lifecycle.markReady();
  const { port } = server.address() as AddressInfo;
  return {
    url: `${protocol}://127.0.0.1:${port}`,
    port,
    catalog,
    live,
    hub,
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    async close() {
      connections.closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await release();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
