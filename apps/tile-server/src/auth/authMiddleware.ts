import type { RequestHandler, Response } from 'express';
import { roleMay, type Permission } from '@pengcheng/protocol';
import { HttpError } from '../http/httpError.js';
import type { Principal } from './principal.js';
import type { TokenVerifier } from './tokenVerifier.js';

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

/** Who `authenticate` found behind the request, if anyone. */
export function principalOf(res: Response): Principal | undefined {
  return (res.locals as { principal?: Principal }).principal;
}

/**
 * Reads `Authorization: Bearer <token>` (a user token or a device token) and puts who it
 * stands for in `res.locals.principal`. No header: nobody, and routes decide. A header that
 * is not a valid, unexpired token: 401, so a wall with a revoked token finds out at once.
 */
export function createAuthenticate(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      next();
      return;
    }
    const token = BEARER.exec(header)?.[1];
    const principal = token === undefined ? undefined : await verifier.verify(token);
    if (!principal) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new HttpError(401, 'invalid_token', 'The presented token is not valid or has expired: log in again.');
    }
    res.locals.principal = principal;
    next();
  };
}

/** 401 when nobody is authenticated, 403 when the principal's role lacks `permission`. */
export function requirePermission(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (!principal) {
      res.set('WWW-Authenticate', 'Bearer');
      throw new HttpError(401, 'unauthenticated', 'Log in or present a device token first.');
    }
    if (!roleMay(principal.role, permission)) {
      throw new HttpError(403, 'forbidden', `The role "${principal.role}" does not have the permission "${permission}".`);
    }
    next();
  };
}
