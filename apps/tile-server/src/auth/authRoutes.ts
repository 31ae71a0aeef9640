import express, { Router, type Request } from 'express';
import { LoginRequest, type LoginResponse, type WhoAmIResponse } from '@pengcheng/protocol';
import { Counter, type Registry } from 'prom-client';
import { methodNotAllowed } from '../http/errorHandlers.js';
import { HttpError } from '../http/httpError.js';
import { principalOf } from './authMiddleware.js';
import { LoginLimiter } from './loginLimiter.js';
import { verifyPassword } from './passwordHash.js';
import type { UserTokens } from './tokens.js';
import type { UserAccount } from './usersFile.js';

export interface FailureLimit {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export interface AuthRoutesOptions {
  readonly accounts: ReadonlyMap<string, UserAccount>;
  readonly tokens: UserTokens;
  readonly registry: Registry;
  readonly now?: () => number;
  /** Failed logins per client address (a desk behind one NAT shares one). */
  readonly perAddress?: FailureLimit;
  /** Failed logins per user name, whatever the address: slows a guesser spread over many. */
  readonly perUser?: FailureLimit;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
export const DEFAULT_PER_ADDRESS: FailureLimit = { maxFailures: 30, windowMs: FIFTEEN_MINUTES };
export const DEFAULT_PER_USER: FailureLimit = { maxFailures: 10, windowMs: FIFTEEN_MINUTES };

function addressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** `POST /api/v1/auth/login` and `GET /api/v1/auth/me`; expects `authenticate` to have run. */
export function authRoutes({ accounts, tokens, registry, now, perAddress = DEFAULT_PER_ADDRESS, perUser = DEFAULT_PER_USER }: AuthRoutesOptions): Router {
  const byAddress = new LoginLimiter({ ...perAddress, now });
  const byUser = new LoginLimiter({ ...perUser, now });
  const logins = new Counter({
    name: 'auth_logins_total',
    help: 'Login attempts by outcome (ok, invalid, limited, malformed).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });

  const router = Router();
  router
    .route('/api/v1/auth/login')
    .post(express.json({ limit: '4kb' }), async (req, res) => {
      res.set('Cache-Control', 'no-store');
      if (!req.is('application/json')) {
        logins.inc({ outcome: 'malformed' });
        throw new HttpError(415, 'unsupported_media_type', 'Send the login as application/json.');
      }
      const parsed = LoginRequest.safeParse(req.body);
      if (!parsed.success) {
        logins.inc({ outcome: 'malformed' });
        throw new HttpError(400, 'bad_request', 'Send {"username": "…", "password": "…"}.');
      }
      const { username, password } = parsed.data;
      const addressKey = addressOf(req);
      const userKey = username.toLowerCase();
      const waitMs = Math.max(byAddress.retryAfterMs(addressKey), byUser.retryAfterMs(userKey));
      if (waitMs > 0) {
        logins.inc({ outcome: 'limited' });
        res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
        throw new HttpError(429, 'too_many_attempts', 'Too many failed logins: wait and try again.');
      }

      const account = accounts.get(username);
      const matches = await verifyPassword(password, account?.passwordHash);
      if (!account || !matches) {
        byAddress.recordFailure(addressKey);
        byUser.recordFailure(userKey);
        logins.inc({ outcome: 'invalid' });
        // One message for an unknown user and a wrong password: names cannot be probed.
        throw new HttpError(401, 'invalid_credentials', 'Wrong user name or password.');
      }
      byUser.reset(userKey);
      const issued = await tokens.issue(account.username, account.role);
      logins.inc({ outcome: 'ok' });
      const body: LoginResponse = { token: issued.token, role: account.role, username: account.username, expiresAtMs: issued.expiresAtMs };
      res.json(body);
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/api/v1/auth/me')
    .get((_req, res) => {
      res.set('Cache-Control', 'no-store');
      const principal = principalOf(res);
      if (!principal) {
        res.set('WWW-Authenticate', 'Bearer');
        throw new HttpError(401, 'unauthenticated', 'Log in or present a device token first.');
      }
      const body: WhoAmIResponse = { subject: principal.subject, role: principal.role, kind: principal.kind };
      if (principal.expiresAtMs !== undefined) body.expiresAtMs = principal.expiresAtMs;
      res.json(body);
    })
    .all(methodNotAllowed('GET, HEAD'));
  return router;
}
