import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import type { Duplex } from 'node:stream';
import {
  decodeVehicleFrame,
  encodeVehicleFrame,
  LinkState,
  LIVE_NAMESPACE,
  LIVE_SERVER_EVENTS,
  LIVE_SOCKET_PATH,
  StoredObservation,
  type Kpis,
  type LiveBbox,
  type LiveClientToServer,
  type LiveServerToClient,
  type SubscribeResult,
  type VehiclePosition,
} from '@pengcheng/protocol';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/tokenVerifier.js';
import type { LiveEventMap, LiveEvents } from '../live/liveEvents.js';
import type { SensorDirectory } from '../sensors/sensorDirectory.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import { ChangeFeed } from './changeFeed.js';
import { createHandshakeAuth, createOriginCheck, handshakeError } from './handshake.js';
import type { HubMetrics } from './hubMetrics.js';
import { HubSession, type HubPeerEvents, type HubSocket } from './hubSession.js';
import { computeKpis } from './kpis.js';
import { LiveState } from './liveState.js';
import { inView, parseRoom, type LiveView, type RoomLayer, type RoomView } from './liveViews.js';
import type { HubPeers } from './redisPeers.js';
import { TokenBucket } from './tokenBucket.js';

export interface HubSettings {
  /** Largest packet a client may send (Engine.IO `maxHttpBufferSize`). */
  readonly maxMessageBytes: number;
  /** Per socket: a burst of this many messages, refilled at `ratePerSecond`. */
  readonly rateBurst: number;
  readonly ratePerSecond: number;
  /** A reliable change not acknowledged within this drops the socket, which then resumes. */
  readonly ackTimeoutMs: number;
  /** A client further behind than this many changes of a stream gets a snapshot instead. */
  readonly resumeLimit: number;
  /** Vehicle positions and link states go out at most once per this (latest wins). */
  readonly trafficTickMs: number;
  /** KPIs are recomputed this often and pushed when they changed. */
  readonly kpiIntervalMs: number;
  /** The change log is read at least this often (changes of other nodes when Redis is gone). */
  readonly changePollMs: number;
  /** On shutdown, clients are told to reconnect after a random delay up to this. */
  readonly reconnectSpreadMs: number;
  /** Changes older than this leave the change log (a client further back gets a snapshot). */
  readonly changeRetentionMs: number;
  /** Allowed cross-origin pages (CORS_ORIGINS); the same origin always is. */
  readonly corsOrigins: readonly string[] | '*';
}

export interface HubDeps {
  readonly server: HttpServer | Http2SecureServer;
  readonly repository: LiveRepository;
  readonly events: LiveEvents;
  readonly sensors: SensorDirectory;
  readonly verifier: TokenVerifier;
  /** Where each road link lies (its middle), for boxes; links not in it reach every box. */
  readonly linkPositions: ReadonlyMap<string, readonly [number, number]>;
  readonly metrics: HubMetrics;
  readonly logger: Logger;
  readonly settings: HubSettings;
  /** Other nodes through Redis, when REDIS_URL is set. */
  readonly peers?: HubPeers;
  readonly now?: () => number;
}

export interface LiveHub {
  readonly io: Server;
  /** Sockets connected to this node. */
  connectedCount(): number;
  /**
   * Tells every client to reconnect elsewhere after a random delay and disconnects them in
   * batches spread over `withinMs`; refuses new handshakes from then on.
   */
  shutdown(withinMs: number): Promise<void>;
  /** Stops timers and listeners, drops what is left, closes Engine.IO and the Redis links. */
  close(): Promise<void>;
}

/** How long disconnected WebSockets get to finish their closing handshake on shutdown. */
const SHUTDOWN_CLOSE_GRACE_MS = 500;
/** The change log is pruned at least this often. */
const PRUNE_INTERVAL_MAX_MS = 3_600_000;
/** Readings arriving closer together than this are sent together (see queueReadings). */
const SENSOR_BATCH_MS = 10;
const PeerTraffic = z.object({ timeMs: z.number(), frame: z.string(), links: z.array(LinkState) });
const PeerObservations = z.array(StoredObservation);

/**
 * The live hub: Socket.IO on namespace `/live` of the server's own HTTP(S) listener. Engine.IO
 * takes the requests under `/socket.io/` (and WebSocket upgrades) ahead of the app's request
 * listener; everything else reaches the app as before. Over HTTPS, polling may run on HTTP/2
 * and WebSocket on HTTP/1.1 (ALPN offers both).
 */
export async function createHub(deps: HubDeps): Promise<LiveHub> {
  const { repository, events, sensors, verifier, linkPositions, metrics, logger, settings, peers, now = Date.now } = deps;
  const log = logger.child({ component: 'hub' });
  let closing = false;

  const io = new Server<LiveClientToServer, LiveServerToClient, HubPeerEvents, { principal?: Principal }>(deps.server as HttpServer, {
    path: LIVE_SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: settings.maxMessageBytes,
    allowRequest: createOriginCheck(settings.corsOrigins, metrics),
    ...(settings.corsOrigins === '*' || settings.corsOrigins.length > 0 ? { cors: { origin: settings.corsOrigins === '*' ? true : [...settings.corsOrigins] } } : {}),
    ...(peers ? { adapter: peers.adapter } : {}),
  });
  // Only `/live` is served; a client on the default namespace is told so.
  io.of('/').use((_socket, next) => next(handshakeError('forbidden', `Connect to the ${LIVE_NAMESPACE} namespace.`)));
  const nsp = io.of(LIVE_NAMESPACE);

  // The TCP connections under the WebSockets, so that a peer that stopped reading can be let go
  // without waiting for ws's closing handshake (30 s): by session id once upgraded from polling.
  const upgraded = new Set<Duplex>();
  const upgradedBySid = new Map<string, Duplex>();
  const onUpgrade = (req: IncomingMessage, raw: Duplex): void => {
    if (!req.url?.startsWith(LIVE_SOCKET_PATH)) return;
    const sid = new URL(req.url, 'http://hub').searchParams.get('sid');
    upgraded.add(raw);
    if (sid) upgradedBySid.set(sid, raw);
    raw.once('close', () => {
      upgraded.delete(raw);
      if (sid) upgradedBySid.delete(sid);
    });
  };
  deps.server.on('upgrade', onUpgrade);
  const cut = (socket: HubSocket): void => {
    const conn = socket.conn;
    const raw = upgradedBySid.get(conn.transport.sid) ?? (conn.request.headers.upgrade === undefined ? undefined : conn.request.socket);
    socket.disconnect(true);
    raw?.destroy();
  };
  /** Waits up to `graceMs` for the WebSockets to finish closing, then cuts those that did not. */
  const releaseUpgraded = async (graceMs: number): Promise<void> => {
    const deadline = Date.now() + graceMs;
    while (upgraded.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const raw of upgraded) raw.destroy();
  };

  const state = new LiveState();
  const sessions = new Map<string, HubSession>();
  const feed = new ChangeFeed({
    repository,
    state,
    logger: log,
    resumeLimit: settings.resumeLimit,
    onChange: (change) => {
      for (const session of sessions.values()) session.deliver(change);
    },
  });
  await feed.start();
  for (const observation of await repository.latestObservations()) state.applyObservations([observation]);

  let kpis: Kpis | undefined;
  const currentKpis = (): Kpis => {
    kpis ??= { timeMs: now(), ...computeKpis(state, sensors, now()) };
    return kpis;
  };

  // The hub's rooms on this node by layer, kept as the adapter creates and deletes them, so a
  // fan-out never walks the rooms every socket has of its own.
  const hubRooms = new Map<RoomLayer, Map<string, RoomView>>();
  nsp.adapter.on('create-room', (room: string) => {
    const view = parseRoom(room);
    if (!view) return;
    const rooms = hubRooms.get(view.layer) ?? new Map<string, RoomView>();
    rooms.set(room, view);
    hubRooms.set(view.layer, rooms);
  });
  nsp.adapter.on('delete-room', (room: string) => {
    const view = parseRoom(room);
    if (view) hubRooms.get(view.layer)?.delete(room);
  });

  /** The hub's rooms of one layer on this node, with their members. */
  function* roomsOf(layer: RoomLayer): Generator<{ room: string; bbox: LiveBbox | undefined; publicOnly: boolean; members: ReadonlySet<string> }> {
    for (const [room, view] of hubRooms.get(layer) ?? []) {
      const members = nsp.adapter.rooms.get(room);
      if (members && members.size > 0) yield { room, bbox: view.bbox, publicOnly: view.publicOnly, members };
    }
  }

  const sensorShown = (observation: StoredObservation, bbox: LiveBbox | undefined, publicOnly: boolean): boolean => {
    const sensor = sensors.get(observation.sensorId);
    if (publicOnly && sensor?.public !== true) return false;
    return inView(bbox, sensor?.position);
  };
  const linkShown = (link: LinkState, bbox: LiveBbox | undefined): boolean => {
    const at = linkPositions.get(link.linkId);
    return inView(bbox, at && { lon: at[0], lat: at[1] });
  };
  const vehiclesIn = (bbox: LiveBbox | undefined): readonly VehiclePosition[] => {
    const list = state.vehicles?.list ?? [];
    return bbox === undefined ? list : list.filter((vehicle) => inView(bbox, vehicle));
  };

  // Readings go out at once when they come one by one, and in one message per room when they
  // come faster than one per SENSOR_BATCH_MS (a wall then gets a few messages a second instead
  // of hundreds, each sensor's newest value only): the rate adapts, light loads pay nothing.
  const pendingReadings = new Map<string, StoredObservation>();
  let readingsTimer: NodeJS.Timeout | undefined;
  let lastReadingsFlushAt = Number.NEGATIVE_INFINITY;
  function flushReadings(): void {
    readingsTimer = undefined;
    lastReadingsFlushAt = performance.now();
    const batch = [...pendingReadings.values()];
    pendingReadings.clear();
    fanOutObservations(batch);
  }
  function queueReadings(newer: readonly StoredObservation[]): void {
    if (newer.length === 0) return;
    for (const observation of newer) pendingReadings.set(observation.sensorId, observation);
    if (readingsTimer) return;
    const wait = lastReadingsFlushAt + SENSOR_BATCH_MS - performance.now();
    if (wait <= 0) flushReadings();
    else readingsTimer = setTimeout(flushReadings, wait);
  }

  function fanOutObservations(newer: readonly StoredObservation[]): void {
    if (newer.length === 0) return;
    for (const { room, bbox, publicOnly, members } of roomsOf('sensors')) {
      const observations = newer.filter((observation) => sensorShown(observation, bbox, publicOnly));
      if (observations.length === 0) continue;
      nsp.local.to(room).emit(LIVE_SERVER_EVENTS.sensorsObserved, { observations });
      metrics.delivered(LIVE_SERVER_EVENTS.sensorsObserved, members.size);
    }
  }

  function fanOutTraffic(timeMs: number, links: readonly LinkState[]): void {
    for (const { room, bbox, members } of roomsOf('vehicles')) {
      const frame = encodeVehicleFrame(timeMs, vehiclesIn(bbox));
      // Volatile: a socket whose transport is still busy skips this frame, the next one replaces it.
      let busy = 0;
      for (const id of members) if (nsp.sockets.get(id)?.conn.transport.writable === false) busy += 1;
      nsp.local.volatile.to(room).emit(LIVE_SERVER_EVENTS.vehiclesFrame, frame);
      metrics.volatileDropped(busy);
      metrics.delivered(LIVE_SERVER_EVENTS.vehiclesFrame, members.size - busy);
    }
    if (links.length === 0) return;
    for (const { room, bbox, members } of roomsOf('links')) {
      const shown = links.filter((link) => linkShown(link, bbox));
      if (shown.length === 0) continue;
      nsp.local.to(room).emit(LIVE_SERVER_EVENTS.linksUpdated, { timeMs, links: shown });
      metrics.delivered(LIVE_SERVER_EVENTS.linksUpdated, members.size);
    }
  }

  const toPeers = (send: () => void): void => {
    if (!peers?.ready()) return;
    try {
      send();
    } catch (error) {
      log.warn({ err: error }, 'live hub: could not reach the other nodes');
    }
  };

  // What this node's ingest and simulator produce: its own clients, then the other nodes'.
  const onReadings = (observations: LiveEventMap['readings'][0]): void => {
    queueReadings(state.applyObservations(observations));
    toPeers(() => io.serverSideEmit('hub:observations', [...observations]));
  };
  let pendingTraffic: { timeMs: number; vehicles: readonly VehiclePosition[] } | undefined;
  const pendingLinks = new Map<string, LinkState>();
  const onTraffic = (tick: LiveEventMap['traffic'][0]): void => {
    pendingTraffic = { timeMs: tick.timeMs, vehicles: tick.vehicles };
    for (const link of tick.links) pendingLinks.set(link.linkId, link);
  };
  const flushTraffic = (): void => {
    if (!pendingTraffic) return;
    const { timeMs, vehicles } = pendingTraffic;
    const links = [...pendingLinks.values()];
    pendingTraffic = undefined;
    pendingLinks.clear();
    state.vehicles = { timeMs, list: vehicles };
    state.applyLinks(links);
    fanOutTraffic(timeMs, links);
    toPeers(() => io.serverSideEmit('hub:traffic', { timeMs, frame: Buffer.from(encodeVehicleFrame(timeMs, vehicles)).toString('base64'), links }));
  };
  const onRecordChanged = (): void => {
    void feed.poll();
    toPeers(() => io.serverSideEmit('hub:changed'));
  };
  events.on('readings', onReadings);
  events.on('traffic', onTraffic);
  events.on('alarm', onRecordChanged);
  events.on('incident', onRecordChanged);

  // What the other nodes produced: only this node's clients (never sent on again).
  io.on('hub:changed', () => void feed.poll());
  io.on('hub:observations', (raw) => {
    const parsed = PeerObservations.safeParse(raw);
    if (parsed.success) queueReadings(state.applyObservations(parsed.data));
  });
  io.on('hub:traffic', (raw) => {
    const parsed = PeerTraffic.safeParse(raw);
    if (!parsed.success) return;
    const { timeMs, frame, links } = parsed.data;
    if (state.vehicles && state.vehicles.timeMs > timeMs) return;
    state.vehicles = { timeMs, list: decodeVehicleFrame(Buffer.from(frame, 'base64')).vehicles };
    state.applyLinks(links);
    fanOutTraffic(timeMs, links);
  });

  const pruneTimer = setInterval(() => {
    repository.pruneChanges(now() - settings.changeRetentionMs).catch((error: unknown) => log.warn({ err: error }, 'live hub: pruning the change log failed'));
  }, Math.min(settings.changeRetentionMs, PRUNE_INTERVAL_MAX_MS));
  const trafficTimer = setInterval(() => {
    flushTraffic();
    for (const session of sessions.values()) {
      if (session.checkBackPressure(now(), settings.ackTimeoutMs)) metrics.slowConsumerCut();
    }
  }, settings.trafficTickMs);
  const pollTimer = setInterval(() => void feed.poll(), settings.changePollMs);
  const kpiTimer = setInterval(() => {
    const next: Kpis = { timeMs: now(), ...computeKpis(state, sensors, now()) };
    const { timeMs: _was, ...before } = kpis ?? { timeMs: 0 };
    const { timeMs: _is, ...after } = next;
    const changed = kpis === undefined || JSON.stringify(before) !== JSON.stringify(after);
    if (!changed) return;
    kpis = next;
    const members = nsp.adapter.rooms.get('kpis')?.size ?? 0;
    if (members === 0) return;
    nsp.local.to('kpis').emit(LIVE_SERVER_EVENTS.kpisUpdated, next);
    metrics.delivered(LIVE_SERVER_EVENTS.kpisUpdated, members);
  }, settings.kpiIntervalMs);
  for (const timer of [pruneTimer, trafficTimer, pollTimer, kpiTimer]) timer.unref();

  const host = {
    feed,
    sensors,
    metrics,
    ackTimeoutMs: settings.ackTimeoutMs,
    now,
    cut,
    roomSnapshot(view: LiveView): Pick<SubscribeResult, 'sensors' | 'vehicles' | 'links' | 'kpis'> {
      const out: { -readonly [K in 'sensors' | 'vehicles' | 'links' | 'kpis']?: SubscribeResult[K] } = {};
      if (view.layers.has('sensors')) out.sensors = [...state.sensors.values()].filter((o) => sensorShown(o, view.bbox, view.publicOnly));
      if (view.layers.has('vehicles') && state.vehicles) out.vehicles = encodeVehicleFrame(state.vehicles.timeMs, vehiclesIn(view.bbox));
      if (view.layers.has('links')) out.links = [...state.links.values()].filter((link) => linkShown(link, view.bbox));
      if (view.layers.has('kpis')) out.kpis = currentKpis();
      return out;
    },
  };

  nsp.use(createHandshakeAuth(verifier, metrics, () => closing));
  nsp.on('connection', (socket: HubSocket) => {
    const principal = socket.data.principal;
    if (!principal) {
      socket.disconnect(true);
      return;
    }
    const session = new HubSession(socket, principal, host);
    sessions.set(socket.id, session);
    metrics.connected(principal.role, 1);

    const bucket = new TokenBucket(settings.rateBurst, settings.ratePerSecond, now);
    const onPacket = (packet: { type: string; data?: unknown }): void => {
      if (packet.type !== 'message') return;
      // An acknowledgement the hub is waiting for is free: a burst of alarms must not cut a wall off.
      const ack = typeof packet.data === 'string' && (packet.data.startsWith('3') || packet.data.startsWith('6'));
      if ((ack && session.awaitingAcks > 0) || bucket.take()) return;
      metrics.rateLimitCut();
      log.warn({ subject: principal.subject, role: principal.role }, 'live hub: a socket sent faster than its rate limit and was cut off');
      socket.conn.off('packet', onPacket);
      socket.disconnect(true);
    };
    socket.conn.on('packet', onPacket);
    // A socket lives no longer than the token it was opened with.
    const expiry =
      principal.expiresAtMs === undefined ? undefined : setTimeout(() => socket.disconnect(true), Math.min(2 ** 31 - 1, Math.max(0, principal.expiresAtMs - now())));
    expiry?.unref();
    socket.once('disconnect', () => {
      clearTimeout(expiry);
      socket.conn.off('packet', onPacket);
      sessions.delete(socket.id);
      metrics.connected(principal.role, -1);
    });
  });

  let closed = false;
  return {
    io: io as unknown as Server,
    connectedCount: () => sessions.size,
    async shutdown(withinMs) {
      closing = true;
      const sockets = [...nsp.sockets.values()];
      for (const socket of sockets) socket.emit(LIVE_SERVER_EVENTS.serverShutdown, { reconnectAfterMs: Math.floor(Math.random() * settings.reconnectSpreadMs) });
      metrics.delivered(LIVE_SERVER_EVENTS.serverShutdown, sockets.length);
      // Batches, so the clients' reconnects reach the other nodes spread out, not as one storm.
      const batches = Math.max(1, Math.min(10, sockets.length));
      const size = Math.ceil(sockets.length / batches);
      const pause = batches > 1 ? Math.floor(Math.min(withinMs, settings.reconnectSpreadMs) / (batches - 1)) : 0;
      for (let i = 0; i < sockets.length; i += size) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, pause));
        for (const socket of sockets.slice(i, i + size)) socket.disconnect(true);
      }
      // A client that no longer reads would hold the listener open past the deadline.
      await releaseUpgraded(Math.min(SHUTDOWN_CLOSE_GRACE_MS, withinMs));
    },
    async close() {
      if (closed) return;
      closed = true;
      closing = true;
      for (const timer of [pruneTimer, trafficTimer, pollTimer, kpiTimer]) clearInterval(timer);
      clearTimeout(readingsTimer);
      events.off('readings', onReadings);
      events.off('traffic', onTraffic);
      events.off('alarm', onRecordChanged);
      events.off('incident', onRecordChanged);
      io.local.disconnectSockets(true);
      nsp.local.disconnectSockets(true);
      // The feed's last read must end before the repository closes.
      await feed.run(async () => undefined);
      io.engine.close();
      await releaseUpgraded(0);
      deps.server.off('upgrade', onUpgrade);
      await peers?.close();
    },
  };
}
