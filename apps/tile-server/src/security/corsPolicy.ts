import cors, { type CorsOptions } from 'cors';
import type { RequestHandler } from 'express';

/** Headers a cross-origin tile client needs to read: validators, ranges and codings. */
const EXPOSED = ['ETag', 'Content-Length', 'Content-Range', 'Content-Encoding', 'Accept-Ranges'];

/** `CORS_ORIGINS`: exact origins (`https://wall.example.gov.cn`), or `*` for any. */
export type CorsOrigins = readonly string[] | '*';

export interface CorsPolicy {
  /** True when a request from `origin` may read responses. */
  allows(origin: string): boolean;
  /** Connect-style middleware (the `cors` package) for Express and for the fast path alike. */
  readonly middleware: RequestHandler;
}

export function createCorsPolicy(origins: CorsOrigins): CorsPolicy {
  const allowed = origins === '*' ? undefined : new Set(origins);
  const allows = (origin: string): boolean => allowed === undefined || allowed.has(origin);
  const options: CorsOptions = {
    origin: (origin, callback) => callback(null, origin !== undefined && allows(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Range', 'If-None-Match', 'If-Range', 'Content-Type', 'Authorization', 'X-Api-Key'],
    exposedHeaders: EXPOSED,
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
  return { allows, middleware: cors(options) };
}
