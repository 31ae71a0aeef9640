/**
 * Benchmark (not a test): how fast our tile server serves tiles, against nginx on the same files.
 *   npx tsx scripts/bench/tiles.ts        (after npx tsc -b and npm run build:assets)
 * Copies real tiles of about 10, 100 and 500 KB into one tileset folder, then loads each server
 * in turn with wrk: ours, nginx (1 worker: the per-core baseline, since ours is one Node
 * process), express.static, sirv, and nginx with a worker per core for context. Prints Markdown.
 */
import { createReadStream, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SERVER_ENTRY } from '../../e2e/fixtures/serverProcess.js';
import { makeBenchFolder, type BenchFile, type BenchFolder } from './tiles/benchFolder.js';
import { withCpuShare } from './tiles/cpuUsage.js';
import { headerLines, probe } from './tiles/probe.js';
import { ratioTable, rawTable, type Outcome, type Results, type Target } from './tiles/report.js';
import { makeTempDir, runReleasingAll } from './tiles/resources.js';
import { nginx, nodeStatic, ours, type BenchServer, type ServerSpec } from './tiles/servers.js';
import { serverRevision } from './tiles/revision.js';
import { ensureTools, type Tools } from './tiles/tools.js';
import { runWrk, type WrkLoad } from './tiles/wrk.js';

const ASSETS = path.join(REPO_ROOT, 'assets/tilesets');
const LOAD = { threads: 1, connections: 50, seconds: 10 };
const WARM_UP_SECONDS = 2;
/** So nginx's gzip_static, sirv and ours pick the same .gz bytes; express.static sends identity. */
const ACCEPT = { 'Accept-Encoding': 'gzip' };
const REVALIDATION = '304 (100 KB)';

interface Case {
  readonly label: string;
  readonly file: BenchFile;
  /** Load with If-None-Match set to the server's own ETag of the file. */
  readonly revalidate: boolean;
}

const int = (n: number) => n.toLocaleString('en-US');

async function measure(server: BenchServer, tools: Tools, benchCase: Case): Promise<Outcome> {
  const url = server.url(benchCase.file.name);
  const headers: Record<string, string> = { ...ACCEPT };
  if (benchCase.revalidate) {
    const etag = (await probe(url, headers)).headers.etag;
    if (!etag) return { na: 'no ETag' };
    headers['If-None-Match'] = etag;
  }
  const check = await probe(url, headers);
  const expected = benchCase.revalidate ? 304 : 200;
  if (check.status !== expected) return { na: `answers ${check.status}, not ${expected}` };

  const load: WrkLoad = { ...LOAD, headers: headerLines(headers) };
  await runWrk(tools.wrk, url, { ...load, seconds: WARM_UP_SECONDS });
  const { result, cpu } = await withCpuShare(server.pid, () => runWrk(tools.wrk, url, load));
  return { wrk: result, probe: check, cpu };
}

/** Access logs reach hundreds of MB (too big for one string): count newlines while streaming, then delete. */
async function countLinesAndDelete(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    for (let at = (chunk as Buffer).indexOf(0x0a); at !== -1; at = (chunk as Buffer).indexOf(0x0a, at + 1)) lines++;
  }
  await rm(file);
  return lines;
}

/** One server at a time, so a loaded server never shares the 2 cores with another. */
async function runServer(spec: ServerSpec, tools: Tools, cases: readonly Case[]): Promise<{ outcomes: Map<string, Outcome>; logLines?: number }> {
  console.error(`${spec.name}: starting`);
  const server = await spec.start();
  const outcomes = new Map<string, Outcome>();
  try {
    for (const benchCase of cases) {
      const outcome = await measure(server, tools, benchCase);
      outcomes.set(benchCase.label, outcome);
      console.error(`${spec.name}: ${benchCase.label}: ${'na' in outcome ? `n/a (${outcome.na})` : `${int(Math.round(outcome.wrk.requestsPerSec))} req/s`}`);
    }
  } finally {
    await server.stop();
  }
  return { outcomes, ...(server.accessLog ? { logLines: await countLinesAndDelete(server.accessLog) } : {}) };
}

function filesNote(bench: BenchFolder): string {
  return bench.files
    .map((f) => `- ${f.label}: \`${f.source}\` (${int(f.bytes)} B; .gz ${int(f.gzBytes)} B; .br ${int(f.brBytes)} B)`)
    .join('\n');
}

await runReleasingAll(async () => {
  const tools = ensureTools();
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run npx tsc -b`);
  if (!existsSync(ASSETS)) throw new Error(`${ASSETS} is missing: run npm run build:assets`);

  const workDir = await makeTempDir('pengcheng-bench-tiles-');
  const bench = await makeBenchFolder(ASSETS, workDir);
  const [small, medium, large] = bench.files;
  if (!small || !medium || !large) throw new Error('expected three bench files');
  const cases: Case[] = [
    { label: small.label, file: small, revalidate: false },
    { label: medium.label, file: medium, revalidate: false },
    { label: large.label, file: large, revalidate: false },
    { label: REVALIDATION, file: medium, revalidate: true },
  ];
  const baseline = nginx(bench, workDir, tools, 1);
  const specs = [
    baseline,
    ours(bench, workDir),
    nodeStatic('express.static', 'expressStaticServer.ts', bench, workDir),
    nodeStatic('sirv', 'sirvServer.ts', bench, workDir),
    nginx(bench, workDir, tools, 'auto'),
  ];

  const results: Results = new Map();
  const logLines: string[] = [];
  for (const spec of specs) {
    const run = await runServer(spec, tools, cases);
    results.set(spec.name, run.outcomes);
    if (run.logLines !== undefined) logLines.push(`${spec.name} ${int(run.logLines)} lines`);
  }

  const targets: Target[] = [
    { caseLabel: small.label, minRps: 0.5 },
    { caseLabel: medium.label, minRps: 0.8 },
    { caseLabel: large.label, minRps: 0.8 },
    { caseLabel: REVALIDATION, minRps: 0.45 },
  ];
  const cpu = cpus();
  console.log(`## Tile serving: ours against nginx, express.static and sirv

Command: \`npx tsx scripts/bench/tiles.ts\` (after \`npx tsc -b\`). Run on ${new Date().toISOString().slice(0, 10)} on
${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Linux ${release()}, Node ${process.version},
${tools.nginxVersion}, ${tools.wrkVersion}; our server at ${serverRevision()}.

Every server serves the same folder of real tiles (copied with their \`.gz\`/\`.br\`):
${filesNote(bench)}

Load: \`wrk -t${LOAD.threads} -c${LOAD.connections} -d${LOAD.seconds}s --latency -H 'Accept-Encoding: gzip'\` (keep-alive), after a
${WARM_UP_SECONDS} s warm-up, one server at a time; wrk runs on the same ${availableParallelism()} cores. The 304 case sends each
server's own ETag of the 100 KB file in \`If-None-Match\`. Ours runs as in production (one Node
process, \`LOG_LEVEL=info\` JSON access log to a file); nginx has \`sendfile\`, \`tcp_nopush\`,
\`gzip_static\`, \`open_file_cache\`, \`keepalive_requests 1000000\` (Node has no per-connection cap)
and an access log; express.static and sirv log nothing. Access log lines written: ${logLines.join(', ')}.

bytes/response: read by wrk per response, headers included. server CPU: CPU time of the
server's processes over the run (100 % = one core busy); CPU µs/req: that time per request, the
per-core cost whoever is the bottleneck. other load: CPU of unrelated processes during the run;
above ~10 % the machine was shared and the run is noisy.

${rawTable(results, cases.map((c) => c.label))}

Against ${baseline.name} (the per-core baseline; targets are ours'):

${ratioTable(results, baseline.name, targets)}`);
});
