import { createLiveClient, type LiveClient, type LiveConnectionState } from '@pengcheng/live-client';
import { LIVE_LAYERS, PUBLIC_LIVE_LAYERS, type Alarm, type Incident, type LiveLayer } from '@pengcheng/protocol';
import { ApiError } from '../../api/apiError.js';
import { fetchSensors, whoAmI } from '../../api/liveApi.js';
import type { LiveConnection } from '../../state/liveSlice.js';
import type { ViewerStore } from '../../state/viewerStore.js';
import type { Credentials } from './liveCredentials.js';

export interface LiveSession {
  readonly credentials: Credentials;
  /** The hub's client once the token is known good; the scene's layers listen to it. */
  readonly client: LiveClient | undefined;
  /** Called once the client exists (at once if it does). */
  onClient(listener: (client: LiveClient) => void): () => void;
  dispose(): void;
}

export interface LiveSessionOptions {
  readonly store: ViewerStore;
  readonly credentials: Credentials;
  /** The token was refused (expired, revoked): the caller forgets it. */
  readonly onUnauthorized: () => void;
  /** The server's origin; the page's own. */
  readonly origin?: string;
}

/** Store updates at most this often: alarms and readings arrive in bursts, React renders once. */
const FLUSH_MS = 250;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 15_000;

const CONNECTION: Record<LiveConnectionState, LiveConnection> = {
  idle: 'connecting',
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting',
  refused: 'refused',
  disposed: 'offline',
};

const newestRaised = (a: Alarm, b: Alarm) => b.raisedAtMs - a.raisedAtMs || a.id.localeCompare(b.id);
const newestReported = (a: Incident, b: Incident) => b.createdAtMs - a.createdAtMs || a.id.localeCompare(b.id);

/**
 * One screen's live connection: checks its token, loads the sensor registry, subscribes to
 * what its role may see, and keeps the store's live slice current. A server that cannot be
 * reached is tried again with backoff; a refused token ends the session.
 */
export function startLiveSession({ store, credentials, onUnauthorized, origin = window.location.origin }: LiveSessionOptions): LiveSession {
  const setLive = store.getState().setLive;
  const clientListeners = new Set<(client: LiveClient) => void>();
  const abort = new AbortController();
  let client: LiveClient | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const dirty = new Set<LiveLayer>();

  const flush = () => {
    flushTimer = undefined;
    if (!client || disposed) return;
    const { view } = client;
    const change: Parameters<typeof setLive>[0] = {};
    if (dirty.has('sensors')) Object.assign(change, { readings: new Map(view.sensors) });
    if (dirty.has('alarms')) Object.assign(change, { alarms: [...view.alarms.values()].sort(newestRaised) });
    if (dirty.has('incidents')) Object.assign(change, { incidents: [...view.incidents.values()].sort(newestReported) });
    if (dirty.has('kpis')) Object.assign(change, { kpis: view.kpis });
    dirty.clear();
    if (Object.keys(change).length > 0) setLive(change);
  };

  const refuse = (reason: string) => {
    setLive({ connection: 'refused', refusal: reason });
    onUnauthorized();
  };

  const connect = (layers: readonly LiveLayer[]) => {
    const created = createLiveClient({ url: origin, token: credentials.token, layers });
    client = created;
    created.onState((state) => {
      setLive({ connection: CONNECTION[state], refusal: state === 'refused' ? (created.lastError?.code ?? 'refused') : undefined });
      if (state === 'refused' && created.lastError?.code === 'unauthorized') onUnauthorized();
    });
    created.onChange((layer) => {
      dirty.add(layer);
      flushTimer ??= setTimeout(flush, FLUSH_MS);
    });
    for (const listener of clientListeners) listener(created);
    created.connect();
  };

  const begin = async (attempt: number): Promise<void> => {
    try {
      const me = await whoAmI(credentials.token, abort.signal);
      const sensors = await fetchSensors(credentials.token, abort.signal);
      if (disposed) return;
      setLive({ principal: { subject: me.subject, role: me.role, kind: me.kind }, sensors: new Map(sensors.map((sensor) => [sensor.id, sensor])) });
      connect(me.role === 'kiosk' ? PUBLIC_LIVE_LAYERS : LIVE_LAYERS);
    } catch (error) {
      if (disposed) return;
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        refuse(error.code);
        return;
      }
      // The server is restarting or unreachable: the screen says so and tries again.
      setLive({ connection: 'reconnecting' });
      retryTimer = setTimeout(() => void begin(attempt + 1), Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt));
    }
  };

  setLive({ connection: 'connecting', refusal: undefined });
  void begin(0);

  return {
    credentials,
    get client() {
      return client;
    },
    onClient(listener) {
      clientListeners.add(listener);
      if (client) listener(client);
      return () => clientListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      abort.abort();
      clearTimeout(flushTimer);
      clearTimeout(retryTimer);
      clientListeners.clear();
      client?.dispose();
      client = undefined;
    },
  };
}
