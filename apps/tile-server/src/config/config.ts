import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The built viewer, next to this app in the monorepo: apps/viewer/dist. */
const DEFAULT_VIEWER_DIR = fileURLToPath(new URL('../../../viewer/dist', import.meta.url));
/** The asset pipeline's output: assets/tilesets at the repository root. */
const DEFAULT_TILESETS_DIR = fileURLToPath(new URL('../../../../assets/tilesets', import.meta.url));

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `${name} must be an integer from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `${name} must be an integer from ${min} to ${max}` })
        .max(max, { message: `${name} must be an integer from ${min} to ${max}` }),
    );

/** scheme://host[:port], as browsers send in `Origin`. */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

const nonEmpty = (name: string) =>
  z.string().trim().min(1, { message: `${name} must not be empty` });

const EnvSchema = z
  .object({
    PORT: integer('PORT', 0, 65535).default(8080),
    HOST: nonEmpty('HOST').default('0.0.0.0'),
    DATA_DIR: nonEmpty('DATA_DIR').default('./data'),
    VIEWER_DIR: nonEmpty('VIEWER_DIR').default(DEFAULT_VIEWER_DIR),
    TILESETS_DIR: nonEmpty('TILESETS_DIR').default(DEFAULT_TILESETS_DIR),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info'),
    // Time between turning /readyz to 503 and closing the listener, so a load balancer
    // notices before connections are refused.
    SHUTDOWN_DRAIN_MS: integer('SHUTDOWN_DRAIN_MS', 0, 600_000).default(0),
    // Hard deadline for the whole shutdown, drain included; open connections are cut then.
    SHUTDOWN_TIMEOUT_MS: integer('SHUTDOWN_TIMEOUT_MS', 100, 600_000).default(10_000),
    // PEM files; with both set the server speaks HTTPS with HTTP/2 (HTTP/1.1 still accepted).
    TLS_CERT: nonEmpty('TLS_CERT').optional(),
    TLS_KEY: nonEmpty('TLS_KEY').optional(),
    // Origins allowed to read tiles and the API from other sites: comma-separated, or `*`.
    CORS_ORIGINS: z
      .string()
      .trim()
      .refine((value) => value === '*' || value.split(',').every((origin) => ORIGIN.test(origin.trim())), {
        message: 'CORS_ORIGINS must be `*` or comma-separated origins like https://wall.example.cn',
      })
      .optional(),
    // Origins the viewer may fetch from besides this server (tilesets added by URL).
    CSP_CONNECT_SRC: z
      .string()
      .trim()
      .refine((value) => value.split(/[\s,]+/).every((origin) => ORIGIN.test(origin)), {
        message: 'CSP_CONNECT_SRC must be origins like https://tiles.example.cn, separated by commas',
      })
      .optional(),
    // Memory for hot tile bodies.
    HOT_CACHE_MB: integer('HOT_CACHE_MB', 0, 65_536).default(256),
    // Longer request targets are answered 414.
    MAX_URL_LENGTH: integer('MAX_URL_LENGTH', 256, 65_536).default(4096),
    // A client must send its request headers within this time (slowloris).
    HEADERS_TIMEOUT_MS: integer('HEADERS_TIMEOUT_MS', 100, 600_000).default(10_000),
    // A whole request, body included, must arrive within this time.
    REQUEST_TIMEOUT_MS: integer('REQUEST_TIMEOUT_MS', 100, 3_600_000).default(30_000),
    // An idle keep-alive connection is closed after this time.
    KEEP_ALIVE_TIMEOUT_MS: integer('KEEP_ALIVE_TIMEOUT_MS', 100, 600_000).default(5_000),
    // A connection with no traffic at all, in any state, is closed after this time.
    IDLE_TIMEOUT_MS: integer('IDLE_TIMEOUT_MS', 100, 3_600_000).default(60_000),
  })
  .refine((env) => env.SHUTDOWN_DRAIN_MS < env.SHUTDOWN_TIMEOUT_MS, {
    message: 'SHUTDOWN_DRAIN_MS must be less than SHUTDOWN_TIMEOUT_MS',
    path: ['SHUTDOWN_DRAIN_MS'],
  })
  .refine((env) => env.HEADERS_TIMEOUT_MS < env.REQUEST_TIMEOUT_MS, {
    message: 'HEADERS_TIMEOUT_MS must be less than REQUEST_TIMEOUT_MS',
    path: ['HEADERS_TIMEOUT_MS'],
  })
  .refine((env) => (env.TLS_CERT === undefined) === (env.TLS_KEY === undefined), {
    message: 'TLS_CERT and TLS_KEY must be set together',
    path: ['TLS_CERT'],
  });

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the writable data folder. */
  readonly dataDir: string;
  /** Absolute path of the built viewer (index.html, assets/, cesium/). */
  readonly viewerDir: string;
  /** Absolute path of the folder whose subfolders are tilesets, each with a manifest.json. */
  readonly tilesetsDir: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly shutdownDrainMs: number;
  readonly shutdownTimeoutMs: number;
  /** Absolute paths of the PEM certificate and key, when serving HTTPS and HTTP/2. */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  readonly corsOrigins: readonly string[] | '*';
  readonly cspConnectSrc: readonly string[];
  readonly hotCacheBytes: number;
  readonly maxUrlLength: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly idleTimeoutMs: number;
}

/** A configuration value is wrong; `message` is one line naming the variable and the value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Empty variables count as unset, as shells and container runtimes often pass them. */
function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

/** Parses and checks the environment once, at boot. Throws {@link ConfigError}. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const raw = definedOnly(env);
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const given = key in raw ? ` (got ${JSON.stringify(raw[key])})` : '';
      return `${issue.message}${given}`;
    });
    throw new ConfigError(`invalid configuration: ${reasons.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    viewerDir: path.resolve(cwd, e.VIEWER_DIR),
    tilesetsDir: path.resolve(cwd, e.TILESETS_DIR),
    logLevel: e.LOG_LEVEL,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    tls: e.TLS_CERT && e.TLS_KEY ? { certFile: path.resolve(cwd, e.TLS_CERT), keyFile: path.resolve(cwd, e.TLS_KEY) } : undefined,
    corsOrigins: e.CORS_ORIGINS === '*' ? '*' : (e.CORS_ORIGINS?.split(',').map((origin) => origin.trim()) ?? []),
    cspConnectSrc: e.CSP_CONNECT_SRC?.split(/[\s,]+/) ?? [],
    hotCacheBytes: e.HOT_CACHE_MB * 1024 * 1024,
    maxUrlLength: e.MAX_URL_LENGTH,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    idleTimeoutMs: e.IDLE_TIMEOUT_MS,
  };
}
