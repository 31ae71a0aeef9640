import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { ApiError, HealthResponse, ReadinessResponse } from '@pengcheng/protocol';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { loadConfig } from './config/config.js';
import { Lifecycle } from './health/lifecycle.js';
import { createLogger } from './logging/logger.js';
import { createHttpMetrics } from './metrics/httpMetrics.js';
import { TilesetCatalog } from './tiles/tilesetCatalog.js';
import { StaticSite } from './viewer/staticSite.js';

let viewerDir: string;

async function build(options: { viewerDir?: string; lifecycle?: Lifecycle; tilesetsDir?: string } = {}) {
  const config = loadConfig({ VIEWER_DIR: options.viewerDir ?? viewerDir, DATA_DIR: tmpdir() });
  const lifecycle = options.lifecycle ?? new Lifecycle();
  const logger = createLogger('silent');
  const catalog = new TilesetCatalog(options.tilesetsDir ?? path.join(tmpdir(), 'pengcheng-no-tilesets'), logger);
  const site = new StaticSite(config.viewerDir, logger);
  await site.start();
  site.close();
  const app = createApp({ config, logger, lifecycle, metrics: createHttpMetrics(), catalog, site, version: '9.9.9' });
  return { app: app.listener, lifecycle };
}

beforeAll(async () => {
  viewerDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-viewer-'));
  await mkdir(path.join(viewerDir, 'assets'));
  await mkdir(path.join(viewerDir, 'cesium/Workers'), { recursive: true });
  await writeFile(path.join(viewerDir, 'index.html'), '<!doctype html><title>viewer</title>');
  await writeFile(path.join(viewerDir, 'assets/index-abc123.js'), 'console.log(1)');
  await writeFile(path.join(viewerDir, 'assets/index-abc123.js.br'), brotliCompressSync('console.log(1)'));
  await writeFile(path.join(viewerDir, 'cesium/Workers/createVerticesFromHeightmap.js'), '//');
});

afterAll(async () => {
  await rm(viewerDir, { recursive: true, force: true });
});

describe('health', () => {
  it('answers /healthz with the protocol shape', async () => {
    const res = await request((await build()).app).get('/healthz').expect(200);
    expect(HealthResponse.parse(res.body)).toMatchObject({ status: 'ok', version: '9.9.9' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers /readyz 503 while starting, 200 when ready, 503 while draining', async () => {
    const { app, lifecycle } = await build();
    const starting = await request(app).get('/readyz').expect(503);
    expect(ReadinessResponse.parse(starting.body).status).toBe('starting');
    lifecycle.markReady();
    expect((await request(app).get('/readyz').expect(200)).body.ready).toBe(true);
    lifecycle.startDraining();
    const draining = await request(app).get('/readyz').expect(503);
    expect(ReadinessResponse.parse(draining.body).status).toBe('draining');
  });
});

describe('metrics', () => {
  it('counts requests by route pattern, not by raw URL', async () => {
    const { app } = await build();
    await request(app).get('/healthz').expect(200);
    await request(app).get('/no/such/place?x=1').set('Accept', 'application/json').expect(404);
    const res = await request(app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz",status="200"\}/);
    expect(res.text).not.toContain('/no/such/place');
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });
});

describe('viewer', () => {
  it('serves index.html at / and at the app routes, never cached stale', async () => {
    const { app } = await build();
    for (const route of ['/', '/wall', '/desk?lang=en', '/kiosk']) {
      const res = await request(app).get(route).set('Accept', 'text/html').expect(200);
      expect(res.text).toContain('<title>viewer</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches hashed assets for a year and Cesium files with revalidation', async () => {
    const { app } = await build();
    const asset = await request(app).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const worker = await request(app).get('/cesium/Workers/createVerticesFromHeightmap.js').expect(200);
    expect(worker.headers['cache-control']).toBe('public, max-age=86400, must-revalidate');
  });

  it('sends the build\'s precompressed bundle to browsers that accept it, with a strong ETag', async () => {
    const { app } = await build();
    const res = await request(app).get('/assets/index-abc123.js').set('Accept-Encoding', 'br, gzip').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (chunk: Buffer) => chunks.push(chunk));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.etag).toMatch(/^"/);
    expect((res.body as Buffer).toString()).toBe('console.log(1)');
    const plain = await request(app).get('/assets/index-abc123.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers missing API, asset and Cesium paths with a JSON 404, not the app page', async () => {
    const { app } = await build();
    for (const route of ['/api/v1/nothing', '/assets/missing.js', '/cesium/Workers/missing.js', '/tiles/x/tileset.json']) {
      const res = await request(app).get(route).set('Accept', 'text/html').expect(404);
      expect(ApiError.parse(res.body).error.code).toBe('not_found');
    }
  });

  it('never serves a file outside the viewer folder, and never names a path', async () => {
    const { app } = await build();
    for (const route of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/assets/%00.js']) {
      const res = await request(app).get(route).set('Accept', 'application/json');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.text).not.toContain(viewerDir);
      expect(res.text).not.toContain('"name"');
    }
  });

  it('says the viewer is not built, with 503, when its folder is empty', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'pengcheng-empty-'));
    try {
      const res = await request((await build({ viewerDir: empty })).app).get('/').set('Accept', 'text/html').expect(503);
      expect(ApiError.parse(res.body).error.code).toBe('viewer_not_built');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
