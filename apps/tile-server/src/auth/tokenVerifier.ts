import type { Principal } from './principal.js';

/** Turns a presented bearer token into who it stands for, or undefined when it is not valid. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal | undefined>;
}

/** The first verifier that accepts the token wins (device tokens, then user tokens). */
export function anyOf(...verifiers: readonly TokenVerifier[]): TokenVerifier {
  return {
    async verify(token) {
      for (const verifier of verifiers) {
        const principal = await verifier.verify(token);
        if (principal) return principal;
      }
      return undefined;
    },
  };
}
