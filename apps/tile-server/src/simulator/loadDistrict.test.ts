import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DISTRICT_DIR } from '../../test-support/simulatorFixtures.js';
import { DistrictLoadError, loadDistrict } from './loadDistrict.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A district folder linking the committed files, with `replace` written in place of some. */
async function districtWith(replace: Record<string, string>): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-district-'));
  for (const name of await readdir(DISTRICT_DIR)) {
    if (name in replace) await writeFile(path.join(dir, name), replace[name] ?? '');
    else await symlink(path.join(DISTRICT_DIR, name), path.join(dir, name));
  }
  return dir;
}

describe('loading the district', () => {
  it('reads the committed district: roads, buildings, car parks, low points, pipes, and where each asset is', async () => {
    const district = await loadDistrict(DISTRICT_DIR);
    expect(district.roadEdges.length).toBeGreaterThan(500);
    expect(district.roadNodes.length).toBeGreaterThan(400);
    expect(district.lowPoints).toHaveLength(8);
    expect(district.parkingLots.get('PRK-0001')?.capacity).toBeGreaterThan(0);
    for (const id of ['BLD-000001', 'RDE-000001', 'PN-GS-000001', 'PIPE-WS-000001', 'LWP-001', 'BRG-001', 'POLE-00001', 'PRK-0001']) expect(district.assetPositions.has(id), id).toBe(true);
  });

  it('names the file and the problem when a file is missing, not JSON, or breaks its schema', async () => {
    const failure = async (replace: Record<string, string>) => {
      const error = await loadDistrict(await districtWith(replace)).catch((e: unknown) => e);
      await rm(dir as string, { recursive: true, force: true });
      expect(error).toBeInstanceOf(DistrictLoadError);
      return (error as Error).message;
    };
    expect(await failure({ 'low_points.geojson': '{"type":' })).toMatch(/low_points\.geojson is not valid JSON/);
    const badEdge = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[117.27, 34.2], [117.28, 34.2]] }, properties: { id: 'RDE-000001', lanes: 0 } }] };
    expect(await failure({ 'road_edges.geojson': JSON.stringify(badEdge) })).toMatch(/road_edges\.geojson: features\.0\.properties\./);
    const missing = await loadDistrict(path.join(tmpdir(), 'pc-no-such-district')).catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/^district file .*pc-no-such-district.*\.geojson does not exist$/);
  });
});
