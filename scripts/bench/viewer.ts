/**
 * Benchmark (not a test): the viewer as people get it.
 *   npx tsx scripts/bench/viewer.ts [--runs 5 (0: memory only)] [--minutes 10] [--idle 5] [--quality auto|full] [--skip-memory]
 *   (after npx tsc -b, npm run build:viewer, npm run build:assets; root installs nginx-light)
 * 1. Time from navigation to the first fully loaded default view (`data-ready`), our server
 *    against nginx serving the same built viewer, catalog JSON and tiles; alternating runs, each
 *    in a fresh Chromium profile.
 * 2. A warm reload in the same profile: which tile and imagery requests still reach the site.
 * 3. Memory after 10 minutes of the kiosk's attract tour against after 1 minute.
 * Prints Markdown to stdout, progress to stderr.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, SERVER_ENTRY, startServer } from '../../e2e/fixtures/serverProcess.js';
import { withUsage } from './ingest/usage.js';
import { accessLogRequests } from './tiles/accessLog.js';
import { NetworkLog } from './tiles/networkLog.js';
import { makeTempDir, onRelease, runReleasingAll } from './tiles/resources.js';
import { serverRevision } from './tiles/revision.js';
import { ensureTools } from './tiles/tools.js';
import { chromiumVersion, freshBrowser, secondsToReady, type Session, type Viewport } from './viewer/browser.js';
import { missingHook, sampleMemory, untilTourMoves, type MemorySample } from './viewer/kioskMemory.js';
import { startNginxSite } from './viewer/nginxSite.js';
import { loadsTable, loadSummary, memoryReport, reloadTable, type ColdLoad, type WarmReload } from './viewer/report.js';
import { WireLog } from './viewer/wire.js';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    minutes: { type: 'string', default: '10' },
    idle: { type: 'string', default: '5' },
    // The kiosk adapts its quality by default; `full` holds the finest tiles, the harder test of the cache.
    quality: { type: 'string', default: 'auto' },
    'skip-memory': { type: 'boolean', default: false },
  },
});
const RUNS = Number(options.runs);
const TOUR_MINUTES = Number(options.minutes);
const IDLE_SECONDS = Number(options.idle);
const QUALITY = options.quality;
const KIOSK_PATH = `/kiosk?idle=${IDLE_SECONDS}&quality=${QUALITY}`;
const SAMPLE_EVERY_SECONDS = 30;

const VIEWER_DIR = path.join(REPO_ROOT, 'apps/viewer/dist');
const TILESETS_DIR = path.join(REPO_ROOT, 'assets/tilesets');
const DESK: Viewport = { width: 1920, height: 1080 };
const KIOSK: Viewport = { width: 1080, height: 1920 };
const OURS = 'ours';
const NGINX = 'nginx (1 worker)';

interface Site {
  readonly name: string;
  readonly url: string;
  /** Root of the process tree that serves: its CPU is the site's. */
  readonly pid: number;
  /** The site's access log so far, one JSON object a line. */
  accessLog(): Promise<string>;
}

const progress = (line: string) => console.error(line);

/** After the cold load settles, the same profile reloads; tiles should all come from the HTTP cache. */
async function warmReload(session: Session, site: Site, log: NetworkLog): Promise<WarmReload> {
  await log.settle();
  log.reset();
  const before = (await site.accessLog()).length;
  await session.page.reload();
  const seconds = await secondsToReady(session.page);
  await log.settle();
  const served = accessLogRequests((await site.accessLog()).slice(before));
  const tiles = served.filter((r) => /^\/(tiles|imagery)\//.test(r.url));
  const byPrefix = new Map<string, number>();
  for (const { url } of served) {
    const prefix = `/${url.split(/[/?]/)[1] ?? ''}`;
    byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) + 1);
  }
  return {
    site: site.name,
    seconds,
    exchanges: log.exchanges(),
    served: tiles.length,
    served304: tiles.filter((r) => r.status === 304).length,
    servedByPrefix: byPrefix,
    reached: tiles.map((r) => `${r.url} → ${r.status}`),
  };
}

async function coldLoad(site: Site, run: number, withReload: boolean): Promise<{ load: ColdLoad; reload?: WarmReload; browser: string }> {
  const session = await freshBrowser(DESK);
  try {
    const wire = await WireLog.attach(session.cdp);
    const tiles = await NetworkLog.attach(session.cdp);
    const { result: seconds, cpu } = await withUsage({ serverPids: [site.pid] }, async () => {
      await session.page.goto(`${site.url}/`);
      return secondsToReady(session.page);
    });
    const load: ColdLoad = { site: site.name, run, seconds, wire: wire.totals(), cpu };
    progress(`run ${run}, ${site.name}: ready after ${seconds.toFixed(1)} s (${load.wire.requests} requests, ${load.wire.errors.length} failed)`);
    for (const error of load.wire.errors.slice(0, 5)) progress(`  ${error}`);
    const reload = withReload ? await warmReload(session, site, tiles) : undefined;
    if (reload) progress(`${site.name}: warm reload ready after ${reload.seconds.toFixed(1)} s, ${reload.served} tile requests reached it`);
    return { load, ...(reload ? { reload } : {}), browser: chromiumVersion(session) };
  } finally {
    await session.close();
  }
}

type TourOutcome = { samples: MemorySample[] } | { notRun: string };

async function kioskTour(site: Site, onBrowser: (version: string) => void): Promise<TourOutcome> {
  const session = await freshBrowser(KIOSK);
  onBrowser(chromiumVersion(session));
  try {
    await session.page.goto(`${site.url}${KIOSK_PATH}`);
    await secondsToReady(session.page);
    const missing = await missingHook(session.page);
    if (missing) return { notRun: missing };
    if (!(await untilTourMoves(session.page, (IDLE_SECONDS + 120) * 1000))) {
      return { notRun: `the camera did not move within ${IDLE_SECONDS + 120} s of ready: no attract tour at ${KIOSK_PATH}` };
    }
    progress(`kiosk: the tour is flying; sampling memory for ${TOUR_MINUTES} min`);
    const samples = await sampleMemory(session.page, session.cdp, TOUR_MINUTES, SAMPLE_EVERY_SECONDS, (s) =>
      progress(`kiosk ${(s.atSeconds / 60).toFixed(1)} min: heap ${(s.jsHeapUsedBytes / 2 ** 20).toFixed(1)} MiB, tiles ${(s.tiles.usedBytes / 2 ** 20).toFixed(1)} of ${(s.tiles.cacheBytes / 2 ** 20).toFixed(0)} MiB`),
    );
    return { samples };
  } finally {
    await session.close();
  }
}

await runReleasingAll(async () => {
  if (!Number.isInteger(RUNS) || RUNS < 0 || !(TOUR_MINUTES >= 1) || !(IDLE_SECONDS >= 2) || !['auto', 'full'].includes(QUALITY ?? '')) {
    throw new Error('--runs must be a whole number (0 skips the loads), --minutes ≥ 1, --idle ≥ 2, --quality auto or full');
  }
  const tools = ensureTools();
  for (const [file, how] of [
    [SERVER_ENTRY, 'npx tsc -b'],
    [path.join(VIEWER_DIR, 'index.html'), 'npm run build:viewer'],
    [TILESETS_DIR, 'npm run build:assets'],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run ${how}`);
  }
  const startedAt = new Date();

  // LOG_LEVEL=info: the access log tells what reached the server, as nginx's does.
  const server = await startServer({ NODE_ENV: 'production', LOG_LEVEL: 'info' });
  onRelease(() => server.stop());
  const catalogJson = await (await fetch(`${server.url}/api/v1/tilesets`)).text();
  const workDir = await makeTempDir('pengcheng-bench-viewer-');
  const nginx = await startNginxSite({ nginx: tools.nginx, workDir, viewerDir: VIEWER_DIR, tilesetsDir: TILESETS_DIR, catalogJson });
  onRelease(() => nginx.stop());
  if ((await (await fetch(`${nginx.url}/api/v1/tilesets`)).text()) !== catalogJson) throw new Error('nginx does not answer the catalog our server gives');

  const { pid } = server.process;
  if (pid === undefined) throw new Error('the server has no pid');
  const ours: Site = { name: OURS, url: server.url, pid, accessLog: async () => server.output() };
  const baseline: Site = {
    name: NGINX,
    url: nginx.url,
    pid: nginx.pid,
    accessLog: async () => ((await stat(nginx.accessLog).catch(() => undefined)) ? readFile(nginx.accessLog, 'utf8') : ''),
  };

  const loads: ColdLoad[] = [];
  const reloads: WarmReload[] = [];
  let browser = '';
  for (let run = 1; run <= RUNS; run++) {
    // ABBA: neither site always goes first after the other's browser has just exited.
    for (const site of run % 2 ? [ours, baseline] : [baseline, ours]) {
      const outcome = await coldLoad(site, run, run === RUNS);
      loads.push(outcome.load);
      if (outcome.reload) reloads.push(outcome.reload);
      browser = outcome.browser;
    }
  }
  const tour: TourOutcome = options['skip-memory'] ? { notRun: '--skip-memory' } : await kioskTour(ours, (version) => (browser = version));
  const minutes = (Date.now() - startedAt.getTime()) / 60_000;

  const cpu = cpus();
  const memory = 'samples' in tour ? memoryReport(tour.samples) : undefined;
  const loadSection =
    RUNS === 0
      ? 'Not run: --runs 0.'
      : `The default view (\`/\`) at ${DESK.width}×${DESK.height}, from navigation start to the scene's first \`data-ready\` (by the
page's own clock), ${RUNS} runs per site, alternating (ABBA), each in a new Chromium with a fresh
profile (empty HTTP cache). Ours: the built server (\`NODE_ENV=production\`, \`LOG_LEVEL=info\`
access log). Baseline: nginx with one worker on the same files: the built viewer (\`.gz\`
variants by \`gzip_static\`; nginx-light has no brotli, ours sends \`.br\`), the SPA routes,
\`/tiles/\` and \`/imagery/\` from \`assets/tilesets\`, \`/api/v1/tilesets\` as a file holding the
body our server answered, the same Cache-Control values, no CSP or other security headers.
site CPU: CPU time of the site's processes during the load. page requests and received: the
page's own requests through CDP (Cesium's workers fetch a few scripts of their own, not counted).

${loadsTable(loads)}

${loadSummary(loads, OURS, NGINX).table}`;
  const reloadSection =
    RUNS === 0
      ? 'Not run: --runs 0.'
      : `After the last run's cold load settled (no request for 2 s), the page reloads in the same
profile; tile and imagery requests as Chromium saw them, and the site's access log.

${reloadTable(reloads)}`;
  const memorySection = memory
    ? `\`${KIOSK_PATH}\` on our server at ${KIOSK.width}×${KIOSK.height}, fresh profile; the clock starts when the tour first moves the
camera. Each sample forces a garbage collection (CDP \`HeapProfiler.collectGarbage\`) before
reading \`JSHeapUsedSize\` (CDP \`Performance.getMetrics\`); tile memory is Σ
\`tileset.totalMemoryUsageInBytes\` and the limit Σ \`tileset.cacheBytes\` (both from
\`window.__pengcheng.memory()\`); browser PSS is every Chromium process of the run (SwiftShader
keeps GPU buffers and textures in the GPU process).

${memory.table}

${memory.summary}`
    : `Not run: ${'notRun' in tour ? tour.notRun : ''}.`;

  console.log(`## Viewer (issue 7): load time against nginx, warm reload, kiosk memory

Command: \`npx tsx scripts/bench/viewer.ts --runs ${RUNS} --minutes ${TOUR_MINUTES} --idle ${IDLE_SECONDS} --quality ${QUALITY}${options['skip-memory'] ? ' --skip-memory' : ''}\` (after \`npx tsc -b\`,
\`npm run build:viewer\`, \`npm run build:assets\`). Run on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (${minutes.toFixed(0)} min) on
${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Linux ${release()}, Node ${process.version},
Chromium ${browser} (software WebGL), ${tools.nginxVersion}; our server at ${serverRevision()}.

### Time to the first fully loaded default view

${loadSection}

### Warm reload (same profile, normal reload)

${reloadSection}

### Memory over the kiosk's attract tour

${memorySection}`);
});
