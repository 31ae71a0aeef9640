import helmet from 'helmet';
import type { RequestHandler } from 'express';

export interface SecurityOptions {
  /** Served over TLS: HSTS and upgrade-insecure-requests make sense only then. */
  readonly tls: boolean;
  /** Extra origins the viewer may fetch from (tilesets a planner adds by URL), from CSP_CONNECT_SRC. */
  readonly connectSrc: readonly string[];
}

/**
 * helmet, with a Content-Security-Policy CesiumJS runs under: its workers start from `blob:`
 * URLs, its decoders (Draco, KTX2/Basis, meshopt) compile WebAssembly, it reads `data:` and
 * `blob:` images, and its widgets set inline styles. Nothing else is loosened.
 */
export function securityHeaders({ tls, connectSrc }: SecurityOptions): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'data:', 'blob:', ...connectSrc],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: tls ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    // Tiles and imagery are meant to be used by the allowed origins, not only by this one.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}

/** What every file response carries, as flat name/value pairs: constant, computed once. */
export const FILE_SECURITY_HEADERS: readonly string[] = ['x-content-type-options', 'nosniff', 'cross-origin-resource-policy', 'cross-origin'];
