import type { IncomingMessage } from 'node:http';
import { roleMay } from '@pengcheng/protocol';
import type { ExtendedError, Socket } from 'socket.io';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/tokenVerifier.js';
import type { HandshakeRefusal, HubMetrics } from './hubMetrics.js';

/** Longer tokens are refused before they reach the verifier. */
const MAX_TOKEN_LENGTH = 4096;

/**
 * Whether a browser page from `origin` may open the hub: the same origin as the request's host,
 * or one of CORS_ORIGINS (`*`: any). No Origin at all is a non-browser client (a wall's
 * player, a test): its token still decides.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[] | '*'): boolean {
  if (origin === undefined) return true;
  if (allowed === '*') return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host !== undefined && parsed.host === host.toLowerCase()) return true;
  return allowed.includes(parsed.origin);
}

/** For Engine.IO's `allowRequest`: refuses a foreign Origin before any Socket.IO packet. */
export function createOriginCheck(allowed: readonly string[] | '*', metrics: HubMetrics) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const host = req.headers.host ?? (req.headers[':authority'] as string | undefined);
    if (originAllowed(req.headers.origin, host, allowed)) {
      callback(null, true);
      return;
    }
    metrics.refused('origin_not_allowed');
    callback('origin_not_allowed', false);
  };
}

/** What the client's `connect_error` carries: `message` is the code, `data` says why. */
export function handshakeError(code: HandshakeRefusal, message: string): ExtendedError {
  const error = new Error(code) as ExtendedError;
  error.data = { code, message };
  return error;
}

/**
 * The namespace middleware: the token of the handshake (`auth: { token }`) is checked as the
 * API's bearer tokens are, and its role must be allowed to read live data.
 */
export function createHandshakeAuth(verifier: TokenVerifier, metrics: HubMetrics, closing: () => boolean) {
  return async (socket: Socket, next: (error?: ExtendedError) => void): Promise<void> => {
    if (closing()) {
      metrics.refused('shutting_down');
      next(handshakeError('shutting_down', 'This node is shutting down: connect to another.'));
      return;
    }
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    const principal: Principal | undefined =
      typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_LENGTH ? await verifier.verify(token) : undefined;
    if (!principal) {
      metrics.refused('unauthorized');
      next(handshakeError('unauthorized', 'Present a valid user or device token as auth.token.'));
      return;
    }
    if (!roleMay(principal.role, 'live:read')) {
      metrics.refused('forbidden');
      next(handshakeError('forbidden', `The role "${principal.role}" may not read live data.`));
      return;
    }
    (socket.data as { principal?: Principal }).principal = principal;
    next();
  };
}
