/**
 * `npm run build:assets`: source GIS files (assets/source) → servable tilesets (assets/tilesets),
 * incrementally: a stage whose inputs and code are unchanged is not rebuilt.
 * Flags: --force (rebuild all), --only=<id>[,<id>] (run some stages).
 */
import { fileURLToPath } from 'node:url';
import { buildingsStage } from './pipeline/buildings/buildingsStage.js';
import { groundImageryStage } from './pipeline/imagery/groundImageryStage.js';
import { pipelinesStage } from './pipeline/pipelines/pipelinesStage.js';
import { buildAssets, formatSummary } from './pipeline/runner/buildAssets.js';
import { vectorOverlaysStage } from './pipeline/vector/vectorOverlaysStage.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');

const stages = [buildingsStage(), pipelinesStage(), groundImageryStage(), vectorOverlaysStage()].filter((s) => !only || only.includes(s.id));

const started = performance.now();
try {
  const results = await buildAssets(stages, {
    sourceDir: `${ROOT}assets/source`,
    tilesetsDir: `${ROOT}assets/tilesets`,
    codeDirs: [`${ROOT}scripts/pipeline`, `${ROOT}packages/protocol/src`],
    force: args.includes('--force'),
    interactive: Boolean(process.stdout.isTTY) && !process.env.CI,
    write: (line) => console.log(line),
  });
  console.log(`\n${formatSummary(results, performance.now() - started)}`);
} catch (error) {
  console.error(`build:assets failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
