import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchRoadNetwork } from './roadNetworkClient.js';

const districtEdges = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../../assets/source/road_edges.geojson', import.meta.url)), 'utf8'),
) as { features: { properties: { id: string } }[] };

const serve = (body: unknown, status = 200) =>
  vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fetchRoadNetwork', () => {
  it('reads every link of the district, by the id the traffic states name', async () => {
    const fetchSpy = serve(districtEdges);
    const lines = await fetchRoadNetwork('/tiles/district-overlays/road_edges.geojson?v=1');
    expect(fetchSpy).toHaveBeenCalledWith('/tiles/district-overlays/road_edges.geojson?v=1', expect.anything());
    expect(lines).toHaveLength(districtEdges.features.length);
    expect(lines.map((line) => line.id)).toEqual(districtEdges.features.map((feature) => feature.properties.id));
    const first = lines[0];
    expect(first?.coordinates.length).toBeGreaterThanOrEqual(2);
    expect(first?.lanes).toBeGreaterThan(0);
    expect(typeof first?.oneway).toBe('boolean');
  });

  it('keeps longitude and latitude only', async () => {
    serve({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'RDE-000001', lanes: 2, oneway: true, class: 'service' },
          geometry: { type: 'LineString', coordinates: [[117.25, 34.18, 12], [117.26, 34.19, 12]] },
        },
      ],
    });
    expect(await fetchRoadNetwork('/edges')).toEqual([{ id: 'RDE-000001', coordinates: [[117.25, 34.18], [117.26, 34.19]], lanes: 2, oneway: true }]);
  });

  it('says what is wrong with a payload that is not road edges', async () => {
    serve({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'bad id', lanes: 2, oneway: false }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }] });
    await expect(fetchRoadNetwork('/edges')).rejects.toThrow(/road network: .*features\.0\.properties\.id/);
    serve({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'RDE-000001', lanes: 2, oneway: false }, geometry: { type: 'Point', coordinates: [0, 0] } }] });
    await expect(fetchRoadNetwork('/edges')).rejects.toThrow(/road network: .*geometry/);
  });

  it('fails on an HTTP error, naming the status', async () => {
    serve({ error: 'not found' }, 404);
    await expect(fetchRoadNetwork('/edges')).rejects.toThrow('road network: HTTP 404');
  });
});
