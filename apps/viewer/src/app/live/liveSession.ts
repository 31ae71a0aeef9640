import { createLiveClient, type LiveClient, type LiveConnectionState } from '@pengcheng/live-client';
import { LIVE_LAYERS, PUBLIC_LIVE_LAYERS, type LiveLayer } from '@pengcheng/protocol';
import { ApiError } from '../../api/apiError.js';
import { fetchSensors, whoAmI } from '../../api/liveApi.js';
import type { LiveConnection } from '../../state/liveSlice.js';
import type { ViewerStore } from '../../state/viewerStore.js';
import { feedStore, type StoreFeed } from './feedStore.js';
import type { Credentials } from './liveCredentials.js';

export interface LiveSession {
  readonly credentials: Credentials;
  /** The hub's client once the token is known good; the scene's layers listen to it. */
  readonly client: LiveClient | undefined;
  /** Called once the client exists (at once if it does). */
  onClient(listener: (client: LiveClient) => void): () => void;
  /**
   * While muted (a replay shows), the hub's data keeps arriving and is held but does not reach
   * the store; unmuting puts the connection's state and everything held back at once.
   */
  setMuted(muted: boolean): void;
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
  let feed: StoreFeed | undefined;
  let muted = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const showState = (state: LiveConnectionState) => {
    if (!muted) setLive({ connection: CONNECTION[state], refusal: state === 'refused' ? (client?.lastError?.code ?? 'refused') : undefined });
  };

  const refuse = (reason: string) => {
    setLive({ connection: 'refused', refusal: reason });
    onUnauthorized();
  };

  const connect = (layers: readonly LiveLayer[]) => {
    const created = createLiveClient({ url: origin, token: credentials.token, layers });
    client = created;
    created.onState((state) => {
      showState(state);
      if (state === 'refused' && created.lastError?.code === 'unauthorized') onUnauthorized();
    });
    if (!muted) feed = feedStore(store, created);
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
      if (!muted) setLive({ connection: 'reconnecting' });
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
    setMuted(next) {
      if (next === muted || disposed) return;
      muted = next;
      if (muted) {
        feed?.dispose();
        feed = undefined;
        return;
      }
      setLive({ connection: client ? CONNECTION[client.state] : 'connecting', refusal: undefined });
      if (client) feed = feedStore(store, client);
    },
    dispose() {
      disposed = true;
      abort.abort();
      feed?.dispose();
      clearTimeout(retryTimer);
      clientListeners.clear();
      client?.dispose();
      client = undefined;
    },
  };
}
