import { Role } from '@pengcheng/protocol';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Principal } from './principal.js';
import type { TokenVerifier } from './tokenVerifier.js';
import type { UserAccount } from './usersFile.js';

export const TOKEN_ISSUER = 'pengcheng-twin';
export const TOKEN_AUDIENCE = 'pengcheng-twin/api';
export const DEFAULT_TOKEN_TTL_S = 12 * 60 * 60;

export interface IssuedToken {
  readonly token: string;
  readonly expiresAtMs: number;
}

export interface UserTokens extends TokenVerifier {
  issue(username: string, role: Role): Promise<IssuedToken>;
}

export interface UserTokenOptions {
  /** From {@link loadAuthSecret}. */
  readonly key: Uint8Array;
  readonly ttlS?: number;
  readonly now?: () => number;
  /**
   * The users as configured now: a token of a user since removed, or whose role changed, is
   * refused once the server has restarted with the new file.
   */
  readonly accounts: ReadonlyMap<string, Pick<UserAccount, 'role'>>;
}

/** Signed user tokens (JWT, HS256) carrying the user name, role and expiry. */
export function createUserTokens({ key, ttlS = DEFAULT_TOKEN_TTL_S, now = Date.now, accounts }: UserTokenOptions): UserTokens {
  if (!Number.isInteger(ttlS) || ttlS < 1) throw new Error('the token lifetime must be a positive whole number of seconds');
  return {
    async issue(username, role) {
      const issuedAtS = Math.floor(now() / 1000);
      const expiresAtS = issuedAtS + ttlS;
      const token = await new SignJWT({ role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(username)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt(issuedAtS)
        .setExpirationTime(expiresAtS)
        .sign(key);
      return { token, expiresAtMs: expiresAtS * 1000 };
    },

    async verify(token): Promise<Principal | undefined> {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
          requiredClaims: ['sub', 'exp', 'iat'],
          currentDate: new Date(now()),
        });
        const role = Role.safeParse(payload.role);
        const subject = payload.sub;
        if (!role.success || subject === undefined || payload.exp === undefined) return undefined;
        if (accounts.get(subject)?.role !== role.data) return undefined;
        return { subject, role: role.data, kind: 'user', expiresAtMs: payload.exp * 1000 };
      } catch (error) {
        // Bad signature, expired, malformed, wrong issuer: all mean "not a valid token".
        if (error instanceof errors.JOSEError) return undefined;
        throw error;
      }
    },
  };
}
