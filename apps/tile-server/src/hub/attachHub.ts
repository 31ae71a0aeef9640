import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config/config.js';
import type { Lifecycle } from '../health/lifecycle.js';
import type { LiveServices } from '../live/createLiveServices.js';
import type { HttpServer } from '../server/httpServer.js';
import { createHub, type LiveHub } from './createHub.js';
import { createHubMetrics } from './hubMetrics.js';
import { loadLinkPositions } from './linkPositions.js';
import { connectRedisPeers } from './redisPeers.js';

export interface AttachHubDeps {
  readonly http: HttpServer;
  readonly live: LiveServices;
  readonly config: Config;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly lifecycle: Lifecycle;
}

/**
 * The hub on the server's own listener, wired to the live services: their tokens, storage and
 * events; with REDIS_URL, the other nodes through Redis and a `redis` readiness probe.
 */
export async function attachHub({ http, live, config, logger, registry, lifecycle }: AttachHubDeps): Promise<LiveHub> {
  const settings = config.live.hub;
  const peers = settings.redisUrl === undefined ? undefined : connectRedisPeers(settings.redisUrl, logger.child({ component: 'hub' }));
  if (peers) {
    lifecycle.addProbe('redis', () => (peers.ready() ? { name: 'redis', ok: true } : { name: 'redis', ok: false, detail: 'not connected to Redis: this node serves only its own clients' }));
  }
  try {
    return await createHub({
      server: http.server,
      repository: live.repository,
      events: live.events,
      sensors: live.sensors,
      verifier: live.verifier,
      linkPositions: await loadLinkPositions(config.live.districtDir),
      metrics: createHubMetrics(registry),
      logger,
      settings: { ...settings, corsOrigins: config.corsOrigins },
      ...(peers ? { peers } : {}),
    });
  } catch (error) {
    await peers?.close();
    throw error;
  }
}
