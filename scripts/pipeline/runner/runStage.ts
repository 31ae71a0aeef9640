import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TilesetManifest } from '@pengcheng/protocol';
import type { PipelineStage } from '../stage.js';
import { folderStats } from './folderStats.js';
import { inputHash } from './inputHash.js';
import { precompressFolder } from './precompress.js';

export const MANIFEST_FILE = 'manifest.json';

export interface RunStageOptions {
  readonly sourceDir: string;
  /** Parent of every tileset folder: assets/tilesets. */
  readonly tilesetsDir: string;
  /** Folders of pipeline code whose changes force a rebuild. */
  readonly codeDirs: readonly string[];
  /** Rebuild even when the inputs are unchanged. */
  readonly force?: boolean;
  onProgress(phase: 'build' | 'compress', done: number, total: number): void;
  log(message: string): void;
}

export interface RunStageResult {
  readonly manifest: TilesetManifest;
  /** False when the previous build was still up to date. */
  readonly rebuilt: boolean;
}

async function readManifest(file: string): Promise<TilesetManifest | undefined> {
  if (!existsSync(file)) return undefined;
  const parsed = TilesetManifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Builds one tileset unless its inputs are unchanged: into a scratch folder, then precompressed,
 * measured, given its manifest, and swapped in place of the old one, so a server never sees a
 * half-written tileset.
 */
export async function runStage(stage: PipelineStage, options: RunStageOptions): Promise<RunStageResult> {
  const target = path.join(options.tilesetsDir, stage.id);
  const hash = await inputHash(stage.id, options.sourceDir, stage.inputs, options.codeDirs);
  const previous = await readManifest(path.join(target, MANIFEST_FILE));
  if (!options.force && previous?.build.inputHash === hash) return { manifest: previous, rebuilt: false };

  const scratch = path.join(options.tilesetsDir, `.build-${stage.id}-${process.pid}`);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  try {
    const started = performance.now();
    const result = await stage.run({
      sourceDir: options.sourceDir,
      outDir: scratch,
      onProgress: (done, total) => options.onProgress('build', done, total),
      log: options.log,
    });
    const stats = await folderStats(scratch);
    await precompressFolder(scratch, { onFile: (() => {
      let done = 0;
      return () => options.onProgress('compress', ++done, stats.files);
    })() });
    const manifest: TilesetManifest = TilesetManifest.parse({
      id: stage.id,
      kind: stage.kind,
      name: stage.name,
      attribution: stage.attribution,
      bounds: result.bounds,
      version: stats.version,
      entry: result.entry,
      ...(result.imagery ? { imagery: result.imagery } : {}),
      build: {
        inputHash: hash,
        features: result.features,
        skipped: result.skipped,
        tiles: result.tiles,
        files: stats.files,
        bytes: stats.bytes,
        largestFile: stats.largestFile,
        durationMs: Math.round(performance.now() - started),
      },
    });
    await writeFile(path.join(scratch, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);

    const retired = `${target}.old-${process.pid}`;
    if (existsSync(target)) await rename(target, retired);
    await rename(scratch, target);
    await rm(retired, { recursive: true, force: true });
    return { manifest, rebuilt: true };
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}
