import { hostname } from 'node:os';
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

/** The district's source files and its sensor registry: assets/source at the repository root. */
const DEFAULT_DISTRICT_DIR = fileURLToPath(new URL('../../../../assets/source', import.meta.url));
/** The responsibility list (责任清单) shipped with the server: config/ at the repository root. */
const DEFAULT_RESPONSIBILITY_LIST = fileURLToPath(new URL('../../../../config/responsibility-list.json', import.meta.url));

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

    // Live data. PostgreSQL when set, else SQLite in DATA_DIR.
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
      .optional(),
    DATABASE_POOL_SIZE: integer('DATABASE_POOL_SIZE', 1, 200).default(10),
    MQTT_URL: z
      .string()
      .trim()
      .regex(/^(mqtts?|wss?|tcp):\/\//, { message: 'MQTT_URL must be an mqtt://, mqtts://, ws:// or wss:// URL' })
      .optional(),
    // Stable per node: after a crash the broker hands the same session its unacknowledged messages.
    MQTT_CLIENT_ID: z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'MQTT_CLIENT_ID must be 1 to 64 letters, digits or . _ -' }).optional(),
    // How long the broker keeps a stopped node's session (and its share of messages) for it.
    MQTT_SESSION_EXPIRY_S: integer('MQTT_SESSION_EXPIRY_S', 0, 604_800).default(300),
    // mqtt.js hands a connection its next message only once the last is acknowledged (after its
    // write): several connections in the share group keep several messages in flight.
    MQTT_CONNECTIONS: integer('MQTT_CONNECTIONS', 1, 32).default(4),
    // `source:key` pairs, comma-separated: who may post observations, and under what name.
    INGEST_API_KEYS: z
      .string()
      .trim()
      .refine((value) => value.split(',').every((pair) => /^[a-z0-9][a-z0-9_-]{0,63}:[^\s:,]{24,}$/i.test(pair.trim())), {
        message: 'INGEST_API_KEYS must be comma-separated source:key pairs, each key at least 24 characters',
      })
      .optional(),
    INGEST_MAX_BODY_KB: integer('INGEST_MAX_BODY_KB', 1, 65_536).default(1024),
    // Observations stamped further ahead than this are refused: a gateway clock running fast
    // must never become the current value.
    INGEST_FUTURE_SKEW_S: integer('INGEST_FUTURE_SKEW_S', 0, 86_400).default(300),
    // Raw observations are kept this long, then rolled up into buckets of OBSERVATION_ROLLUP_MINUTES.
    OBSERVATION_RAW_HOURS: integer('OBSERVATION_RAW_HOURS', 1, 87_600).default(48),
    OBSERVATION_ROLLUP_MINUTES: integer('OBSERVATION_ROLLUP_MINUTES', 1, 1440).default(15),
    USERS_FILE: nonEmpty('USERS_FILE').optional(),
    AUTH_SECRET: z.string().min(32, { message: 'AUTH_SECRET must be at least 32 characters' }).optional(),
    TOKEN_TTL_S: integer('TOKEN_TTL_S', 60, 31_536_000).default(43_200),
    // `name:role:token` triples, comma-separated: walls and kiosks, which nobody logs in on.
    DEVICE_TOKENS: nonEmpty('DEVICE_TOKENS').optional(),
    DISTRICT_DIR: nonEmpty('DISTRICT_DIR').default(DEFAULT_DISTRICT_DIR),
    SENSORS_FILE: nonEmpty('SENSORS_FILE').optional(),
    RESPONSIBILITY_LIST_FILE: nonEmpty('RESPONSIBILITY_LIST_FILE').default(DEFAULT_RESPONSIBILITY_LIST),
    SIM: z.enum(['on', 'off'], { message: 'SIM must be on or off' }).default('on'),
    SIM_SEED: integer('SIM_SEED', 0, 2_147_483_647).default(320_300),
    // Simulated seconds per real second.
    SIM_SPEED: z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, { message: 'SIM_SPEED must be a number from 0.1 to 3600' })
      .transform(Number)
      .pipe(z.number().min(0.1, { message: 'SIM_SPEED must be a number from 0.1 to 3600' }).max(3600, { message: 'SIM_SPEED must be a number from 0.1 to 3600' }))
      .default(1),
    SIM_VEHICLES_PEAK: integer('SIM_VEHICLES_PEAK', 0, 50_000).default(3000),

    // The live hub (Socket.IO). With REDIS_URL, nodes share broadcasts through Redis.
    REDIS_URL: z
      .string()
      .trim()
      .regex(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
      .optional(),
    // Largest message a client may send; anything bigger drops the socket.
    HUB_MAX_MESSAGE_KB: integer('HUB_MAX_MESSAGE_KB', 1, 1024).default(16),
    // Per socket: a burst of HUB_RATE_BURST messages, then HUB_RATE_PER_S a second; faster is cut off.
    HUB_RATE_BURST: integer('HUB_RATE_BURST', 1, 10_000).default(40),
    HUB_RATE_PER_S: integer('HUB_RATE_PER_S', 1, 10_000).default(20),
    // A reliable change (alarm, incident) not acknowledged within this drops the socket, which resumes.
    HUB_ACK_TIMEOUT_MS: integer('HUB_ACK_TIMEOUT_MS', 100, 600_000).default(15_000),
    // A client further behind than this many changes of a stream gets a fresh snapshot.
    HUB_RESUME_LIMIT: integer('HUB_RESUME_LIMIT', 1, 100_000).default(1000),
    // Vehicle positions and link states go out at most once per this (about 5 Hz).
    HUB_TRAFFIC_TICK_MS: integer('HUB_TRAFFIC_TICK_MS', 20, 10_000).default(200),
    HUB_KPI_INTERVAL_MS: integer('HUB_KPI_INTERVAL_MS', 100, 600_000).default(1000),
    // The change log is read at least this often, for other nodes' changes when Redis is gone.
    HUB_CHANGE_POLL_MS: integer('HUB_CHANGE_POLL_MS', 50, 600_000).default(1000),
    // On shutdown clients are told to reconnect after a random delay up to this.
    HUB_RECONNECT_SPREAD_MS: integer('HUB_RECONNECT_SPREAD_MS', 0, 600_000).default(5000),
    // Alarm and incident changes are kept this long for clients that come back; further back, a snapshot.
    HUB_CHANGE_RETENTION_HOURS: integer('HUB_CHANGE_RETENTION_HOURS', 1, 87_600).default(72),
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
  readonly live: LiveConfig;
}

export interface LiveConfig {
  /** PostgreSQL connection string; SQLite in `dataDir` when unset. */
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  readonly mqttUrl: string | undefined;
  readonly mqttClientId: string;
  readonly mqttSessionExpiryS: number;
  readonly mqttConnections: number;
  /** Data source name → API key. */
  readonly ingestApiKeys: ReadonlyMap<string, string>;
  readonly ingestMaxBodyBytes: number;
  readonly ingestFutureSkewMs: number;
  readonly observationRawMs: number;
  readonly observationRollupMs: number;
  readonly usersFile: string | undefined;
  readonly authSecret: string | undefined;
  readonly tokenTtlS: number;
  /** Raw `name:role:token` triples; parsed and checked by auth/deviceTokens. */
  readonly deviceTokens: string | undefined;
  readonly districtDir: string;
  readonly sensorsFile: string;
  readonly responsibilityListFile: string;
  readonly simulator: { readonly enabled: boolean; readonly seed: number; readonly speed: number; readonly vehiclesPeak: number };
  readonly hub: HubConfig;
}

export interface HubConfig {
  /** Redis for the Socket.IO adapter (several nodes); one node alone when unset. */
  readonly redisUrl: string | undefined;
  readonly maxMessageBytes: number;
  readonly rateBurst: number;
  readonly ratePerSecond: number;
  readonly ackTimeoutMs: number;
  readonly resumeLimit: number;
  readonly trafficTickMs: number;
  readonly kpiIntervalMs: number;
  readonly changePollMs: number;
  readonly reconnectSpreadMs: number;
  readonly changeRetentionMs: number;
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

function liveConfig(e: z.infer<typeof EnvSchema>, cwd: string): LiveConfig {
  const districtDir = path.resolve(cwd, e.DISTRICT_DIR);
  const keys = new Map<string, string>();
  for (const pair of e.INGEST_API_KEYS?.split(',') ?? []) {
    const [source = '', key = ''] = pair.trim().split(':');
    if (keys.has(source)) throw new ConfigError(`invalid configuration: INGEST_API_KEYS names the source "${source}" twice`);
    keys.set(source, key);
  }
  return {
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    mqttUrl: e.MQTT_URL,
    // Two nodes on one host differ by port.
    mqttClientId: e.MQTT_CLIENT_ID ?? `pengcheng-ingest-${hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40)}-${e.PORT}`,
    mqttSessionExpiryS: e.MQTT_SESSION_EXPIRY_S,
    mqttConnections: e.MQTT_CONNECTIONS,
    ingestApiKeys: keys,
    ingestMaxBodyBytes: e.INGEST_MAX_BODY_KB * 1024,
    ingestFutureSkewMs: e.INGEST_FUTURE_SKEW_S * 1000,
    observationRawMs: e.OBSERVATION_RAW_HOURS * 3_600_000,
    observationRollupMs: e.OBSERVATION_ROLLUP_MINUTES * 60_000,
    usersFile: e.USERS_FILE === undefined ? undefined : path.resolve(cwd, e.USERS_FILE),
    authSecret: e.AUTH_SECRET,
    tokenTtlS: e.TOKEN_TTL_S,
    deviceTokens: e.DEVICE_TOKENS,
    districtDir,
    sensorsFile: e.SENSORS_FILE === undefined ? path.join(districtDir, 'sensors.json') : path.resolve(cwd, e.SENSORS_FILE),
    responsibilityListFile: path.resolve(cwd, e.RESPONSIBILITY_LIST_FILE),
    simulator: { enabled: e.SIM === 'on', seed: e.SIM_SEED, speed: e.SIM_SPEED, vehiclesPeak: e.SIM_VEHICLES_PEAK },
    hub: {
      redisUrl: e.REDIS_URL,
      maxMessageBytes: e.HUB_MAX_MESSAGE_KB * 1024,
      rateBurst: e.HUB_RATE_BURST,
      ratePerSecond: e.HUB_RATE_PER_S,
      ackTimeoutMs: e.HUB_ACK_TIMEOUT_MS,
      resumeLimit: e.HUB_RESUME_LIMIT,
      trafficTickMs: e.HUB_TRAFFIC_TICK_MS,
      kpiIntervalMs: e.HUB_KPI_INTERVAL_MS,
      changePollMs: e.HUB_CHANGE_POLL_MS,
      reconnectSpreadMs: e.HUB_RECONNECT_SPREAD_MS,
      changeRetentionMs: e.HUB_CHANGE_RETENTION_HOURS * 3_600_000,
    },
  };
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
    live: liveConfig(e, cwd),
  };
}
