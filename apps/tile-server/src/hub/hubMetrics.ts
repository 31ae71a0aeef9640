import { Counter, Gauge, type Registry } from 'prom-client';
import { LIVE_SERVER_EVENTS, ROLES, type Role } from '@pengcheng/protocol';

export type HandshakeRefusal = 'unauthorized' | 'forbidden' | 'origin_not_allowed' | 'shutting_down';

export interface HubMetrics {
  connected(role: Role, delta: 1 | -1): void;
  /** `count` sockets were sent one `event`. */
  delivered(event: string, count: number): void;
  /** A volatile frame skipped `count` sockets whose transport was busy. */
  volatileDropped(count: number): void;
  rateLimitCut(): void;
  refused(reason: HandshakeRefusal): void;
  /** A reliable change was not acknowledged in time: the socket was dropped to resume. */
  ackTimedOut(): void;
  /** A WebSocket stayed unwritable too long (a client reading too slowly) and was dropped. */
  slowConsumerCut(): void;
}

/** The hub's series on the app's registry; every label starts at 0 so dashboards see it. */
export function createHubMetrics(registry: Registry): HubMetrics {
  const sockets = new Gauge({ name: 'hub_connected_sockets', help: 'Live hub sockets connected to this node, by role', labelNames: ['role'] as const, registers: [registry] });
  for (const role of ROLES) sockets.set({ role }, 0);
  const deliveries = new Counter({ name: 'hub_deliveries_total', help: 'Events sent to sockets, by event (one per socket)', labelNames: ['event'] as const, registers: [registry] });
  for (const event of Object.values(LIVE_SERVER_EVENTS)) deliveries.inc({ event }, 0);
  const dropped = new Counter({ name: 'hub_volatile_dropped_total', help: 'Volatile vehicle frames not sent to a socket because its transport was busy (latest wins)', registers: [registry] });
  const cuts = new Counter({ name: 'hub_rate_limit_disconnects_total', help: 'Sockets disconnected for sending faster than their rate limit', registers: [registry] });
  const refusals = new Counter({ name: 'hub_handshake_refused_total', help: 'Live hub handshakes refused, by reason', labelNames: ['reason'] as const, registers: [registry] });
  const slow = new Counter({ name: 'hub_slow_consumer_disconnects_total', help: 'WebSockets dropped because they stayed unwritable longer than HUB_ACK_TIMEOUT_MS', registers: [registry] });
  const ackTimeouts = new Counter({ name: 'hub_ack_timeouts_total', help: 'Sockets dropped because a reliable change was not acknowledged in time', registers: [registry] });
  return {
    connected: (role, delta) => sockets.inc({ role }, delta),
    delivered: (event, count) => {
      if (count > 0) deliveries.inc({ event }, count);
    },
    volatileDropped: (count) => {
      if (count > 0) dropped.inc(count);
    },
    rateLimitCut: () => cuts.inc(),
    refused: (reason) => refusals.inc({ reason }),
    ackTimedOut: () => ackTimeouts.inc(),
    slowConsumerCut: () => slow.inc(),
  };
}
