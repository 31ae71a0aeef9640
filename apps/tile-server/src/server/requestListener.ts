import { sendPlainError } from '../http/plainErrors.js';
import type { HttpMetrics } from '../metrics/httpMetrics.js';
import type { FastPath } from '../tiles/tileFastPath.js';
import type { NodeRequest, NodeResponse } from './nodeHttp.js';

export interface RequestListenerDeps<Req extends NodeRequest, Res extends NodeResponse> {
  readonly fastPath: FastPath;
  /** Everything the fast path does not answer: Express (or, over HTTP/2, the bridge to it). */
  readonly fallback: (req: Req, res: Res) => void;
  readonly metrics: HttpMetrics;
  readonly maxUrlLength: number;
}

/** Methods the viewer's pages and files answer; the API declares its own per route. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The server's single request listener: refuses what no route may take (overlong URLs, write
 * methods outside the API), hands tiles and imagery to the fast path, and the rest to Express.
 */
export function createRequestListener<Req extends NodeRequest, Res extends NodeResponse>(
  deps: RequestListenerDeps<Req, Res>,
): (req: Req, res: Res) => void {
  const { fastPath, fallback, metrics, maxUrlLength } = deps;
  const refuse = (req: Req, res: Res, status: number, code: string, message: string, headers = {}): void => {
    const bytes = sendPlainError(res, status, code, message, headers, req.method === 'HEAD');
    metrics.record({ method: req.method ?? 'GET', route: 'refused', status, seconds: 0, bytes });
  };
  return (req, res) => {
    const url = req.url ?? '/';
    if (url.length > maxUrlLength) {
      refuse(req, res, 414, 'uri_too_long', `Request targets are limited to ${maxUrlLength} characters.`);
      return;
    }
    if (!url.startsWith('/')) {
      // Absolute-form and authority-form targets are for proxies; this server is not one.
      refuse(req, res, 400, 'bad_request', 'The request target must be a path.');
      return;
    }
    if (fastPath(req, res)) return;
    if (!READ_METHODS.has(req.method ?? '') && !url.startsWith('/api/')) {
      refuse(req, res, 405, 'method_not_allowed', 'Use GET or HEAD.', { allow: 'GET, HEAD' });
      return;
    }
    fallback(req, res);
  };
}
