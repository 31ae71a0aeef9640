import type { Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Lifecycle } from '../health/lifecycle.js';
import type { ConnectionControl } from '../server/httpServer.js';

export interface ShutdownOptions {
  readonly server: Server;
  readonly connections: ConnectionControl;
  readonly lifecycle: Lifecycle;
  readonly logger: Logger;
  /** Time to keep serving with /readyz at 503 before the listener closes. */
  readonly drainMs: number;
  /** Deadline for the whole shutdown, from the signal: connections still open then are cut. */
  readonly timeoutMs: number;
  /**
   * Runs after the drain, before the listener closes, with the time left: long-lived
   * connections (the live hub's sockets) are let go here, or the listener would wait on them.
   */
  readonly beforeClose?: (remainingMs: number) => Promise<void>;
}

export interface ShutdownResult {
  /** True when open connections had to be cut at the deadline. */
  readonly forced: boolean;
  readonly elapsedMs: number;
}

/**
 * Drains, then stops the server: readiness turns 503, new connections are refused, idle
 * keep-alive connections close at once, busy ones may finish until the deadline.
 */
export async function gracefulShutdown(options: ShutdownOptions): Promise<ShutdownResult> {
  const { server, connections, lifecycle, logger, drainMs, timeoutMs, beforeClose } = options;
  const started = Date.now();
  lifecycle.startDraining();
  logger.info({ drainMs, timeoutMs }, 'draining');
  if (drainMs > 0) await sleep(drainMs);
  if (beforeClose) await beforeClose(Math.max(0, timeoutMs - (Date.now() - started)));

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Browsers hold keep-alive connections open; close each as soon as it goes idle.
  const sweep = setInterval(() => connections.closeIdle(), 100);
  connections.closeIdle();

  const remaining = Math.max(0, timeoutMs - (Date.now() - started));
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    deadline = setTimeout(() => resolve('timeout'), remaining);
  });
  const outcome = await Promise.race([closed.then(() => 'closed' as const), timedOut]);
  clearInterval(sweep);
  clearTimeout(deadline);

  const forced = outcome === 'timeout';
  if (forced) {
    logger.warn('shutdown deadline reached: closing open connections');
    connections.closeAll();
    await closed;
  }
  const elapsedMs = Date.now() - started;
  logger.info({ elapsedMs, forced }, 'stopped');
  return { forced, elapsedMs };
}
