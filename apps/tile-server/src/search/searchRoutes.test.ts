import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, SEARCH_MAX_LIMIT, SearchResponse } from '@pengcheng/protocol';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { Lifecycle } from '../health/lifecycle.js';
import { createLogger } from '../logging/logger.js';
import { createHttpMetrics } from '../metrics/httpMetrics.js';
import { TilesetCatalog } from '../tiles/tilesetCatalog.js';
import { StaticSite } from '../viewer/staticSite.js';
import { readDistrictDocuments } from './districtDocuments.js';
import { createSearchIndex } from './searchIndex.js';

/** The district as committed in assets/source: the same files the server indexes at boot. */
const DISTRICT_DIR = fileURLToPath(new URL('../../../../assets/source', import.meta.url));

let app: ReturnType<typeof createApp>['listener'];

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: tmpdir(), VIEWER_DIR: path.join(tmpdir(), 'pengcheng-no-viewer') });
  const logger = createLogger('silent');
  const site = new StaticSite(config.viewerDir, logger);
  const search = createSearchIndex((await readDistrictDocuments(DISTRICT_DIR)).documents);
  const catalog = new TilesetCatalog(path.join(tmpdir(), 'pengcheng-no-tilesets'), logger);
  app = createApp({ config, logger, lifecycle: new Lifecycle(), metrics: createHttpMetrics(), catalog, site, version: '1.0.0', search }).listener;
});

async function search(q: string, limit?: number): Promise<SearchResponse> {
  const res = await request(app)
    .get('/api/v1/search')
    .query(limit === undefined ? { q } : { q, limit: String(limit) })
    .expect(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return SearchResponse.parse(res.body);
}

const ids = (body: SearchResponse): string[] => body.results.map((r) => r.id);

describe('GET /api/v1/search', () => {
  it('finds the administrative centre by a fragment of its Chinese name, main building first', async () => {
    const body = await search('行政中心');
    expect(ids(body).slice(0, 3)).toEqual(['BLD-000001', 'BLD-000002', 'BLD-000003']);
    expect(body.results.every((r) => r.name.zh.includes('行政中心'))).toBe(true);
    const main = body.results[0];
    expect(main).toMatchObject({
      kind: 'building',
      name: { zh: '徐州市行政中心主楼', en: 'Xuzhou Administrative Centre Main Building' },
      address: { zh: '昆仑大道1号' },
      layerId: 'district-buildings',
      properties: { id: 'BLD-000001', use: 'government', name: '徐州市行政中心主楼', heightM: 99.9 },
    });
    // On the centre point of the district, looked at from half its height.
    expect(main?.position.lon).toBeCloseTo(117.2784, 3);
    expect(main?.position.lat).toBeCloseTo(34.205, 3);
    expect(main?.position.height).toBeCloseTo(99.9 / 2, 1);
    expect(main?.radiusM).toBeGreaterThan(99.9 / 2);
  });

  it('finds 主楼 (main building) with two characters, and the whole name best', async () => {
    expect(ids(await search('主楼'))[0]).toBe('BLD-000001');
    expect(ids(await search('徐州市行政中心主楼'))).toEqual(['BLD-000001']);
  });

  it('finds by address, and 1号 does not match 11号', async () => {
    const body = await search('昆仑大道1号');
    expect(body.total).toBeGreaterThan(0);
    expect(ids(body)[0]).toBe('BLD-000001');
    expect(body.results.every((r) => r.address?.zh.startsWith('昆仑大道1号') === true)).toBe(true);
  });

  it('finds English words, forgives a typo and completes a word being typed', async () => {
    expect(ids(await search('Administrative Centre Main Building'))[0]).toBe('BLD-000001');
    expect(ids(await search('adminstrative main'))[0]).toBe('BLD-000001');
    expect(ids(await search('Main Buil'))[0]).toBe('BLD-000001');
    const lake = await search('Dalong Lake');
    expect(lake.results[0]).toMatchObject({ id: 'WTR-001', kind: 'water', name: { zh: '大龙湖' } });
    expect((await search('the library')).results[0]?.name.en).toMatch(/Library/);
  });

  it('finds a road as one thing, before the buildings on it', async () => {
    const body = await search('昆仑大道');
    expect(body.results[0]).toMatchObject({ kind: 'road', name: { zh: '昆仑大道', en: 'Kunlun Avenue' } });
    expect(body.results.filter((r) => r.kind === 'road')).toHaveLength(1);
    expect(body.results[0]?.radiusM).toBeGreaterThan(500);
  });

  it('finds things by id, exactly, in any case, with the pipes in the pipelines layer', async () => {
    expect(ids(await search('BLD-000001'))).toEqual(['BLD-000001']);
    expect(ids(await search('bld-000001'))).toEqual(['BLD-000001']);
    const pipe = (await search('PIPE-GS-000001')).results;
    expect(pipe).toHaveLength(1);
    expect(pipe[0]).toMatchObject({ kind: 'pipe_segment', layerId: 'district-pipelines', properties: { network: 'gas', diameterMm: 400, fromNode: 'PN-GS-000001' } });
    // Underground: below the ground (the ellipsoid) by the pipe's depth.
    expect(pipe[0]?.position.height).toBeCloseTo(-1.3, 5);
    expect(ids(await search('GS-000001')).sort()).toEqual(['PIPE-GS-000001', 'PN-GS-000001']);
    expect(ids(await search('CAM-00001'))).toEqual(['CAM-00001']);
    // The start of an id lists the ids that begin with it.
    expect(ids(await search('BLD-00000', 20))).toEqual(expect.arrayContaining(['BLD-000001', 'BLD-000009']));
  });

  it('finds valves, car parks and cameras by what they are', async () => {
    const valves = await search('燃气阀门');
    expect(valves.total).toBeGreaterThan(50);
    expect(valves.results.every((r) => r.kind === 'pipe_node' && r.properties.kind === 'valve' && r.properties.network === 'gas')).toBe(true);
    const parks = await search('市民广场');
    expect(parks.results[0]).toMatchObject({ id: 'SQR-001', kind: 'square' });
    expect(ids(parks)).toContain('PRK-0001');
  });

  it('keeps to the limit and says how many matched', async () => {
    const body = await search('楼', 3);
    expect(body.results).toHaveLength(3);
    expect(body.total).toBeGreaterThan(100);
    expect((await search('楼', SEARCH_MAX_LIMIT)).results).toHaveLength(SEARCH_MAX_LIMIT);
    expect((await search('楼')).results).toHaveLength(10);
    expect(await search('xyzzy 无此地')).toMatchObject({ total: 0, results: [] });
  });

  it.each([
    [{}, /q/],
    [{ q: '' }, /q must not be empty/],
    [{ q: '   ' }, /q must not be empty/],
    [{ q: 'x'.repeat(101) }, /1 to 100 characters/],
    [{ q: '楼', limit: '0' }, /limit must be a whole number from 1 to 50/],
    [{ q: '楼', limit: '51' }, /limit must be a whole number from 1 to 50/],
    [{ q: '楼', limit: 'ten' }, /limit must be a whole number/],
    [{ q: '楼', limit: '2.5' }, /limit must be a whole number/],
    [{ q: '楼', sort: 'name' }, /only q and limit are understood/],
  ])('answers 400 with the reason for %j', async (query, reason) => {
    const res = await request(app).get('/api/v1/search').query(query).expect(400);
    const body = ApiError.parse(res.body);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(reason);
  });

  it('answers 400 to a repeated q and 405 to a POST', async () => {
    const twice = await request(app).get('/api/v1/search?q=a&q=b').expect(400);
    expect(ApiError.parse(twice.body).error.message).toMatch(/q must be given once/);
    await request(app).post('/api/v1/search?q=a').expect(405).expect('Allow', 'GET, HEAD');
  });

  it('is counted under its route, never under the query', async () => {
    await search('行政中心');
    const metrics = await request(app).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/search",status="200"\}/);
    expect(metrics.text).not.toContain('行政中心');
  });
});
