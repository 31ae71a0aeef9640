import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';

/** The other nodes, through Redis: the Socket.IO adapter and whether Redis is there right now. */
export interface HubPeers {
  readonly adapter: ReturnType<typeof createAdapter>;
  /** Both connections are up; while not, nothing is sent to peers (no queue builds up). */
  ready(): boolean;
  close(): Promise<void>;
}

/** Reconnects every so often, for as long as it takes: a Redis restart must heal by itself. */
const RECONNECT_MAX_MS = 2000;

/**
 * Connects to REDIS_URL without waiting: a node starts and serves its own clients with Redis
 * gone, its readiness says so, and it joins the others once Redis is back.
 */
export function connectRedisPeers(url: string, logger: Logger): HubPeers {
  const options = { url, socket: { connectTimeout: RECONNECT_MAX_MS, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 6), RECONNECT_MAX_MS) } };
  const pub = createClient(options);
  const sub = pub.duplicate();
  let lastWarnAt = 0;
  const warn = (error: unknown) => {
    // A dead Redis errors at every retry; once in a while in the log is enough.
    const now = Date.now();
    if (now - lastWarnAt < 10_000) return;
    lastWarnAt = now;
    logger.warn({ err: error }, 'live hub: Redis is not reachable; serving local clients only');
  };
  pub.on('error', warn);
  sub.on('error', warn);
  pub.on('ready', () => logger.info('live hub: connected to Redis'));
  void pub.connect().catch(warn);
  void sub.connect().catch(warn);
  return {
    adapter: createAdapter(pub, sub),
    ready: () => pub.isReady && sub.isReady,
    async close() {
      for (const client of [pub, sub]) {
        if (!client.isOpen) continue;
        // Reconnecting: nothing to flush, and close() would wait for Redis to come back.
        if (client.isReady) await client.close();
        else client.destroy();
      }
    },
  };
}
