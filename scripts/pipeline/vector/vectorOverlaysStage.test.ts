import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vectorOverlaysStage } from './vectorOverlaysStage.js';

let root: string;
const logs: string[] = [];

function context() {
  return {
    sourceDir: path.join(root, 'source'),
    outDir: path.join(root, 'out'),
    onProgress: () => undefined,
    log: (message: string) => logs.push(message),
  };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pengcheng-vector-'));
  await mkdir(path.join(root, 'source'));
  await mkdir(path.join(root, 'out'));
  logs.length = 0;
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('vectorOverlaysStage', () => {
  it('passes valid features on, drops and reports invalid ones, and indexes the layers', async () => {
    const point = (properties: object) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [117.28, 34.2] }, properties });
    await writeFile(
      path.join(root, 'source/low_points.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          point({ id: 'LP-01', name: { zh: '元和路下穿' }, roadEdgeId: 'RD-E-0001', groundElevationM: 31.2, warningDepthCm: 15 }),
          point({ id: '__proto__', name: { zh: '坏' }, roadEdgeId: 'RD-E-0001', groundElevationM: 31.2, warningDepthCm: 15 }),
        ],
      }),
    );
    const result = await vectorOverlaysStage().run(context());
    expect(result).toMatchObject({ entry: 'layers.json', features: 1, skipped: 1 });
    const index = JSON.parse(await readFile(path.join(root, 'out/layers.json'), 'utf8'));
    expect(index.layers).toEqual([{ id: 'low_points', file: 'low_points.geojson', name: { zh: '内涝点', en: 'Flood-prone low points' }, features: 1 }]);
    const written = JSON.parse(await readFile(path.join(root, 'out/low_points.geojson'), 'utf8'));
    expect(written.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(['LP-01']);
    expect(logs.some((line) => line.includes('__proto__') && line.includes('skipped'))).toBe(true);
    expect(logs.some((line) => line.includes('road_edges.geojson: not in the source folder'))).toBe(true);
  });
});
