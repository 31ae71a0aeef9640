import { LIVE_NAMESPACE, LIVE_SOCKET_PATH, type Ack } from '@pengcheng/protocol';
import { io, type Socket } from 'socket.io-client';
import { startTestServer, type TestServer } from './tileServerHarness.js';

/** One device token per role, as DEVICE_TOKENS takes them. */
export const HUB_TOKENS = {
  operator: 'operator-token-0123456789abcdefghijklmnop',
  viewer: 'viewer-token-0123456789abcdefghijklmnopqrs',
  kiosk: 'kiosk-token-0123456789abcdefghijklmnopqrst',
} as const;

export const OPERATOR = { subject: 'desk', role: 'operator', kind: 'device' } as const;

/** The real server with one device per role and the hub's timings made short for tests. */
export function startHubServer(env: Record<string, string> = {}): Promise<TestServer> {
  return startTestServer({
    DEVICE_TOKENS: `desk:operator:${HUB_TOKENS.operator},wall:viewer:${HUB_TOKENS.viewer},kiosk:kiosk:${HUB_TOKENS.kiosk}`,
    HUB_TRAFFIC_TICK_MS: '50',
    HUB_KPI_INTERVAL_MS: '100',
    HUB_CHANGE_POLL_MS: '200',
    ...env,
  });
}

export interface RecordedEvent {
  readonly event: string;
  readonly args: unknown[];
}

/** A real socket.io-client on `/live` that records everything it is sent, in order. */
export interface HubTestClient {
  readonly socket: Socket;
  readonly events: RecordedEvent[];
  /** Whether reliable changes are acknowledged (a client that stops doing so is dropped). */
  acknowledge: boolean;
  request<T>(event: string, payload: unknown): Promise<Ack<T>>;
  waitFor(predicate: (events: readonly RecordedEvent[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  of(event: string): unknown[][];
  close(): void;
}

export interface HubClientOptions {
  readonly token?: string;
  readonly extraHeaders?: Record<string, string>;
  readonly transports?: ('websocket' | 'polling')[];
  /** Accept the test server's self-signed certificate. */
  readonly tls?: boolean;
}

export function hubClient(server: TestServer, options: HubClientOptions = {}): HubTestClient {
  const socket = io(`${server.url}${LIVE_NAMESPACE}`, {
    path: LIVE_SOCKET_PATH,
    auth: options.token === undefined ? {} : { token: options.token },
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    ...(options.tls ? { rejectUnauthorized: false } : {}),
  });
  const events: RecordedEvent[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const client: HubTestClient = {
    socket,
    events,
    acknowledge: true,
    request: (event, payload) => socket.timeout(5000).emitWithAck(event, payload) as never,
    waitFor(predicate, what, timeoutMs = 5000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(events)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; got ${events.map((e) => e.event).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    of: (event) => events.filter((e) => e.event === event).map((e) => e.args),
    close: () => socket.close(),
  };
  socket.onAny((event: string, ...args: unknown[]) => {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args.pop();
      const change = args[0] as { seq: number };
      if (client.acknowledge) (last as (answer: unknown) => void)({ data: { seq: change.seq } });
    }
    events.push({ event, args });
    notify();
  });
  for (const event of ['connect', 'disconnect', 'connect_error'] as const) {
    socket.on(event, (...args: unknown[]) => {
      events.push({ event, args });
      notify();
    });
  }
  return client;
}

export async function connected(client: HubTestClient): Promise<HubTestClient> {
  await client.waitFor((events) => events.some((e) => e.event === 'connect' || e.event === 'connect_error'), 'the handshake');
  if (!client.socket.connected) throw new Error(`did not connect: ${JSON.stringify(client.of('connect_error'))}`);
  return client;
}
