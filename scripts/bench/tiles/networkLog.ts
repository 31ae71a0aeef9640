import type { CDPSession } from '@playwright/test';

export type Kind = 'tiles' | 'imagery';

/** One tile or imagery request, as Chromium's network stack saw it. */
export interface Exchange {
  readonly url: string;
  readonly kind: Kind;
  status?: number;
  /** Answered from the HTTP cache (disk or memory) without reaching the server. */
  fromCache: boolean;
  contentEncoding?: string;
  cacheControl?: string;
  /** Bytes received when the headers were in: the response header bytes. */
  headerBytes: number;
  /** Bytes received in all, headers included (`Network.loadingFinished`). */
  wireBytes: number;
  /** Body bytes after content decoding (`Network.dataReceived`). */
  decodedBytes: number;
  done: boolean;
  failed?: string;
}

interface RequestWillBeSent {
  requestId: string;
  request: { url: string };
}
interface ResponseReceived {
  requestId: string;
  response: {
    status: number;
    headers: Record<string, string>;
    fromDiskCache?: boolean;
    fromPrefetchCache?: boolean;
    encodedDataLength: number;
  };
}

function kindOf(url: string): Kind | undefined {
  const { pathname } = new URL(url);
  if (pathname.startsWith('/tiles/')) return 'tiles';
  if (pathname.startsWith('/imagery/')) return 'imagery';
  return undefined;
}

function header(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * Records tile and imagery requests from the CDP Network domain, phase by phase: `reset()`
 * starts a new phase and events of requests from an earlier phase are ignored.
 */
export class NetworkLog {
  #exchanges = new Map<string, Exchange>();
  #lastActivity = performance.now();

  private constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', ({ requestId, request }: RequestWillBeSent) => {
      const kind = kindOf(request.url);
      if (!kind) return;
      this.#exchanges.set(requestId, { url: request.url, kind, fromCache: false, headerBytes: 0, wireBytes: 0, decodedBytes: 0, done: false });
      this.#touch();
    });
    cdp.on('Network.requestServedFromCache', ({ requestId }: { requestId: string }) => {
      const exchange = this.#exchanges.get(requestId);
      if (exchange) exchange.fromCache = true;
    });
    cdp.on('Network.responseReceived', ({ requestId, response }: ResponseReceived) => {
      const exchange = this.#exchanges.get(requestId);
      if (!exchange) return;
      exchange.status = response.status;
      exchange.fromCache ||= Boolean(response.fromDiskCache || response.fromPrefetchCache);
      exchange.contentEncoding = header(response.headers, 'content-encoding');
      exchange.cacheControl = header(response.headers, 'cache-control');
      exchange.headerBytes = response.encodedDataLength;
    });
    cdp.on('Network.dataReceived', ({ requestId, dataLength }: { requestId: string; dataLength: number }) => {
      const exchange = this.#exchanges.get(requestId);
      if (exchange) exchange.decodedBytes += dataLength;
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }: { requestId: string; encodedDataLength: number }) => {
      const exchange = this.#exchanges.get(requestId);
      if (!exchange) return;
      exchange.wireBytes = encodedDataLength;
      exchange.done = true;
      this.#touch();
    });
    cdp.on('Network.loadingFailed', ({ requestId, errorText }: { requestId: string; errorText: string }) => {
      const exchange = this.#exchanges.get(requestId);
      if (!exchange) return;
      exchange.failed = errorText;
      exchange.done = true;
      this.#touch();
    });
  }

  static async attach(cdp: CDPSession): Promise<NetworkLog> {
    const log = new NetworkLog(cdp);
    await cdp.send('Network.enable');
    return log;
  }

  reset(): void {
    this.#exchanges = new Map();
    this.#touch();
  }

  exchanges(): Exchange[] {
    return [...this.#exchanges.values()];
  }

  /**
   * Resolves once every recorded request has finished and none started for `quietMs`: the
   * viewer may still fetch a few tiles after it reports ready, and they belong to the view.
   */
  async settle(quietMs = 2000, timeoutMs = 30_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const busy = this.exchanges().some((e) => !e.done);
      if (!busy && performance.now() - this.#lastActivity >= quietMs) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  #touch(): void {
    this.#lastActivity = performance.now();
  }
}
