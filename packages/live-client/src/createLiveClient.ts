import {
  ackSchema,
  AlarmChange,
  IncidentChange,
  Kpis,
  type Alarm,
  type Incident,
  LIVE_CLIENT_EVENTS,
  LIVE_CONNECT_ERRORS,
  LIVE_NAMESPACE,
  LIVE_SERVER_EVENTS,
  LIVE_SOCKET_PATH,
  LinksUpdated,
  ResumeResult,
  SensorsObserved,
  ServerShutdown,
  SubscribeResult,
  UnsubscribeResult,
  type LiveBbox,
  type LiveClientToServer,
  type LiveError,
  type LiveLayer,
  type LiveServerToClient,
  type ReliableStream as StreamName,
} from '@pengcheng/protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { alarmChange, incidentChange, LiveState, type LiveView } from './state/liveState.js';
import type { StreamChange } from './state/reliableStream.js';

/** One reliable change as the client applied it: exactly once per seq, whatever the reconnects. */
export type LiveEvent = { readonly stream: 'alarms'; readonly change: StreamChange<Alarm> } | { readonly stream: 'incidents'; readonly change: StreamChange<Incident> };

/**
 * `idle` before `connect()`; `connecting` until the first snapshot; `live` while subscribed;
 * `reconnecting` after the connection dropped (or the node said it is going away) until the
 * next snapshot; `refused` when the hub turned the token or the origin away (no retry);
 * `disposed` after `dispose()`.
 */
export type LiveConnectionState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'refused' | 'disposed';

export interface LiveSubscription {
  readonly layers: readonly LiveLayer[];
  /** `[west, south, east, north]`; absent: the whole district. */
  readonly bbox?: LiveBbox;
}

export interface LiveClientOptions extends LiveSubscription {
  /** The server's origin (`https://twin.example.cn`); the hub lives on its `/live` namespace. */
  readonly url: string;
  /** The same token as the API: a user's or a device's. */
  readonly token: string;
  /** How long the hub may take to answer a request before it is asked again. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Socket.IO options on top of ours (transports, reconnection delays, headers outside a browser). */
  readonly socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

/** A refusal or a failed request, with the hub's code (`unauthorized`, `forbidden_layer`, …). */
export class LiveClientError extends Error {
  override readonly name = 'LiveClientError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface LiveClient {
  readonly state: LiveConnectionState;
  /** Why the client is `refused`, or the last failed request. */
  readonly lastError: LiveClientError | undefined;
  /** Everything the hub sent, kept current; the same object for the client's whole life. */
  readonly view: LiveView;
  readonly subscription: LiveSubscription;
  /** Opens the connection; every (re)connect subscribes again, resuming the reliable streams. */
  connect(): void;
  /**
   * Changes layers or box. A new box or dropped layer forgets what it held there; the promise
   * settles once the hub has answered (or at once when not connected: it is sent on connect).
   */
  setSubscription(subscription: LiveSubscription): Promise<void>;
  /** Calls the listener with the layer whenever its data changed; returns the unsubscribe. */
  onChange(listener: (layer: LiveLayer) => void): () => void;
  onState(listener: (state: LiveConnectionState) => void): () => void;
  /**
   * Calls the listener once for every alarm or incident change applied after the stream's
   * snapshot (a new alarm to announce), never twice for one seq; returns the unsubscribe.
   */
  onEvent(listener: (event: LiveEvent) => void): () => void;
  /** Closes the connection and releases every listener and timer. */
  dispose(): void;
}

type LiveSocket = Socket<LiveServerToClient, LiveClientToServer>;

const SubscribeAck = ackSchema(SubscribeResult);
const UnsubscribeAck = ackSchema(UnsubscribeResult);
const ResumeAck = ackSchema(ResumeResult);
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** After a failed subscribe (timeout, `unavailable`), wait this long, jittered, and try again. */
const RETRY_MS = 1_000;
const RELIABLE: readonly StreamName[] = ['alarms', 'incidents'];
/** Handshake refusals that another attempt would get again. */
const REFUSALS = LIVE_CONNECT_ERRORS.filter((code) => code !== 'shutting_down');

const sameBox = (a: LiveBbox | undefined, b: LiveBbox | undefined) => (a === undefined ? b === undefined : b !== undefined && a.every((v, i) => v === b[i]));

/** The one client of the live hub: the viewer and the tests both use it. */
export function createLiveClient(options: LiveClientOptions): LiveClient {
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const data = new LiveState();
  const changeListeners = new Set<(layer: LiveLayer) => void>();
  const stateListeners = new Set<(state: LiveConnectionState) => void>();
  const eventListeners = new Set<(event: LiveEvent) => void>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let subscription: LiveSubscription = { layers: [...options.layers], ...(options.bbox ? { bbox: options.bbox } : {}) };
  let state: LiveConnectionState = 'idle';
  let lastError: LiveClientError | undefined;
  let socket: LiveSocket | undefined;
  let resuming = false;
  /** Bumped by every subscribe, so an answer to an older one is not applied over a newer one. */
  let generation = 0;
  let shutdownDelayMs: number | undefined;

  const setState = (next: LiveConnectionState) => {
    if (state === next || state === 'disposed') return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };
  const changed = (layer: LiveLayer) => {
    for (const listener of [...changeListeners]) listener(layer);
  };
  const announce = (alarms: readonly StreamChange<Alarm>[], incidents: readonly StreamChange<Incident>[]) => {
    for (const change of alarms) for (const listener of [...eventListeners]) listener({ stream: 'alarms', change });
    for (const change of incidents) for (const listener of [...eventListeners]) listener({ stream: 'incidents', change });
  };
  const later = (delayMs: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, delayMs);
    timers.add(timer);
  };
  const jitter = (ms: number) => ms / 2 + Math.random() * ms;

  const request = async <T>(event: keyof LiveClientToServer, payload: unknown, schema: { parse(value: unknown): { data: T } | { error: LiveError } }): Promise<T> => {
    if (!socket?.connected) throw new LiveClientError('not_connected', 'not connected to the hub');
    const answer = schema.parse(await socket.timeout(requestTimeoutMs).emitWithAck(event, payload as never));
    if ('error' in answer) throw new LiveClientError(answer.error.code, answer.error.message);
    return answer.data;
  };

  const subscribe = async (): Promise<void> => {
    const mine = ++generation;
    const wanted = subscription;
    if (wanted.layers.length === 0) {
      await request(LIVE_CLIENT_EVENTS.unsubscribe, {}, UnsubscribeAck);
      if (mine === generation) setState('live');
      return;
    }
    const resume = data.resumePoint();
    const result = await request(
      LIVE_CLIENT_EVENTS.subscribe,
      { layers: wanted.layers, ...(wanted.bbox ? { bbox: wanted.bbox } : {}), ...(Object.keys(resume).length > 0 ? { resume } : {}) },
      SubscribeAck,
    );
    if (mine !== generation) return;
    const applied = data.applySubscribeResult(result);
    announce(applied.alarms, applied.incidents);
    for (const layer of applied.touched) changed(layer);
    setState('live');
    checkGaps();
  };

  const subscribeOrRetry = () => {
    subscribe().catch((error: unknown) => {
      const failure = error instanceof LiveClientError ? error : new LiveClientError('unavailable', String(error));
      lastError = failure;
      if (state === 'disposed' || !socket?.connected) return;
      // The hub refused what was asked (a kiosk asking for alarms, a box too large): asking again will not help.
      if (failure.code === 'forbidden_layer' || failure.code === 'bbox_too_large' || failure.code === 'invalid_payload') setState('refused');
      else later(jitter(RETRY_MS), subscribeOrRetry);
    });
  };

  /** A change whose predecessor never came: ask for what followed the last one held; if that does not close it, start over from a snapshot. */
  const checkGaps = () => {
    const gaps = data.gaps();
    if (gaps.length === 0 || resuming || !socket?.connected) return;
    resuming = true;
    const point = data.resumePoint();
    request(LIVE_CLIENT_EVENTS.resume, Object.fromEntries(gaps.map((stream) => [stream, point[stream]])), ResumeAck)
      .then((result) => {
        announce(result.alarms ? data.applyAlarmSync(result.alarms) : [], result.incidents ? data.applyIncidentSync(result.incidents) : []);
        for (const stream of gaps) changed(stream);
        const left = data.gaps();
        if (left.length > 0 && socket) {
          // The hub answers a subscription on the same socket from that socket's position: a
          // fresh snapshot needs a fresh connection, which subscribes without a resume point.
          for (const stream of left) data.clear(stream);
          socket.disconnect().connect();
        }
      })
      .catch((error: unknown) => {
        lastError = error instanceof LiveClientError ? error : new LiveClientError('unavailable', String(error));
      })
      .finally(() => {
        resuming = false;
      });
  };

  /** Messages of a layer just dropped can still be on the wire: they are not applied. */
  const wants = (layer: LiveLayer) => subscription.layers.includes(layer);
  const afterReliable = (stream: StreamName) => {
    changed(stream);
    checkGaps();
  };

  const attach = (s: LiveSocket) => {
    s.on('connect', () => {
      shutdownDelayMs = undefined;
      subscribeOrRetry();
    });
    s.on('disconnect', (reason) => {
      if (state === 'disposed') return;
      setState('reconnecting');
      // The server ended this connection (shutdown, a missed ack): Socket.IO does not come back by itself.
      if (reason === 'io server disconnect') later(shutdownDelayMs ?? jitter(RETRY_MS), () => s.connect());
    });
    s.on('connect_error', (error) => {
      if (error.message === 'shutting_down') {
        // This node is going away; the next attempt (through the proxy) reaches another.
        setState('reconnecting');
        later(shutdownDelayMs ?? jitter(RETRY_MS), () => s.connect());
      } else if ((REFUSALS as readonly string[]).includes(error.message)) {
        lastError = new LiveClientError(error.message, `the hub refused the connection: ${error.message}`);
        setState('refused');
        s.disconnect();
      } else if (state !== 'connecting') {
        setState('reconnecting');
      }
    });
    s.on(LIVE_SERVER_EVENTS.alarmChanged, (payload, ack) => {
      const parsed = AlarmChange.safeParse(payload);
      if (!parsed.success) return;
      ack({ data: { seq: parsed.data.seq } });
      if (!wants('alarms')) return;
      const change = alarmChange(parsed.data);
      if (data.alarmStream.applyChange(change) !== 'applied') return;
      announce([change], []);
      afterReliable('alarms');
    });
    s.on(LIVE_SERVER_EVENTS.incidentChanged, (payload, ack) => {
      const parsed = IncidentChange.safeParse(payload);
      if (!parsed.success) return;
      ack({ data: { seq: parsed.data.seq } });
      if (!wants('incidents')) return;
      const change = incidentChange(parsed.data);
      if (data.incidentStream.applyChange(change) !== 'applied') return;
      announce([], [change]);
      afterReliable('incidents');
    });
    s.on(LIVE_SERVER_EVENTS.sensorsObserved, (payload) => {
      if (!wants('sensors')) return;
      const parsed = SensorsObserved.safeParse(payload);
      if (parsed.success && data.applySensors(parsed.data.observations)) changed('sensors');
    });
    s.on(LIVE_SERVER_EVENTS.linksUpdated, (payload) => {
      if (!wants('links')) return;
      const parsed = LinksUpdated.safeParse(payload);
      if (parsed.success && data.applyLinks(parsed.data.links)) changed('links');
    });
    s.on(LIVE_SERVER_EVENTS.vehiclesFrame, (frame) => {
      if (!wants('vehicles')) return;
      try {
        if (data.applyVehicleFrame(frame)) changed('vehicles');
      } catch {
        // A broken frame is skipped: the next tick replaces it.
      }
    });
    s.on(LIVE_SERVER_EVENTS.kpisUpdated, (payload) => {
      if (!wants('kpis')) return;
      const parsed = Kpis.safeParse(payload);
      if (parsed.success && data.applyKpis(parsed.data)) changed('kpis');
    });
    s.on(LIVE_SERVER_EVENTS.serverShutdown, (payload) => {
      const parsed = ServerShutdown.safeParse(payload);
      shutdownDelayMs = parsed.success ? parsed.data.reconnectAfterMs : undefined;
      setState('reconnecting');
    });
  };

  return {
    get state() {
      return state;
    },
    get lastError() {
      return lastError;
    },
    view: data,
    get subscription() {
      return subscription;
    },
    connect() {
      if (state !== 'idle') return;
      setState('connecting');
      const s: LiveSocket = io(new URL(LIVE_NAMESPACE, options.url).toString(), {
        path: LIVE_SOCKET_PATH,
        auth: { token: options.token },
        autoConnect: false,
        ...options.socketOptions,
      });
      socket = s;
      attach(s);
      s.connect();
    },
    async setSubscription(next) {
      const previous = subscription;
      subscription = { layers: [...next.layers], ...(next.bbox ? { bbox: next.bbox } : {}) };
      const boxChanged = !sameBox(previous.bbox, subscription.bbox);
      for (const layer of previous.layers) {
        if (boxChanged || !subscription.layers.includes(layer)) {
          data.clear(layer);
          changed(layer);
        }
      }
      for (const stream of RELIABLE) if (!subscription.layers.includes(stream)) data.clear(stream);
      if (socket?.connected) await subscribe();
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    dispose() {
      setState('disposed');
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      changeListeners.clear();
      stateListeners.clear();
      eventListeners.clear();
      if (socket) {
        socket.removeAllListeners();
        socket.io.removeAllListeners();
        socket.disconnect();
        socket = undefined;
      }
    },
  };
}
