import { z } from 'zod';
import { AssetId, Year } from './common.js';

export const PIPE_NETWORKS = ['water_supply', 'storm_drainage', 'sewage', 'gas', 'power', 'telecom', 'heating'] as const;
export const PipeNetwork = z.enum(PIPE_NETWORKS);
export type PipeNetwork = z.infer<typeof PipeNetwork>;

/**
 * Colours of the Chinese convention for pipeline maps (CJJ 61 / GB/T 50028 practice): water
 * supply blue, drainage brown, gas magenta, heating orange, power red, telecom green.
 */
export const PIPE_NETWORK_COLOURS: Record<PipeNetwork, string> = {
  water_supply: '#00a0e9',
  storm_drainage: '#8b5a2b',
  sewage: '#6b4226',
  gas: '#e4007f',
  power: '#e60012',
  telecom: '#22ac38',
  heating: '#f08300',
};

/**
 * `pipe_segments.geojson` (LineString, 2D, from `fromNode` to `toNode`): one segment of an
 * underground network. `depthM` is the depth of the pipe's centre line below the ground.
 */
export const PipeSegmentProperties = z.object({
  id: AssetId,
  network: PipeNetwork,
  material: z.enum(['ductile_iron', 'steel', 'pe', 'pvc', 'concrete', 'hdpe', 'copper_cable', 'fibre_duct', 'cast_iron']),
  diameterMm: z.number().int().min(20).max(4000),
  depthM: z.number().min(0.8).max(6),
  pressureClass: z.enum(['low', 'medium', 'high']).optional(),
  installYear: Year,
  fromNode: AssetId,
  toNode: AssetId,
  lengthM: z.number().positive(),
  roadEdgeId: AssetId.optional(),
  inTunnel: z.boolean(),
});
export type PipeSegmentProperties = z.infer<typeof PipeSegmentProperties>;

/** `pipe_nodes.geojson` (Point): valves, manholes, junctions and the ends of networks. */
export const PipeNodeProperties = z.object({
  id: AssetId,
  network: PipeNetwork,
  kind: z.enum(['valve', 'manhole', 'junction', 'end']),
  depthM: z.number().min(0).max(8),
});
export type PipeNodeProperties = z.infer<typeof PipeNodeProperties>;

/** `utility_tunnel.geojson` (LineString): the smart utility tunnel (综合管廊). */
export const UtilityTunnelProperties = z.object({
  id: AssetId,
  name: z.object({ zh: z.string().min(1), en: z.string().min(1).optional() }),
  widthM: z.number().positive().max(20),
  heightM: z.number().positive().max(10),
  depthM: z.number().min(1).max(20),
  networks: z.array(PipeNetwork).min(1),
  lengthM: z.number().positive(),
});
export type UtilityTunnelProperties = z.infer<typeof UtilityTunnelProperties>;
