import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type OutgoingHttpHeaders, type RequestListener } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { sendPlainError } from '../http/plainErrors.js';

/** Connection-specific headers HTTP/2 forbids (RFC 9113 §8.2.2). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

export interface ExpressBridge {
  /** Forwards one HTTP/2 request to Express and streams its answer back. */
  forward(req: Http2ServerRequest, res: Http2ServerResponse): void;
  close(): Promise<void>;
}

/**
 * Express cannot take HTTP/2 compatibility requests (it swaps their prototypes for its own), so
 * the few non-file requests that arrive over HTTP/2 (the API, the app's HTML) are passed to an
 * in-process HTTP/1.1 listener on a private Unix socket. Tiles never take this detour.
 */
export async function startExpressBridge(app: RequestListener, logger: Logger): Promise<ExpressBridge> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pengcheng-bridge-'));
  const socketPath = path.join(dir, 'express.sock');
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  const forward = (req: Http2ServerRequest, res: Http2ServerResponse): void => {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!name.startsWith(':') && value !== undefined) headers[name] = value;
    }
    headers.host = req.authority;
    headers['x-forwarded-proto'] = 'https';
    if (req.socket.remoteAddress) headers['x-forwarded-for'] = req.socket.remoteAddress;
    const upstream = request({ socketPath, agent, method: req.method, path: req.url, headers }, (answer) => {
      const out: OutgoingHttpHeaders = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
      res.writeHead(answer.statusCode ?? 502, out);
      pipeline(answer, res).catch(() => res.destroy());
    });
    upstream.on('error', (error) => {
      logger.error({ err: error }, 'HTTP/2 bridge to Express failed');
      if (!res.headersSent) sendPlainError(res, 502, 'bad_gateway', 'The server could not answer this request.');
      else res.destroy();
    });
    pipeline(req, upstream).catch(() => upstream.destroy());
  };

  return {
    forward,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
