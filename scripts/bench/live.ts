/**
 * Benchmark (not a test): the live hub, side by side with its baselines in one run.
 *   npx tsx scripts/bench/live.ts      (after npx tsc -b; Mosquitto on MQTT_URL, default mqtt://127.0.0.1:1883)
 * 1. Fan-out: the hub (the real server, readings put on its event bus) against a raw `ws`
 *    broadcast server, the same payloads to 500 clients, at a light and a heavy offered rate:
 *    deliveries per second and latency percentiles, one target at a time.
 * 2. MQTT ingest to the screens (the real server process: broker → ingest → hub → clients)
 *    against the same readings taken straight from the broker by MQTT subscribers, with one
 *    screen and with 500.
 * 3. Bytes per vehicle update: the binary frame against JSON.
 * Prints Markdown to stdout, progress to stderr.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import path from 'node:path';
import { encodeVehicleFrame, VehicleType, type Sensor, type VehiclePosition } from '@pengcheng/protocol';
import mqtt from 'mqtt';
import { startServer } from '../../e2e/fixtures/serverProcess.js';
import type { BenchSensor } from './live/observationSource.js';
import { startIpcChild, type IpcMessage } from './live/ipcChild.js';
import { serverRevision } from './tiles/revision.js';
import { makeTempDir, onRelease, runReleasingAll } from './tiles/resources.js';

const CLIENTS = 500;
const TOKEN = 'live-bench-viewer-token-0123456789abcdef';
/** Offered messages a second; each message goes to every client. */
const RATES = [40, 100, 400] as const;
const WARM_UP_SECONDS = 2;
const SECONDS = 10;
const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const MQTT_RATES = [10, 40] as const;
const OBSERVATION_TOPIC = (sensorId: string) => `pengcheng/v1/sensors/${sensorId}/observations`;

interface Report extends IpcMessage {
  readonly deliveries: number;
  readonly messages: number;
  readonly lastMs: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** The client process's share of one core over the run. */
  readonly cpuShare: number;
}

interface Outcome {
  readonly offered: number;
  readonly expected: number;
  /** When the target started sending the measured run. */
  readonly startedMs: number;
  readonly report: Report;
  /** The server process's share of one core from the run's start to the last delivery. */
  readonly serverCpuShare: number;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (share: number) => `${(share * 100).toFixed(0)} %`;
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : 'n/a');
/** Deliveries over the time from the first send to the last delivery: a server that falls behind stretches it. */
const perSecond = ({ report, startedMs }: Outcome) => (report.lastMs > startedMs ? report.deliveries / ((report.lastMs - startedMs) / 1000) : Number.NaN);

/** Asks the fleet for its figures until they stop growing: what is in flight has landed or been dropped. */
async function settledReport(fleet: ReturnType<typeof startIpcChild>, expected: number): Promise<Report> {
  let last: Report | undefined;
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    fleet.send({ type: 'report' });
    const report = await fleet.next<Report>('report');
    if (report.deliveries >= expected) return report;
    quiet = last !== undefined && last.deliveries === report.deliveries ? quiet + 1 : 0;
    last = report;
  }
  if (!last) throw new Error('no report');
  return last;
}

async function cpuMs(target: ReturnType<typeof startIpcChild>): Promise<number> {
  target.send({ type: 'cpu' });
  return (await target.next<IpcMessage & { ms: number }>('cpu')).ms;
}

/** One fan-out target: its clients subscribe, then each rate is run once to warm up and once measured. */
async function fanOut(name: string, program: string, programArgs: string[], sensorsIn?: readonly BenchSensor[]): Promise<{ outcomes: Outcome[]; sensors: readonly BenchSensor[] }> {
  console.error(`${name}: starting`);
  const target = startIpcChild(program, programArgs);
  try {
    const listening = await target.next<IpcMessage & { url: string; sensors?: BenchSensor[] }>('listening');
    const sensors = sensorsIn ?? listening.sensors;
    if (!sensors || sensors.length === 0) throw new Error(`${name}: no sensors to send readings of`);
    const fleet = startIpcChild('clientFleet.ts', [program === 'hubTarget.ts' ? 'hub' : 'ws', listening.url, String(CLIENTS), TOKEN]);
    try {
      await fleet.next('ready');
      const outcomes: Outcome[] = [];
      for (const rate of RATES) {
        target.send({ type: 'run', rate, seconds: WARM_UP_SECONDS, sensors });
        await target.next('done');
        await settledReport(fleet, Number.POSITIVE_INFINITY);
        fleet.send({ type: 'reset' });
        await fleet.next('reset');
        const cpuBefore = await cpuMs(target);
        target.send({ type: 'run', rate, seconds: SECONDS, sensors });
        const { sent, startedMs } = await target.next<IpcMessage & { sent: number; startedMs: number }>('done');
        const expected = sent * CLIENTS;
        const report = await settledReport(fleet, expected);
        const serverCpuShare = (await cpuMs(target)) - cpuBefore;
        const outcome = { offered: rate * CLIENTS, expected, startedMs, report, serverCpuShare: serverCpuShare / Math.max(1, report.lastMs - startedMs) };
        outcomes.push(outcome);
        console.error(`${name}: ${int(rate * CLIENTS)}/s offered: ${int(perSecond(outcome))} deliveries/s, p99 ${ms(outcome.report.p99)}, ${int(outcome.report.deliveries)} of ${int(expected)}`);
      }
      fleet.send({ type: 'close' });
      return { outcomes, sensors };
    } finally {
      await fleet.stop();
    }
  } finally {
    target.send({ type: 'close' });
    await target.stop();
  }
}

function fanOutTable(hub: readonly Outcome[], ws: readonly Outcome[]): string {
  const rows = hub.map((h, i) => {
    const w = ws[i];
    if (!w) throw new Error('the targets ran different rates');
    const ratio = perSecond(h) / perSecond(w);
    const latency = h.report.p99 / w.report.p99;
    return [
      `| ${int(h.offered)}/s | raw ws | ${int(perSecond(w))} | ${int(w.report.deliveries)} of ${int(w.expected)} | ${ms(w.report.p50)} | ${ms(w.report.p99)} | ${ms(w.report.max)} | ${pct(w.serverCpuShare)} | ${pct(w.report.cpuShare)} | | |`,
      `| ${int(h.offered)}/s | hub | ${int(perSecond(h))} | ${int(h.report.deliveries)} of ${int(h.expected)} | ${ms(h.report.p50)} | ${ms(h.report.p99)} | ${ms(h.report.max)} | ${pct(h.serverCpuShare)} | ${pct(h.report.cpuShare)} | ${ratio.toFixed(2)}× ${ratio >= 0.9 ? 'met' : '**not met**'} | ${latency.toFixed(2)}× ${latency <= 2 ? 'met' : '**not met**'} |`,
    ].join('\n');
  });
  return [
    '| offered deliveries | server | deliveries/s | delivered | p50 | p99 | max | server CPU | clients CPU | deliveries/s vs raw ws (≥ 0.9×) | p99 vs raw ws (≤ 2×) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows,
  ].join('\n');
}

/**
 * MQTT: the same published readings reach the screens through the whole server (broker → ingest
 * → hub) and, as the baseline, straight from the broker (each screen an MQTT subscriber), with one
 * screen and with CLIENTS screens; each fleet of clients in its own process.
 */
interface MqttOutcome {
  readonly rate: number;
  readonly published: number;
  readonly hub: { readonly one: Report; readonly many: Report };
  readonly raw: { readonly one: Report; readonly many: Report };
}

async function mqttLatency(): Promise<MqttOutcome[]> {
  const dir = await makeTempDir('pengcheng-bench-live-');
  const sensors: Sensor[] = Array.from({ length: 50 }, (_, i) => ({
    id: `SNS-WL-${String(800 + i)}`,
    kind: 'water_level',
    name: { zh: `压测积水点 ${i}` },
    position: { lon: 117.2784 + (i % 10) * 0.001, lat: 34.205 + Math.floor(i / 10) * 0.001, height: 0 },
    asset: { kind: 'low_point', id: `LWP-${String(800 + i)}` },
    thresholds: [],
    externalIds: [],
    public: true,
  }));
  const sensorsFile = path.join(dir, 'sensors.json');
  await writeFile(sensorsFile, JSON.stringify({ sensors }));
  const publisher = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5, clientId: `pengcheng-bench-pub-${process.pid}`, clean: true });
  onRelease(() => publisher.endAsync());

  let n = 0;
  const publish = async (rate: number, seconds: number) => {
    const total = rate * seconds;
    const started = performance.now();
    const inFlight: Promise<unknown>[] = [];
    for (let sent = 0; sent < total; sent++) {
      const due = started + (sent * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sensor = sensors[n % sensors.length];
      if (!sensor) throw new Error('no sensor');
      const body = { sensorId: sensor.id, time: new Date().toISOString(), values: [{ quantity: 'depth', value: n % 50, unit: 'cm' }] };
      n++;
      inFlight.push(publisher.publishAsync(OBSERVATION_TOPIC(sensor.id), JSON.stringify(body), { qos: 1 }));
    }
    await Promise.all(inFlight);
    return total;
  };
  /** Every rate once to warm up and once measured, with one fleet of clients listening. */
  const measure = async (label: string, kind: 'hub' | 'mqtt', url: string, clients: number): Promise<Map<number, Report>> => {
    const fleet = startIpcChild('clientFleet.ts', [kind, url, String(clients), TOKEN]);
    try {
      await fleet.next('ready');
      const reports = new Map<number, Report>();
      for (const rate of MQTT_RATES) {
        await publish(rate, WARM_UP_SECONDS);
        await settledReport(fleet, Number.POSITIVE_INFINITY);
        fleet.send({ type: 'reset' });
        await fleet.next('reset');
        const published = await publish(rate, SECONDS);
        const report = await settledReport(fleet, published * clients);
        reports.set(rate, report);
        console.error(`mqtt: ${label}, ${rate}/s: p99 ${ms(report.p99)}, ${int(report.deliveries)} of ${int(published * clients)}`);
      }
      fleet.send({ type: 'close' });
      return reports;
    } finally {
      await fleet.stop();
    }
  };

  console.error('mqtt: starting the server');
  const server = await startServer({ SIM: 'off', MQTT_URL, MQTT_CLIENT_ID: `pengcheng-bench-${process.pid}`, SENSORS_FILE: sensorsFile, DEVICE_TOKENS: `bench:viewer:${TOKEN}` });
  let hubOne: Map<number, Report>;
  let hubMany: Map<number, Report>;
  try {
    hubOne = await measure('hub, 1 client', 'hub', server.url, 1);
    hubMany = await measure(`hub, ${CLIENTS} clients`, 'hub', server.url, CLIENTS);
  } finally {
    await server.stop();
  }
  // The server is gone: the broker's own fan-out, with nothing else on the machine.
  const rawOne = await measure('broker, 1 subscriber', 'mqtt', MQTT_URL, 1);
  const rawMany = await measure(`broker, ${CLIENTS} subscribers`, 'mqtt', MQTT_URL, CLIENTS);
  return MQTT_RATES.map((rate) => {
    const pick = (reports: Map<number, Report>) => {
      const report = reports.get(rate);
      if (!report) throw new Error(`no report at ${rate}/s`);
      return report;
    };
    return { rate, published: rate * SECONDS, hub: { one: pick(hubOne), many: pick(hubMany) }, raw: { one: pick(rawOne), many: pick(rawMany) } };
  });
}

/** A rush-hour tick's vehicles, drawn deterministically over the district. */
function sampleVehicles(count: number): VehiclePosition[] {
  let seed = 320_300;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `VEH-${String(i).padStart(5, '0')}`,
    type: VehicleType.options[Math.floor(next() * VehicleType.options.length)] ?? 'car',
    lon: 117.262 + next() * 0.035,
    lat: 34.19 + next() * 0.03,
    headingDeg: next() * 360,
    speedMs: next() * 20,
  }));
}

function vehicleBytesTable(): string {
  const rows = [100, 3000].map((count) => {
    const vehicles = sampleVehicles(count);
    const binary = encodeVehicleFrame(Date.now(), vehicles).byteLength;
    const json = Buffer.byteLength(JSON.stringify({ timeMs: Date.now(), vehicles }));
    const rounded = Buffer.byteLength(
      JSON.stringify({
        timeMs: Date.now(),
        vehicles: vehicles.map((v) => ({ id: v.id, type: v.type, lon: Number(v.lon.toFixed(6)), lat: Number(v.lat.toFixed(6)), headingDeg: Number(v.headingDeg.toFixed(1)), speedMs: Number(v.speedMs.toFixed(2)) })),
      }),
    );
    return `| ${int(count)} | ${(binary / count).toFixed(1)} | ${(json / count).toFixed(1)} | ${(rounded / count).toFixed(1)} | ${(binary / json).toFixed(2)} | ${(binary / rounded).toFixed(2)} |`;
  });
  return [
    '| vehicles per frame | binary B/vehicle | JSON B/vehicle | JSON rounded B/vehicle | binary/JSON | binary/rounded |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

await runReleasingAll(async () => {
  const revision = serverRevision();
  const hub = await fanOut('hub', 'hubTarget.ts', [TOKEN, await makeTempDir('pengcheng-bench-hub-')]);
  const ws = await fanOut('raw ws', 'wsTarget.ts', [], hub.sensors);
  const mqttRuns = await mqttLatency();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';

  console.log(`Command: \`npx tsx scripts/bench/live.ts\` (after \`npx tsc -b\`). Run on ${new Date().toISOString().slice(0, 10)}, ${revision},`);
  console.log(`${availableParallelism()} × ${cpu}, ${int(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}; every process on the same machine, loopback only.`);
  console.log('');
  console.log(`### Fan-out: ${CLIENTS} clients, ${SECONDS} s per rate after a ${WARM_UP_SECONDS} s warm-up`);
  console.log('');
  console.log(fanOutTable(hub.outcomes, ws.outcomes));
  console.log('');
  console.log(`### MQTT ingest to the screens: readings published with QoS 1 for ${SECONDS} s after a ${WARM_UP_SECONDS} s warm-up`);
  console.log('');
  console.log('| readings/s | screens | path | received | p50 | p99 | p99 vs raw MQTT (≤ 2×) |');
  console.log('|---:|---:|---|---:|---:|---:|---|');
  for (const run of mqttRuns) {
    for (const [clients, raw, hub] of [[1, run.raw.one, run.hub.one], [CLIENTS, run.raw.many, run.hub.many]] as const) {
      const ratio = hub.p99 / raw.p99;
      console.log(`| ${run.rate} | ${int(clients)} | broker → MQTT subscribers (QoS 1) | ${int(raw.deliveries)} of ${int(run.published * clients)} | ${ms(raw.p50)} | ${ms(raw.p99)} | |`);
      console.log(
        `| ${run.rate} | ${int(clients)} | broker → ingest → hub → Socket.IO clients | ${int(hub.deliveries)} of ${int(run.published * clients)} | ${ms(hub.p50)} | ${ms(hub.p99)} | ${ratio.toFixed(2)}× ${ratio <= 2 ? 'met' : '**not met**'} |`,
      );
    }
  }
  console.log('');
  console.log('### Bytes per vehicle update');
  console.log('');
  console.log(vehicleBytesTable());
});
