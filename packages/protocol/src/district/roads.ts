import { z } from 'zod';
import { AssetId, LocalizedName } from './common.js';

export const ROAD_CLASSES = ['trunk', 'primary', 'secondary', 'tertiary', 'residential', 'service'] as const;
export const RoadClass = z.enum(ROAD_CLASSES);
export type RoadClass = z.infer<typeof RoadClass>;

/**
 * `road_nodes.geojson` (Point): where edges meet or end. `bridge_end`: where a road goes onto or
 * off a bridge, so that the bridge is an edge (or edges) of its own.
 */
export const RoadNodeProperties = z.object({
  id: AssetId,
  kind: z.enum(['junction', 'end', 'bend', 'bridge_end']),
  signalized: z.boolean(),
});
export type RoadNodeProperties = z.infer<typeof RoadNodeProperties>;

/**
 * `road_edges.geojson` (LineString, drawn from `fromNode` to `toNode`): one directed or two-way
 * link of the routable network. A one-way edge may only be driven from `fromNode` to `toNode`.
 */
export const RoadEdgeProperties = z.object({
  id: AssetId,
  name: LocalizedName,
  class: RoadClass,
  lanes: z.number().int().min(1).max(12),
  widthM: z.number().positive().max(100),
  speedLimitKmh: z.number().int().min(5).max(120),
  oneway: z.boolean(),
  fromNode: AssetId,
  toNode: AssetId,
  lengthM: z.number().positive(),
  bridgeId: AssetId.optional(),
});
export type RoadEdgeProperties = z.infer<typeof RoadEdgeProperties>;

/** `road_surfaces.geojson` (Polygon/MultiPolygon): the paved area of one edge. */
export const RoadSurfaceProperties = z.object({
  id: AssetId,
  edgeId: AssetId,
  class: RoadClass,
});
export type RoadSurfaceProperties = z.infer<typeof RoadSurfaceProperties>;

/** `bridges.geojson` (LineString along the deck). */
export const BridgeProperties = z.object({
  id: AssetId,
  name: LocalizedName,
  edgeIds: z.array(AssetId).min(1),
  lengthM: z.number().positive(),
  deckHeightM: z.number().min(0).max(100),
  yearBuilt: z.number().int().min(1900).max(2100),
});
export type BridgeProperties = z.infer<typeof BridgeProperties>;
