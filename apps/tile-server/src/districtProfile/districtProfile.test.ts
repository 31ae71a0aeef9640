import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { ApiError, DistrictProfile } from '@pengcheng/protocol';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errorHandlers.js';
import { createLogger } from '../logging/logger.js';
import { floorAreaM2, ringAreaM2 } from './districtProfile.js';
import { districtProfileRoutes } from './districtProfileRoutes.js';

const DISTRICT_DIR = path.resolve('assets/source');
const logger = createLogger('silent');

function appFor(districtDir: string, sensorsFile = path.join(districtDir, 'sensors.json')) {
  const app = express();
  app.set('etag', 'strong');
  app.use(districtProfileRoutes({ districtDir, sensorsFile, logger }));
  app.use(errorHandler(logger));
  return app;
}

/** A square `sideM` metres on a side at the district's latitude, as a closed lon/lat ring. */
function square(sideM: number): [number, number][] {
  const dLat = sideM / 111_195;
  const dLon = dLat / Math.cos((34.2 * Math.PI) / 180);
  return [[117.27, 34.2], [117.27 + dLon, 34.2], [117.27 + dLon, 34.2 + dLat], [117.27, 34.2 + dLat], [117.27, 34.2]];
}

describe('district profile figures', () => {
  it('measures a ring in square metres, whichever way it turns', () => {
    expect(ringAreaM2(square(100))).toBeCloseTo(10_000, -1);
    expect(ringAreaM2(square(100).reverse())).toBeCloseTo(10_000, -1);
  });

  it('counts a tower on its podium by the storeys of each part', () => {
    const building = {
      geometry: { type: 'MultiPolygon' as const, coordinates: [[square(40)], [square(20)]] },
      properties: { id: 'BLD-000009', use: 'office' as const, heightM: 100, floors: 25, yearBuilt: 2020, address: { zh: '测试路1号' }, parts: [{ minHeightM: 0, heightM: 20 }, { minHeightM: 0, heightM: 100 }] },
    };
    // Podium: 1,600 m² × 5 storeys; tower: 400 m² × 25 storeys.
    expect(floorAreaM2(building)).toBeCloseTo(1_600 * 5 + 400 * 25, -1);
  });
});

describe('GET /api/v1/district/profile', () => {
  let missingDir: string;
  beforeAll(async () => {
    missingDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-no-district-'));
  });
  afterAll(async () => {
    await rm(missingDir, { recursive: true, force: true });
  });

  it('counts the district source as it is: every building, segment and sensor once', async () => {
    const res = await request(appFor(DISTRICT_DIR)).get('/api/v1/district/profile').expect(200);
    const profile = DistrictProfile.parse(res.body);
    // The figures of assets/source/README.md.
    expect(profile.buildings.count).toBe(3081);
    expect(profile.sensors.count).toBe(528);
    expect(profile.facilities).toMatchObject({ cameras: 258, smartPoles: 950, parkingLots: 192, lowPoints: 8 });
    expect(profile.roads.bridges).toBe(11);
    expect(profile.pipelines.utilityTunnelKm).toBeCloseTo(2.0, 0);
    const uses = Object.values(profile.buildings.byUse);
    expect(uses.reduce((sum, u) => sum + u.count, 0)).toBe(3081);
    const networks = Object.values(profile.pipelines.byNetwork);
    expect(networks).toHaveLength(7);
    expect(networks.reduce((sum, n) => sum + n.segments, 0)).toBe(8835);
    expect(networks.reduce((sum, n) => sum + n.lengthKm, 0)).toBeCloseTo(profile.pipelines.lengthKm, 0);
    expect(Object.values(profile.sensors.byKind).reduce((sum, n) => sum + n, 0)).toBe(528);
    expect(profile.areaKm2).toBeCloseTo(16, 0);
    expect(profile.buildings.floorAreaM2).toBeGreaterThan(profile.buildings.count * 100);
  });

  it('names the landmarks with their places: the administrative centre, the lake, the squares', async () => {
    const { places } = DistrictProfile.parse((await request(appFor(DISTRICT_DIR)).get('/api/v1/district/profile')).body);
    const main = places.find((p) => p.id === 'BLD-000001');
    expect(main).toMatchObject({ kind: 'building', category: 'government', name: { zh: '徐州市行政中心主楼' } });
    expect(main?.longitude).toBeCloseTo(117.2784, 2);
    expect(places.find((p) => p.name.zh === '大龙湖')).toMatchObject({ kind: 'water', category: 'lake' });
    expect(places.filter((p) => p.kind === 'square')).toHaveLength(6);
    // No more than two landmarks of one use, and no homes or plant rooms.
    const perUse = new Map<string, number>();
    for (const p of places.filter((p) => p.kind === 'building')) perUse.set(p.category, (perUse.get(p.category) ?? 0) + 1);
    expect(Math.max(...perUse.values())).toBeLessThanOrEqual(2);
    expect([...perUse.keys()]).not.toContain('residential');
    expect(new Set(places.map((p) => p.id)).size).toBe(places.length);
  });

  it('revalidates by ETag: an unchanged profile is a 304 with no body', async () => {
    const app = appFor(DISTRICT_DIR);
    const first = await request(app).get('/api/v1/district/profile').expect(200);
    expect(first.headers['cache-control']).toContain('must-revalidate');
    const etag = first.headers.etag ?? '';
    expect(etag).toBe(`"${String(first.body.version)}"`);
    const again = await request(app).get('/api/v1/district/profile').set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
  });

  it('answers 503 with a reason when the source is missing, and 405 to other methods', async () => {
    const res = await request(appFor(missingDir)).get('/api/v1/district/profile').expect(503);
    expect(ApiError.parse(res.body).error.code).toBe('district_profile_unavailable');
    await request(appFor(missingDir)).post('/api/v1/district/profile').expect(405);
  });
});
