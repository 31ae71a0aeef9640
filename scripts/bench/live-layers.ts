/**
 * Benchmark (not a test): the live layers at scale, against the same features as Cesium Entities.
 *   npx tsx scripts/bench/live-layers.ts [--seconds 20] [--warmup 5] [--rounds 2] [--count 10000] [--heap-count 100000] [--skip-heap]
 *   (after npx tsc -b; drives /usr/bin/chromium: run it as `flock /tmp/browser.lock npx tsx …` on a shared machine)
 * In one Chromium (software WebGL, 640×360, globe hidden, continuous rendering), each phase in a
 * fresh page: frame rate with `count` moving vehicles in our traffic layer and as Entities, with
 * our layer's vehicles standing still, and with our layer's symbols kept full size (like for like); main-thread time to apply an update; the JS heap with
 * `heap-count` vehicles in each. Synthetic vehicles (seeded) drive along straight roads in the
 * district, one frame a second like the simulator. Prints Markdown to stdout, progress to stderr.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../../e2e/fixtures/serverProcess.js';
import { buildPage, servePage } from './live-layers/buildPage.js';
import { launchBrowser, measureFrameRate, measureHeap, VIEWPORT } from './live-layers/pageRun.js';
import { frameRateTable, heapTable, mainThreadTable, ratioTable, type FramePhase, type HeapRun, type PhaseRun } from './live-layers/report.js';
import type { PageParams } from './live-layers/pageContract.js';
import { makeTempDir, onRelease, runReleasingAll } from './tiles/resources.js';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    count: { type: 'string', default: '10000' },
    'heap-count': { type: 'string', default: '100000' },
    'skip-heap': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(options.seconds);
const WARMUP = Number(options.warmup);
const ROUNDS = Number(options.rounds);
const COUNT = Number(options.count);
const HEAP_COUNT = Number(options['heap-count']);

const progress = (line: string) => console.error(line);

const PHASES: Record<FramePhase, Omit<PageParams, 'count'>> = {
  'ours, moving': { sink: 'ours', moving: true, fullSize: false, frames: 0 },
  'Entities, moving': { sink: 'entities', moving: true, fullSize: false, frames: 0 },
  'ours, static': { sink: 'ours', moving: false, fullSize: false, frames: 0 },
  'ours, moving, full size': { sink: 'ours', moving: true, fullSize: true, frames: 0 },
};

/** The commit measured, and whether the layer or this benchmark had uncommitted changes. */
function revision(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'apps/viewer/src/engine/live/traffic', 'scripts/bench/live-layers', 'scripts/bench/live-layers.ts') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes to the layer or the benchmark' : ''}`;
  } catch {
    return 'unknown commit (no git)';
  }
}

await runReleasingAll(async () => {
  if (!(SECONDS >= 1) || !(WARMUP >= 0) || !Number.isInteger(ROUNDS) || ROUNDS < 1 || !(COUNT >= 1) || !(HEAP_COUNT >= 1)) {
    throw new Error('--seconds ≥ 1, --warmup ≥ 0, --rounds a whole number ≥ 1, --count and --heap-count ≥ 1');
  }
  if (!existsSync(path.join(REPO_ROOT, 'packages/protocol/dist/index.js'))) throw new Error('packages/protocol is not built: run npx tsc -b');
  const startedAt = new Date();
  const outDir = await makeTempDir('pengcheng-bench-live-layers-');
  progress('building the benchmark page with Vite');
  await buildPage(outDir);
  const server = await servePage(outDir);
  onRelease(() => server.close());
  const browser = await launchBrowser();
  onRelease(() => browser.close());

  const runs: PhaseRun[] = [];
  const names = Object.keys(PHASES) as FramePhase[];
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate the order, so no phase always runs first or right after the same one.
    for (const phase of round % 2 ? names : [...names].reverse()) {
      const run = await measureFrameRate(browser, server.url, { ...PHASES[phase], count: COUNT }, WARMUP, SECONDS);
      progress(`round ${round}, ${phase}: ${run.fps.toFixed(2)} frames/s (${run.vehicles} vehicles)`);
      runs.push({ phase, round, run });
    }
  }

  const heap: HeapRun[] = [];
  if (!options['skip-heap']) {
    for (const [sink, label] of [
      ['none', 'none'],
      ['ours', 'ours'],
      ['entities', 'Entities'],
    ] as const) {
      const measured = await measureHeap(browser, server.url, { sink, moving: true, fullSize: false, count: HEAP_COUNT, frames: 2 });
      progress(`heap, ${label}: ${(measured.usedBytes / 2 ** 20).toFixed(1)} MiB (${measured.vehicles} vehicles)`);
      heap.push({ sink: label, ...measured });
    }
  }
  const browserVersion = browser.version();
  const minutes = (Date.now() - startedAt.getTime()) / 60_000;
  const cpu = cpus();
  const ratios = ratioTable(runs);
  const heapReport = heap.length > 0 ? heapTable(heap) : undefined;

  console.log(`## Live layers (issue 8): the traffic layer against Cesium Entities

Command: \`flock /tmp/browser.lock npx tsx scripts/bench/live-layers.ts --seconds ${SECONDS} --warmup ${WARMUP} --rounds ${ROUNDS} --count ${COUNT} --heap-count ${HEAP_COUNT}${options['skip-heap'] ? ' --skip-heap' : ''}\`
(after \`npx tsc -b\`). Run on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (${minutes.toFixed(0)} min) on
${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Linux ${release()}, Node ${process.version},
Chromium ${browserVersion} (software WebGL, SwiftShader; \`--disable-gpu-vsync --disable-frame-rate-limit\`, so frames are not capped at 60 Hz);
${revision()}.

The page is built by Vite from \`scripts/bench/live-layers/page/\` (not part of the viewer's build) and imports the layer from
\`apps/viewer/src/engine/live/traffic\`. ${VIEWPORT.width}×${VIEWPORT.height}, \`scene.globe.show = false\`, no imagery, sky box and
atmosphere off, \`requestRenderMode: false\`, looking straight down from 4 km on the district (about 7 m a pixel). Vehicles: seeded, driving to and
fro on straight roads within about 3 km of lon 117.278, lat 34.205, one binary hub frame (\`encodeVehicleFrame\`) a second,
0.5 % of them replaced by new ones each frame. **Ours**: \`createVehicleLayer\` with its defaults (every vehicle an instance of
one draw call, its segment uploaded once per frame and the motion between frames done by the vertex shader, symbols shrinking
from full size at 1 km to 0.4 of it from 5 km, so 0.45–0.55 of full size here). **Entities**: one \`Entity\` per vehicle with a billboard (same image and colours) and a
\`CallbackPositionProperty\` reading the same interpolation (\`VehicleTable\`, its frames indexed by \`VehicleIndex\` on the main thread), added and removed as vehicles come and go; their
rotation is set once per frame (ours turns them on the GPU every render). **Static**: our layer, each frame repeating the
same positions. **Full size**: our layer with \`distanceScale: null\`, every symbol 18 px as the Entities draw them (like for like). Each phase in a fresh page; frames counted by \`scene.postRender\`, each after reading one pixel back so that it counts once the GPU has drawn it (without it, how far Cesium's queue ran ahead of the GPU varied the rates tenfold between pages), over ${SECONDS} s after ${WARMUP} s of
warm-up; ${ROUNDS} round(s), the order reversed every other round; the figures are the medians over rounds.

### Frame rate

${frameRateTable(runs)}

${ratios.table}

### Main-thread time

Our layer decodes and indexes each binary hub frame in a worker: its main-thread time is handing the frame over plus
applying the worker's typed arrays and packing the vehicles' segments for the GPU (the layer's \`onFrame\` report, measured with
\`performance.now()\`), for every update of the measured moving runs after the first; the layer's work per render (handing the shader the
segment's progress) is the time between two \`scene.preRender\` listeners that bracket the layer's own, per rendered frame in
the measured window.

${mainThreadTable(runs)}

### JS heap with ${HEAP_COUNT.toLocaleString('en')} vehicles

Each in a fresh page: two frames applied, three more rendered, then three forced collections (CDP
\`HeapProfiler.collectGarbage\`) and \`Runtime.getHeapUsage\`. "Page only" runs the same synthetic fleet and frames with no
layer: the difference is what the vehicles cost. GPU buffers are not in the JS heap.

${heapReport ? heapReport.table : 'Not run: --skip-heap.'}`);
});
