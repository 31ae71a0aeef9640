import { mkdir } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { TilesetManifest } from '@pengcheng/protocol';
import type { PipelineStage } from '../stage.js';
import { runStage } from './runStage.js';

export interface BuildAssetsOptions {
  readonly sourceDir: string;
  readonly tilesetsDir: string;
  readonly codeDirs: readonly string[];
  readonly force?: boolean;
  /** Draw progress bars (on a terminal); otherwise one line per phase. */
  readonly interactive: boolean;
  write(line: string): void;
}

export interface StageSummary {
  readonly manifest: TilesetManifest;
  readonly rebuilt: boolean;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(2)} MB`;
}

/** A fixed-width table of what was built, for the terminal and CI logs. */
export function formatSummary(results: readonly StageSummary[], totalMs: number): string {
  const header = ['tileset', 'status', 'features', 'skipped', 'tiles', 'files', 'bytes', 'largest file', 'build time'];
  const rows = results.map(({ manifest: { id, build }, rebuilt }) => [
    id,
    rebuilt ? 'built' : 'up to date',
    String(build.features),
    String(build.skipped),
    String(build.tiles),
    String(build.files),
    megabytes(build.bytes),
    `${build.largestFile.path} (${megabytes(build.largestFile.bytes)})`,
    `${(build.durationMs / 1000).toFixed(1)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', `total ${(totalMs / 1000).toFixed(1)} s`].join('\n');
}

/** Runs every stage in order, with progress, and returns what each produced. */
export async function buildAssets(stages: readonly PipelineStage[], options: BuildAssetsOptions): Promise<StageSummary[]> {
  await mkdir(options.tilesetsDir, { recursive: true });
  const results: StageSummary[] = [];
  for (const stage of stages) {
    const bar = options.interactive
      ? new cliProgress.SingleBar(
          { format: `${stage.id.padEnd(22)} {phase} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: false },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    let phase = '';
    let started = false;
    const result = await runStage(stage, {
      sourceDir: options.sourceDir,
      tilesetsDir: options.tilesetsDir,
      codeDirs: options.codeDirs,
      force: options.force,
      onProgress: (nextPhase, done, total) => {
        const label = nextPhase === 'build' ? 'building   ' : 'compressing';
        if (bar) {
          if (!started) bar.start(total, done, { phase: label });
          started = true;
          if (label !== phase) bar.setTotal(total);
          bar.update(done, { phase: label });
        } else if (label !== phase) {
          options.write(`${stage.id}: ${label.trim()}…`);
        }
        phase = label;
      },
      log: (message) => options.write(`${stage.id}: ${message}`),
    });
    bar?.stop();
    options.write(`${stage.id}: ${result.rebuilt ? `built, version ${result.manifest.version}` : 'up to date'}`);
    results.push(result);
  }
  return results;
}
