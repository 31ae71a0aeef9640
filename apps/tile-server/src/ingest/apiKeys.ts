import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export interface ApiKeyCheck {
  /** The data source whose key `Authorization: Bearer <key>` presents, or undefined. */
  sourceOf(authorization: string | undefined): string | undefined;
}

/**
 * The data sources allowed to post observations (INGEST_API_KEYS, source → key). A presented key
 * is compared with every configured one in constant time, through SHA-256 digests so that
 * neither the keys' lengths nor the position of the first differing byte show in the timing.
 */
export function createApiKeyCheck(keys: ReadonlyMap<string, string>): ApiKeyCheck {
  const digests = [...keys].map(([source, key]) => ({ source, digest: digest(key) }));
  return {
    sourceOf(authorization) {
      const presented = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
      if (presented === undefined) return undefined;
      const candidate = digest(presented);
      let found: string | undefined;
      for (const entry of digests) {
        if (timingSafeEqual(candidate, entry.digest) && found === undefined) found = entry.source;
      }
      return found;
    },
  };
}
