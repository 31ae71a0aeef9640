import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogResponse, type TilesetManifest } from '@pengcheng/protocol';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../http/errorHandlers.js';
import { createLogger } from '../logging/logger.js';
import { tileRoutes } from './tileRoutes.js';
import { TilesetCatalog } from './tilesetCatalog.js';

let root: string;

function manifest(id: string, kind: TilesetManifest['kind'], entry: string): TilesetManifest {
  return {
    id,
    kind,
    name: { zh: '政务区建筑', en: 'District buildings' },
    attribution: { zh: '合成数据', en: 'Synthetic data' },
    bounds: { west: 117.25, south: 34.18, east: 117.3, north: 34.22 },
    version: 'abc123',
    entry,
    ...(kind === 'imagery' ? { imagery: { minZoom: 12, maxZoom: 19, format: 'webp' as const } } : {}),
    build: { inputHash: 'h', features: 1, skipped: 0, tiles: 1, files: 2, bytes: 10, largestFile: { path: 'a.glb', bytes: 5 }, durationMs: 1 },
  };
}

function app() {
  const logger = createLogger('silent');
  const server = express();
  server.use(tileRoutes(new TilesetCatalog(root, logger)));
  server.use(notFound);
  server.use(errorHandler(logger));
  return server;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pengcheng-tilesets-'));
  const buildings = path.join(root, 'district-buildings');
  await mkdir(path.join(buildings, 'tiles'), { recursive: true });
  await writeFile(path.join(buildings, 'manifest.json'), JSON.stringify(manifest('district-buildings', 'buildings', 'tileset.json')));
  await writeFile(path.join(buildings, 'tileset.json'), '{"asset":{"version":"1.1"}}');
  await writeFile(path.join(buildings, 'tiles/0.glb'), 'glTF');
  const ground = path.join(root, 'district-ground');
  await mkdir(path.join(ground, '12/3381'), { recursive: true });
  await writeFile(path.join(ground, 'manifest.json'), JSON.stringify(manifest('district-ground', 'imagery', '{z}/{x}/{y}.webp')));
  await writeFile(path.join(ground, '12/3381/1623.webp'), 'RIFF');
  await mkdir(path.join(root, 'broken'));
  await writeFile(path.join(root, 'broken/manifest.json'), '{"id": 1}');
  await mkdir(path.join(root, 'no-manifest'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('catalog', () => {
  it('lists every tileset with a valid manifest, with its URL, and leaves the others out', async () => {
    const res = await request(app()).get('/api/v1/tilesets').expect(200);
    const { tilesets } = CatalogResponse.parse(res.body);
    expect(tilesets.map((t) => [t.id, t.url])).toEqual([
      ['district-buildings', '/tiles/district-buildings/tileset.json?v=abc123'],
      ['district-ground', '/imagery/district-ground/{z}/{x}/{y}.webp'],
    ]);
    expect(res.body.tilesets[0]).not.toHaveProperty('build');
  });
});

describe('tile files', () => {
  it('serves each file as stored, with its format\'s content type', async () => {
    const server = app();
    const tileset = await request(server).get('/tiles/district-buildings/tileset.json?v=abc123').expect(200);
    expect(tileset.headers['content-type']).toMatch(/^application\/json/);
    expect(tileset.headers['cache-control']).toContain('must-revalidate');
    const glb = await request(server).get('/tiles/district-buildings/tiles/0.glb').expect(200);
    expect(glb.headers['content-type']).toBe('model/gltf-binary');
    const image = await request(server).get('/imagery/district-ground/12/3381/1623.webp').expect(200);
    expect(image.headers['content-type']).toBe('image/webp');
  });

  it('answers 404 for unknown tilesets and files, and never reads outside a tileset', async () => {
    const server = app();
    await request(server).get('/tiles/nope/tileset.json').expect(404);
    await request(server).get('/tiles/broken/manifest.json').expect(404);
    await request(server).get('/tiles/district-buildings/missing.glb').expect(404);
    for (const url of ['/tiles/district-buildings/../district-ground/manifest.json', '/tiles/district-buildings/%2e%2e/district-ground/manifest.json', '/tiles/district-buildings/..%2fdistrict-ground%2fmanifest.json']) {
      const res = await request(server).get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(res.text).not.toContain(root);
    }
  });
});
