import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@loaders.gl/core';
import { Tiles3DLoader } from '@loaders.gl/3d-tiles';
import { TilesetManifest } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildingsStage } from './buildings/buildingsStage.js';
import { groundImageryStage } from './imagery/groundImageryStage.js';
import { pipelinesStage } from './pipelines/pipelinesStage.js';
import { runStage } from './runner/runStage.js';
import type { PipelineStage } from './stage.js';
import { checkTileset } from './tiles3d/checkTileset.js';
import { validateGlb } from './tiles3d/validateGlb.js';
import { vectorOverlaysStage } from './vector/vectorOverlaysStage.js';

// The acceptance check of the real district: what `npm run build:assets` makes from the committed
// assets/source is sound, valid and readable by an independent reader.
const SOURCE = fileURLToPath(new URL('../../assets/source', import.meta.url));
const PIPELINE_CODE = fileURLToPath(new URL('.', import.meta.url));

const THREE_D_STAGES: PipelineStage[] = [buildingsStage(), pipelinesStage()];
let out: string;
const logs: string[] = [];

async function filesOf(dir: string, extension: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(extension)).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'pengcheng-district-'));
  // The imagery pyramid is limited to its coarse levels here: the full one is the build's job.
  for (const stage of [...THREE_D_STAGES, vectorOverlaysStage(), groundImageryStage({ minZoom: 12, maxZoom: 14 })]) {
    await runStage(stage, { sourceDir: SOURCE, tilesetsDir: out, codeDirs: [PIPELINE_CODE], onProgress: () => undefined, log: (m) => logs.push(m) });
  }
}, 240_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the district as built from assets/source', () => {
  it('skips nothing and writes a valid manifest for every tileset', async () => {
    for (const id of [...THREE_D_STAGES.map((s) => s.id), 'district-overlays', 'district-ground']) {
      const manifest = TilesetManifest.parse(JSON.parse(await readFile(path.join(out, id, 'manifest.json'), 'utf8')));
      expect(manifest.build.skipped, `${id} skipped features`).toBe(0);
      expect(manifest.attribution.en ?? '', `${id} says it is synthetic`).toMatch(/synthetic/i);
    }
    expect(logs.filter((line) => /\bskipped:/.test(line))).toEqual([]);
  });

  it.each(THREE_D_STAGES.map((s) => s.id))('%s passes our structural check', async (id) => {
    expect(await checkTileset(path.join(out, id))).toEqual([]);
  });

  it.each(THREE_D_STAGES.map((s) => s.id))('%s: every glb passes the Khronos validator with no error', async (id) => {
    for (const file of await filesOf(path.join(out, id), '.glb')) {
      const report = await validateGlb(await readFile(file), path.basename(file));
      expect(report.errors, path.relative(out, file)).toEqual([]);
    }
  });

  it.each(THREE_D_STAGES.map((s) => s.id))('%s: loaders.gl reads the tileset and every tile', async (id) => {
    const dir = path.join(out, id);
    const tileset = (await parse(await readFile(path.join(dir, 'tileset.json')), Tiles3DLoader, { '3d-tiles': { isTileset: true } } as never, { url: path.join(dir, 'tileset.json') } as never)) as { root: unknown };
    expect(tileset.root).toBeDefined();
    for (const file of await filesOf(dir, '.glb')) {
      const tile = (await parse(await readFile(file), Tiles3DLoader, { '3d-tiles': { isTileset: false } } as never)) as { type: string };
      expect(tile.type, path.relative(out, file)).toBe('glTF');
    }
  });
});
