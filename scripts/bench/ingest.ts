/**
 * Benchmark (not a test): sustained observations per second into SQLite and into PostgreSQL,
 * over HTTP batches and over MQTT, with their latency, against baselines in the same run.
 *   npx tsx scripts/bench/ingest.ts        (after npx tsc -b; needs PostgreSQL and Mosquitto on loopback)
 * Starts the built server for real (SIM=off, the district's 528 sensors with their thresholds)
 * once on the embedded SQLite and once on a fresh PostgreSQL database, loads it over HTTP and
 * MQTT, then measures the storage ceiling (the same rows straight into SQLite and PostgreSQL)
 * and the broker's (a bare mqtt.js subscriber). Prints Markdown and writes it as the section
 * "## Live data ingest (issue 5)" of docs/benchmarks.md (replacing that section only, with
 * whatever was written under it: re-read the figures after a re-run).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MQTT_OBSERVATION_TOPIC, MQTT_SHARED_SUBSCRIPTION, mqttObservationTopic } from '@pengcheng/protocol';
import mqtt from 'mqtt';
import { REPO_ROOT, SERVER_ENTRY, startServer, type RunningServer } from '../../e2e/fixtures/serverProcess.js';
import { startBareSubscriber } from './ingest/bareSubscriber.js';
import { withUsage, type CpuRoles } from './ingest/usage.js';
import { writeSection } from './ingest/docSection.js';
import { runHttpLoad } from './ingest/httpLoad.js';
import { machineLine, mosquittoVersion } from './ingest/machine.js';
import { pollMqttHandled } from './ingest/metricsConsumer.js';
import { drained, startPublisher, type Consumer, type Publisher } from './ingest/mqttPublisher.js';
import { createBenchDatabase, foreignBackends, postgresVersion, withClient, type BenchDatabase } from './ingest/postgres.js';
import { openRawPostgres, rawSqlite, type RawResult } from './ingest/rawStores.js';
import { loadBenchSensors, ReadingStream, type BenchSensor } from './ingest/readings.js';
import { isNoisy, NOISE_NOTE, NOISY, ratioTable, rawTable, type Comparison, type Row } from './ingest/report.js';
import { deltaBy, histogramQuantile, scrapeMetrics, type Scrape } from './ingest/serverMetrics.js';
import { matchStored } from './ingest/storedHistory.js';
import { makeTempDir, onRelease, runReleasingAll } from './tiles/resources.js';
import { serverRevision } from './tiles/revision.js';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MQTT_URL = process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const SENSORS_FILE = path.join(REPO_ROOT, 'assets/source/sensors.json');
const DOC = path.join(REPO_ROOT, 'docs/benchmarks.md');
const SECTION = '## Live data ingest (issue 5)';

const CLIENTS = 8;
const BATCHES = [100, 1] as const;
const WARM_UP_SECONDS = 2;
const SECONDS = 10;
/**
 * Messages published and not yet handled: well below Mosquitto's max_queued_messages (1000), as
 * the broker once dropped messages for the bare subscriber with 800.
 */
const MQTT_WINDOW = 500;
/** How often the publisher reads what our server has handled from /metrics (each scrape costs the server CPU). */
const SERVER_FEEDBACK_MS = 20;
/** How often the bare subscriber reports its count (cheap; at 20 ms the window would hold it back). */
const SUBSCRIBER_FEEDBACK_MS = 10;
/** The baseline's own topics, as deep as ours: another server listening on ours never sees them. */
const BASELINE_TOPIC = (sensorId: string) => `pengcheng-bench/v1/sensors/${sensorId}/observations`;
const BASELINE_FILTER = 'pengcheng-bench/v1/sensors/+/observations';
const MAX_REQUESTS = 1_000_000;
const MAX_MESSAGES = 2_000_000;
const DRAIN_TIMEOUT_MS = 15_000;
/** The whole run gives up after this (a hung server or broker), cleaning up. */
const GIVE_UP_MS = 8 * 60_000;

const API_KEY = randomBytes(24).toString('base64url');
const TOKEN = randomBytes(24).toString('base64url');
const int = (n: number) => Math.round(n).toLocaleString('en-US');

const log = (message: string) => console.error(`[ingest bench] ${message}`);

/** The benchmark talks to local services only. */
function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) throw new Error(`${url}: the benchmark uses loopback services only`);
}

async function checkServices(): Promise<void> {
  assertLoopback(ADMIN_URL);
  assertLoopback(MQTT_URL);
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run npx tsc -b`);
  await withClient(ADMIN_URL, (client) => client.query('SELECT 1')).catch((error: unknown) => {
    throw new Error(`PostgreSQL at ${ADMIN_URL}: ${(error as Error).message}`);
  });
  const probe = await mqtt.connectAsync(MQTT_URL, { connectTimeout: 5000, reconnectPeriod: 0 }).catch((error: unknown) => {
    throw new Error(`Mosquitto at ${MQTT_URL}: ${(error as Error).message}`);
  });
  await probe.endAsync();
}

/** Settings from the caller's shell would change what is measured: the runs set their own. */
function clearServerEnvironment(): void {
  for (const name of Object.keys(process.env)) {
    if (/^(DATABASE_|MQTT_|INGEST_|SIM|OBSERVATION_|USERS_FILE$|SENSORS_FILE$|DISTRICT_DIR$|DEVICE_TOKENS$|AUTH_SECRET$)/.test(name)) Reflect.deleteProperty(process.env, name);
  }
}

interface Store {
  readonly name: 'SQLite' | 'PostgreSQL';
  readonly database?: BenchDatabase;
}

function rolesOf(store: Store, serverPids: readonly number[], usesBroker = false): CpuRoles {
  return { serverPids, usesBroker, ...(store.database ? { foreignPostgresBackends: foreignBackends(ADMIN_URL, store.database.name) } : {}) };
}

async function oursOverHttp(server: RunningServer, store: Store, readings: ReadingStream, batch: number): Promise<Row> {
  const load = { url: server.url, apiKey: API_KEY, clients: CLIENTS, batch, maxRequests: MAX_REQUESTS };
  await runHttpLoad({ ...load, seconds: WARM_UP_SECONDS }, readings);
  const before = await scrapeMetrics(server.url);
  const { result, cpu } = await withUsage(rolesOf(store, [server.process.pid ?? 0]), () => runHttpLoad({ ...load, seconds: SECONDS }, readings));
  const after = await scrapeMetrics(server.url);
  const outcomes = deltaBy(before, after, 'ingest_observations_total', 'outcome');
  const [p50, p99] = result.latencies.percentiles([0.5, 0.99]);
  const notStored = (outcomes.get('duplicate') ?? 0) + (outcomes.get('rejected') ?? 0);
  const statuses = [...result.statuses].filter(([status]) => status !== '200').map(([status, n]) => `${n}× ${status}`);
  const history = outcomes.get('history') ?? 0;
  log(`${store.name} HTTP ${batch}/request: ${int(result.acknowledged / result.seconds)} obs/s, ${int(result.requests / result.seconds)} req/s; stored ${int(outcomes.get('stored') ?? 0)}, history ${int(history)}, not stored ${int(notStored)}`);
  return {
    key: `ours-${store.name}-http-${batch}`,
    system: 'ours',
    store: store.name,
    path: `HTTP, ${batch} obs/request`,
    seconds: result.seconds,
    observationsPerSec: result.acknowledged / result.seconds,
    unitsPerSec: result.requests / result.seconds,
    unit: 'req',
    p50Ms: p50 ?? Number.NaN,
    p99Ms: p99 ?? Number.NaN,
    latencyMark: ' ᵃ',
    serverP99: histogramQuantile(before, after, 'ingest_duration_seconds', { transport: 'http' }, 0.99),
    cpu,
    errors: result.failed + notStored,
    ...(statuses.length + notStored > 0 ? { errorNote: [...statuses, ...(notStored > 0 ? [`${int(notStored)} obs not stored`] : [])].join(', ') } : {}),
  };
}

/**
 * Publishes through the window for the warm-up and the measured seconds; the CPU share covers the
 * latter, and so do the two scrapes of the server's metrics when `scrape` is given.
 */
async function publishRun(roles: CpuRoles, readings: ReadingStream, consumer: Consumer, topicOf: (sensorId: string) => string, scrape?: () => Promise<Scrape>) {
  const base = consumer.consumed();
  const publisher: Publisher = await startPublisher({ url: MQTT_URL, topicOf, window: MQTT_WINDOW, maxMessages: MAX_MESSAGES }, readings, consumer);
  try {
    await publisher.run(WARM_UP_SECONDS);
    const before = await scrape?.();
    const { result: span, cpu } = await withUsage(roles, () => publisher.run(SECONDS));
    const after = await scrape?.();
    const complete = await drained(consumer, base, publisher.sensorIds.length, DRAIN_TIMEOUT_MS);
    if (!complete) log(`after ${DRAIN_TIMEOUT_MS / 1000} s, ${int(publisher.sensorIds.length - (consumer.consumed() - base))} messages were still not handled (another member of the share group takes some?)`);
    return { publisher, span, cpu, metrics: before && after ? { before, after } : undefined };
  } finally {
    await publisher.close();
  }
}

async function oursOverMqtt(server: RunningServer, store: Store, readings: ReadingStream): Promise<Row> {
  const consumer = pollMqttHandled(server.url, SERVER_FEEDBACK_MS);
  let run: Awaited<ReturnType<typeof publishRun>>;
  try {
    await consumer.changed(5000);
    run = await publishRun(rolesOf(store, [server.process.pid ?? 0], true), readings, consumer, mqttObservationTopic, () => scrapeMetrics(server.url));
  } finally {
    await consumer.stop();
  }
  const { publisher, span, cpu, metrics } = run;
  if (!metrics) throw new Error('the MQTT run took no metrics');
  const { before, after } = metrics;
  const matched = await matchStored(server.url, TOKEN, publisher, span);
  const [p50, p99] = matched.latencies.percentiles([0.5, 0.99]);
  const seconds = (span.toMs - span.fromMs) / 1000;
  const handled = span.consumedTo - span.consumedFrom;
  const missing = publisher.sensorIds.length - matched.found;
  const outcomes = deltaBy(before, after, 'ingest_mqtt_messages_total', 'outcome');
  log(`${store.name} MQTT: ${int(handled / seconds)} msg/s; published ${int(publisher.sensorIds.length)}, found stored ${int(matched.found)}, refused ${int(outcomes.get('rejected') ?? 0)}, failed ${int(outcomes.get('failed') ?? 0)} (measured seconds)`);
  return {
    key: `ours-${store.name}-mqtt`,
    system: 'ours',
    store: store.name,
    path: 'MQTT QoS 1, 1 obs/message',
    seconds,
    observationsPerSec: handled / seconds,
    unitsPerSec: handled / seconds,
    unit: 'msg',
    p50Ms: p50 ?? Number.NaN,
    p99Ms: p99 ?? Number.NaN,
    latencyMark: ' ᵇ',
    serverP99: histogramQuantile(before, after, 'ingest_duration_seconds', { transport: 'mqtt' }, 0.99),
    cpu,
    errors: missing + publisher.failed(),
    ...(missing + publisher.failed() > 0 ? { errorNote: `${int(missing)} published but never stored by this server, ${int(publisher.failed())} publish errors` } : {}),
  };
}

/** Our server on one store: HTTP with each batch size, then MQTT. */
async function oursOn(store: Store, sensors: readonly BenchSensor[]): Promise<Row[]> {
  log(`our server on ${store.name}: starting`);
  const server = await startServer({
    SIM: 'off',
    LOG_LEVEL: 'warn',
    INGEST_API_KEYS: `bench:${API_KEY}`,
    DEVICE_TOKENS: `bench:planner:${TOKEN}`,
    SENSORS_FILE,
    MQTT_URL,
    MQTT_CLIENT_ID: `pengcheng-bench-${process.pid}-${randomBytes(3).toString('hex')}`,
    // Nothing of the bench's session stays on the broker after it.
    MQTT_SESSION_EXPIRY_S: '0',
    ...(store.database ? { DATABASE_URL: store.database.url } : {}),
  });
  onRelease(() => server.stop());
  try {
    // Readings an hour old and one millisecond apart: unique, increasing, never in the future.
    const readings = new ReadingStream(sensors, Date.now() - 3_600_000);
    const rows: Row[] = [];
    for (const batch of BATCHES) rows.push(await oursOverHttp(server, store, readings, batch));
    rows.push(await oursOverMqtt(server, store, readings));
    return rows;
  } finally {
    const code = await server.stop();
    if (code !== 0) log(`our server on ${store.name} exited with ${code}:\n${server.output().slice(-2000)}`);
  }
}

function rawRow(store: Store, batch: number, result: RawResult, cpu: Row['cpu'], concurrency: string): Row {
  const [p50, p99] = result.latencies.percentiles([0.5, 0.99]);
  log(`raw ${store.name} ${batch}/transaction: ${int(result.rows / result.seconds)} rows/s`);
  return {
    key: `raw-${store.name}-${batch}`,
    system: `raw ${store.name}`,
    store: store.name,
    path: `${batch} row${batch === 1 ? '' : 's'}/transaction, ${concurrency}`,
    seconds: result.seconds,
    observationsPerSec: result.rows / result.seconds,
    unitsPerSec: result.batches / result.seconds,
    unit: 'txn',
    p50Ms: p50 ?? Number.NaN,
    p99Ms: p99 ?? Number.NaN,
    latencyMark: ' ᶜ',
    cpu,
    errors: result.failed,
  };
}

async function rawOn(store: Store, sensors: readonly BenchSensor[]): Promise<Row[]> {
  const readings = new ReadingStream(sensors, Date.now() - 3_600_000);
  const rows: Row[] = [];
  if (store.database) {
    const raw = await openRawPostgres(store.database.url, CLIENTS);
    try {
      for (const batch of BATCHES) {
        const { result, cpu } = await withUsage(rolesOf(store, []), () => raw.run(readings, { batch, seconds: SECONDS, maxBatches: MAX_REQUESTS }));
        rows.push(rawRow(store, batch, result, cpu, `${CLIENTS} connections`));
      }
    } finally {
      await raw.close();
    }
  } else {
    const dir = await makeTempDir('pengcheng-bench-ingest-');
    for (const batch of BATCHES) {
      const { result, cpu } = await withUsage(rolesOf(store, []), () => rawSqlite(dir, readings, { batch, seconds: SECONDS, maxBatches: MAX_REQUESTS }));
      rows.push(rawRow(store, batch, result, cpu, 'one writer'));
    }
  }
  return rows;
}

async function bareSubscriberRow(sensors: readonly BenchSensor[]): Promise<Row> {
  log('bare MQTT subscriber: starting');
  const subscriber = await startBareSubscriber(MQTT_URL, BASELINE_FILTER, SUBSCRIBER_FEEDBACK_MS);
  onRelease(() => subscriber.stop());
  try {
    const readings = new ReadingStream(sensors, Date.now());
    const { publisher, span, cpu } = await publishRun({ serverPids: [subscriber.pid], usesBroker: true }, readings, subscriber, BASELINE_TOPIC);
    const seconds = (span.toMs - span.fromMs) / 1000;
    const handled = span.consumedTo - span.consumedFrom;
    const latency = await subscriber.report(span.fromMs, span.toMs);
    const missing = publisher.sensorIds.length - subscriber.consumed();
    log(`bare subscriber: ${int(handled / seconds)} msg/s; published ${int(publisher.sensorIds.length)}, received ${int(subscriber.consumed())}`);
    return {
      key: 'bare-mqtt',
      system: 'bare subscriber',
      store: '—',
      path: 'MQTT QoS 1, 1 obs/message',
      seconds,
      observationsPerSec: handled / seconds,
      unitsPerSec: handled / seconds,
      unit: 'msg',
      p50Ms: latency.p50,
      p99Ms: latency.p99,
      latencyMark: ' ᵈ',
      cpu,
      errors: Math.max(0, missing) + publisher.failed(),
      ...(missing !== 0 ? { errorNote: missing > 0 ? `${int(missing)} not received` : `${int(-missing)} more received than published` } : {}),
    };
  } finally {
    await subscriber.stop();
  }
}

const COMPARISONS: Comparison[] = [
  ...(['SQLite', 'PostgreSQL'] as const).flatMap((store) => [
    ...BATCHES.map((batch) => ({
      label: `${store}, HTTP ${batch} obs/request ÷ raw ${batch} row${batch === 1 ? '' : 's'}/transaction`,
      ours: `ours-${store}-http-${batch}`,
      baseline: `raw-${store}-${batch}`,
      sameLatency: true,
    })),
    { label: `${store}, MQTT ÷ raw 1 row/transaction`, ours: `ours-${store}-mqtt`, baseline: `raw-${store}-1`, sameLatency: false },
    { label: `${store}, MQTT ÷ bare subscriber`, ours: `ours-${store}-mqtt`, baseline: 'bare-mqtt', sameLatency: true },
  ]),
];

function section(rows: readonly Row[], sensors: readonly BenchSensor[], versions: { postgres: string; mosquitto: string }, startedAt: Date, minutes: number): string {
  const noisy = rows.filter(isNoisy);
  const stolen = rows.filter((row) => row.system === 'ours' && row.unit === 'msg' && row.errors > 0);
  const sharing = stolen.length === 0
    ? ''
    : `\n\n**The MQTT figures of ours are not valid for ${stolen.map((row) => row.store).join(' and ')}:** some published messages never reached our server. The broker hands each message of the shared subscription \`${MQTT_SHARED_SUBSCRIPTION}\` to one member of the group, so most likely another member was there (another server on this broker, or the session of a server killed by a crash test, which keeps its share until its session expires); the window then waited for messages that were never coming, so throughput is understated. Re-run when no other server uses the broker.`;
  const busiest = Math.max(...rows.map((row) => row.cpu.others));
  const noise = noisy.length === 0
    ? `The machine was quiet: other processes used at most ${Math.round(busiest * 100)} % of a core during any run.`
    : `**The machine was busy:** other processes (other people's tests) used more than ${NOISY * 100} % of a core during ${noisy.length} of ${rows.length} runs (up to ${Math.round(busiest * 100)} %), marked †. On ${availableParallelism()} cores that takes throughput away from whichever side was running; re-run on a quiet machine before comparing with other figures.`;
  return `${SECTION}

Command: \`npx tsx scripts/bench/ingest.ts\` (after \`npx tsc -b\`; PostgreSQL and Mosquitto on loopback).
Run on ${startedAt.toISOString().slice(0, 10)} (${minutes.toFixed(1)} min) on
${machineLine()},
${versions.postgres}, ${versions.mosquitto} (default settings: max_inflight_messages 20, max_queued_messages 1000);
our server at ${serverRevision()}.

Our server is the built \`apps/tile-server/dist/index.js\` started by the e2e fixture with \`SIM=off\`,
\`LOG_LEVEL=warn\`, the district's registry (\`assets/source/sensors.json\`: ${sensors.length} sensors, ${sensors.filter((s) => s.thresholds > 0).length} with thresholds, ${sensors.reduce((n, s) => n + s.thresholds, 0)} thresholds),
once on the embedded SQLite (WAL, synchronous = FULL) and once with \`DATABASE_URL\` on a fresh
PostgreSQL database (pool of 10), each time with MQTT on. Every observation carries all of its
sensor's quantities, each in the middle of its normal band (no threshold breached, so no alarm
is raised, but the alarm engine checks each of them), with a time newer than the sensor's last,
so every one becomes the current value. One server, store or subscriber at a time.

- **HTTP**: ${CLIENTS} keep-alive clients (node:http) in the benchmark's process, each posting our format
  \`{"observations": [...]}\` back to back, ${BATCHES.join(' and ')} observations per request, unique times an hour
  in the past; ${WARM_UP_SECONDS} s warm-up, then ${SECONDS} s measured. obs/s counts observations in requests answered
  200.
- **MQTT**: one mqtt.js publisher, QoS 1, one observation per message on
  \`${MQTT_OBSERVATION_TOPIC}\` stamped with its publish moment, as fast as a window allows: at most
  ${MQTT_WINDOW} messages published and not yet handled by the consumer (for ours, \`ingest_mqtt_messages_total\`
  read from \`/metrics\` every ${SERVER_FEEDBACK_MS} ms, a message counts once stored, its thresholds evaluated and it is
  acknowledged; the scrapes are in the server's CPU; for the baseline, the subscriber's count, sent
  every ${SUBSCRIBER_FEEDBACK_MS} ms). The window keeps the
  broker's queue under its 1000-message limit, so nothing is dropped, and sets the queueing the
  latency shows. ${WARM_UP_SECONDS} s warm-up, ${SECONDS} s measured; then every published observation is looked up
  in the server's history (\`GET /api/v1/sensors/:id/observations\` as a planner device).
- **Baselines** in the same run: the storage ceiling, the same rows (same table, same indexes as
  the server's \`observations\`; no current-value table, no HTTP, no parsing, no checks, no
  alarms) inserted straight from the benchmark's process, one transaction per batch of the same
  size: SQLite with the server's settings (WAL, synchronous = FULL, one writer, as SQLite has),
  PostgreSQL with one multi-row INSERT per batch over ${CLIENTS} connections; and the broker's ceiling,
  a bare mqtt.js QoS 1 subscriber in its own process that only counts, fed by the same publisher
  and window on topics of the same depth (\`pengcheng-bench/v1/sensors/+/observations\`, so that no
  other server on the broker ingests them).

Latency: ᵃ per request, measured by the client, from writing the request to the end of the
answer; ᶜ per transaction, from its start to its commit; ᵇ from the publish moment to the server
taking the message into ingest (its \`receivedAtMs\`, before the checks and the write: storage is
not in it), whole milliseconds; ᵈ from the publish moment to the subscriber receiving it, whole
milliseconds. server p99 (histogram): the bucket of \`ingest_duration_seconds\` holding the 99th
percentile over the measured seconds, from a request's or message's arrival to its answer or
acknowledgement, parsing, checks, storage and threshold evaluation included (buckets 1, 2.5, 5, 10,
25, 50, 100 ms...). CPU: cores kept busy over the measured seconds (100 % = one core) by the server
(its process; SQLite is inside it), PostgreSQL (the run's backends and its shared writers), Mosquitto,
the benchmark's own process (load generator, or the raw writer), and everything else (other load).
other writes: MB/s written to storage by those other processes (they slow down every fsync of
the run); disk busy: the share of the time the disk holding the temp dir (and here PostgreSQL's
data) was doing I/O, everyone's included. errors: requests not answered 200, observations not
stored, messages not found stored.

${noise}${sharing}

${rawTable(rows)}${noisy.length > 0 ? `\n\n${NOISE_NOTE}` : ''}

Ours against its baselines (— where the two latencies measure different things):

${ratioTable(rows, COMPARISONS)}
`;
}

await runReleasingAll(async () => {
  const giveUp = setTimeout(() => {
    log(`still running after ${GIVE_UP_MS / 60_000} minutes: giving up`);
    process.kill(process.pid, 'SIGTERM');
  }, GIVE_UP_MS);
  giveUp.unref();
  const startedAt = new Date();
  clearServerEnvironment();
  await checkServices();
  const sensors = await loadBenchSensors(SENSORS_FILE);
  const versions = { postgres: await postgresVersion(ADMIN_URL), mosquitto: mosquittoVersion() };

  const rows: Row[] = [];
  const sqlite: Store = { name: 'SQLite' };
  rows.push(...(await oursOn(sqlite, sensors)));
  rows.push(...(await rawOn(sqlite, sensors)));
  for (const [prefix, runs] of [['pc_bench', oursOn], ['pc_bench_raw', rawOn]] as const) {
    const database = await createBenchDatabase(ADMIN_URL, prefix);
    onRelease(() => database.drop());
    try {
      rows.push(...(await runs({ name: 'PostgreSQL', database }, sensors)));
    } finally {
      await database.drop();
    }
  }
  rows.push(await bareSubscriberRow(sensors));

  const markdown = section(rows, sensors, versions, startedAt, (Date.now() - startedAt.getTime()) / 60_000);
  console.log(markdown);
  await writeSection(DOC, markdown);
  log(`wrote the section "${SECTION}" of ${path.relative(REPO_ROOT, DOC)}`);
  clearTimeout(giveUp);
});
