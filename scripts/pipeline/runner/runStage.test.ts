import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { TilesetManifest } from '@pengcheng/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PipelineStage, StageContext } from '../stage.js';
import { MANIFEST_FILE, runStage, type RunStageOptions } from './runStage.js';

let root: string;
let sourceDir: string;
let tilesetsDir: string;
let codeDir: string;
let runs = 0;

/** A stage that copies its input into a tileset.json and one content file. */
const copyStage = (fail = false): PipelineStage => ({
  id: 'test-stage',
  kind: 'buildings',
  name: { zh: '测试', en: 'Test' },
  attribution: { zh: '测试数据', en: 'Test data' },
  inputs: ['input.txt'],
  async run(context: StageContext) {
    runs++;
    const input = await readFile(path.join(context.sourceDir, 'input.txt'), 'utf8');
    await writeFile(path.join(context.outDir, 'tileset.json'), JSON.stringify({ asset: { version: '1.1' }, input }));
    await writeFile(path.join(context.outDir, 'a.glb'), Buffer.alloc(5000, input));
    context.onProgress(1, 1);
    if (fail) throw new Error('stage failed');
    return { entry: 'tileset.json', bounds: { west: 117, south: 34, east: 117.1, north: 34.1 }, features: 1, skipped: 0, tiles: 1 };
  },
});

function options(extra: Partial<RunStageOptions> = {}): RunStageOptions {
  return { sourceDir, tilesetsDir, codeDirs: [codeDir], onProgress: () => undefined, log: () => undefined, ...extra };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pengcheng-runner-'));
  sourceDir = path.join(root, 'source');
  tilesetsDir = path.join(root, 'tilesets');
  codeDir = path.join(root, 'code');
  await mkdir(sourceDir);
  await mkdir(codeDir);
  await writeFile(path.join(sourceDir, 'input.txt'), 'v1');
  await writeFile(path.join(codeDir, 'stage.ts'), 'export {}');
  runs = 0;
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('runStage', () => {
  it('writes the tileset with a valid manifest and precompressed variants that decode to the same bytes', async () => {
    const { manifest, rebuilt } = await runStage(copyStage(), options());
    expect(rebuilt).toBe(true);
    const dir = path.join(tilesetsDir, 'test-stage');
    expect(TilesetManifest.parse(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')))).toEqual(manifest);
    expect(manifest.build).toMatchObject({ files: 2, tiles: 1, features: 1, largestFile: { path: 'a.glb', bytes: 5000 } });
    for (const file of ['tileset.json', 'a.glb']) {
      const original = await readFile(path.join(dir, file));
      expect(brotliDecompressSync(await readFile(path.join(dir, `${file}.br`)))).toEqual(original);
      expect(gunzipSync(await readFile(path.join(dir, `${file}.gz`)))).toEqual(original);
    }
  });

  it('rebuilds nothing when inputs and code are unchanged, and rebuilds when either changes', async () => {
    const first = await runStage(copyStage(), options());
    const again = await runStage(copyStage(), options());
    expect(again.rebuilt).toBe(false);
    expect(runs).toBe(1);
    expect(again.manifest.version).toBe(first.manifest.version);

    await writeFile(path.join(sourceDir, 'input.txt'), 'v2');
    const changed = await runStage(copyStage(), options());
    expect(changed.rebuilt).toBe(true);
    expect(changed.manifest.version).not.toBe(first.manifest.version);

    await writeFile(path.join(codeDir, 'stage.ts'), 'export const changed = 1;');
    expect((await runStage(copyStage(), options())).rebuilt).toBe(true);
    expect(runs).toBe(3);
  });

  it('keeps the previous tileset whole when a build fails', async () => {
    const first = await runStage(copyStage(), options());
    await writeFile(path.join(sourceDir, 'input.txt'), 'v2');
    await expect(runStage(copyStage(true), options())).rejects.toThrow('stage failed');
    const dir = path.join(tilesetsDir, 'test-stage');
    const manifest = TilesetManifest.parse(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
    expect(manifest.version).toBe(first.manifest.version);
    expect(JSON.parse(await readFile(path.join(dir, 'tileset.json'), 'utf8')).input).toBe('v1');
    expect(existsSync(path.join(tilesetsDir, `.build-test-stage-${process.pid}`))).toBe(false);
  });
});
