import { RoadEdgeProperties } from '@pengcheng/protocol';
import { z } from 'zod';

/** One road link to draw: the edge's id, its line (lon, lat degrees) and what styles it. */
export interface RoadLine {
  readonly id: string;
  readonly coordinates: readonly [number, number][];
  readonly lanes: number;
  readonly oneway: boolean;
}

const Position = z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)]).rest(z.number().finite());

// Only what the viewer draws is required, so a property added to the edges later does not
// break the live view.
const RoadEdges = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: RoadEdgeProperties.pick({ id: true, lanes: true, oneway: true }),
      geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) }),
    }),
  ),
});

/**
 * The district's road links (`road_edges.geojson` of the district-overlays tileset; its URL is
 * the catalog entry's, with `road_edges.geojson` for `layers.json`), checked against the protocol.
 */
export async function fetchRoadNetwork(url: string, signal?: AbortSignal): Promise<RoadLine[]> {
  const response = await fetch(url, { signal: signal ?? null, headers: { Accept: 'application/geo+json, application/json' } });
  if (!response.ok) throw new Error(`road network: HTTP ${response.status} from ${url}`);
  const parsed = RoadEdges.safeParse(await response.json());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`road network: not a collection of road edges (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
  }
  return parsed.data.features.map(({ properties, geometry }) => ({
    id: properties.id,
    coordinates: geometry.coordinates.map(([lon, lat]) => [lon, lat] as [number, number]),
    lanes: properties.lanes,
    oneway: properties.oneway,
  }));
}
