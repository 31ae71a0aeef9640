import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const Position = z.tuple([z.number(), z.number()]).rest(z.number());
const RoadEdges = z.object({
  features: z.array(z.object({ properties: z.object({ id: z.string() }), geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) }) })),
});

/**
 * Where each road link lies for the hub's boxes: the middle vertex of its line in the district's
 * `road_edges.geojson` (the simulator's links are these edges). Only the ids and lines are read.
 */
export async function loadLinkPositions(districtDir: string): Promise<ReadonlyMap<string, readonly [number, number]>> {
  const file = path.join(districtDir, 'road_edges.geojson');
  const parsed = RoadEdges.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a GeoJSON collection of road lines: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const positions = new Map<string, readonly [number, number]>();
  for (const { properties, geometry } of parsed.data.features) {
    const [lon = 0, lat = 0] = geometry.coordinates[Math.floor((geometry.coordinates.length - 1) / 2)] ?? [];
    positions.set(properties.id, [lon, lat]);
  }
  return positions;
}
