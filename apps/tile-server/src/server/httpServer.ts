import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createSecureServer, type Http2SecureServer, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { App } from '../app.js';
import type { Config } from '../config/config.js';
import type { HttpMetrics } from '../metrics/httpMetrics.js';
import { startExpressBridge } from './http2Bridge.js';
import { createRequestListener } from './requestListener.js';

/** How shutdown reaches a server's connections, whatever protocol they speak. */
export interface ConnectionControl {
  /** Asks every connection to finish: idle HTTP/1.1 ones close, HTTP/2 sessions get GOAWAY. */
  closeIdle(): void;
  /** Cuts every connection still open. */
  closeAll(): void;
}

export interface HttpServer {
  readonly server: Server | Http2SecureServer;
  readonly protocol: 'http' | 'https';
  readonly connections: ConnectionControl;
  /** Releases what the server holds besides its listener (the HTTP/2 bridge). */
  dispose(): Promise<void>;
}

/**
 * Plain HTTP/1.1, or, when TLS_CERT and TLS_KEY are set, HTTPS speaking HTTP/2 with HTTP/1.1
 * still accepted (ALPN). Timeouts bound slow and idle clients so they cannot hold the server.
 */
export async function createHttpServer(app: App, config: Config, metrics: HttpMetrics, logger: Logger): Promise<HttpServer> {
  if (!config.tls) {
    const server = createServer(
      {
        headersTimeout: config.headersTimeoutMs,
        requestTimeout: config.requestTimeoutMs,
        keepAliveTimeout: config.keepAliveTimeoutMs,
        // How often Node checks the two timeouts above; its default (30 s) would let slow clients linger.
        connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(config.headersTimeoutMs / 4))),
      },
      app.listener,
    );
    server.setTimeout(config.idleTimeoutMs);
    return {
      server,
      protocol: 'http',
      connections: { closeIdle: () => server.closeIdleConnections(), closeAll: () => server.closeAllConnections() },
      dispose: () => Promise.resolve(),
    };
  }

  const bridge = await startExpressBridge(app.express, logger);
  const http2Listener = createRequestListener<Http2ServerRequest, Http2ServerResponse>({
    fastPath: app.fastPath,
    fallback: bridge.forward,
    metrics,
    maxUrlLength: config.maxUrlLength,
  });
  const server = createSecureServer(
    {
      cert: readFileSync(config.tls.certFile),
      key: readFileSync(config.tls.keyFile),
      allowHTTP1: true,
      settings: { maxConcurrentStreams: 128 },
    },
    (req, res) => {
      if (req.httpVersionMajor >= 2) http2Listener(req, res);
      else app.listener(req as never, res as never);
    },
  );
  server.setTimeout(config.idleTimeoutMs);

  const sessions = new Set<Http2Session>();
  const sockets = new Set<Socket>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    server,
    protocol: 'https',
    connections: {
      closeIdle: () => {
        for (const session of sessions) session.close();
      },
      closeAll: () => {
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
      },
    },
    dispose: () => bridge.close(),
  };
}
