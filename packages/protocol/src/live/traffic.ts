import { z } from 'zod';
import { AssetId } from '../district/common.js';

export const VehicleType = z.enum(['car', 'taxi', 'bus', 'truck', 'emergency']);
export type VehicleType = z.infer<typeof VehicleType>;

/** One vehicle at one moment, on a link of the road network. */
export const VehicleState = z.object({
  id: z.string().regex(/^[A-Z0-9-]{1,32}$/),
  type: VehicleType,
  lon: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
  /** Degrees clockwise from north. */
  headingDeg: z.number().finite().min(0).max(360),
  speedMs: z.number().finite().min(0).max(100),
  linkId: AssetId,
});
export type VehicleState = z.infer<typeof VehicleState>;

/** 0 free flow (畅通), 1 slow (基本畅通), 2 congested (拥堵), 3 jammed (严重拥堵). */
export const CongestionLevel = z.number().int().min(0).max(3);

/** The state of one road link over the last interval. */
export const LinkState = z.object({
  linkId: AssetId,
  speedKmh: z.number().finite().min(0).max(250),
  flowVehH: z.number().finite().min(0).max(50_000),
  congestion: CongestionLevel,
  timeMs: z.number().int(),
});
export type LinkState = z.infer<typeof LinkState>;

/** Speed as a share of free-flow speed, to the level the Chinese traffic-index practice uses. */
export function congestionLevel(speedKmh: number, freeFlowKmh: number): 0 | 1 | 2 | 3 {
  const ratio = freeFlowKmh > 0 ? speedKmh / freeFlowKmh : 1;
  if (ratio >= 0.7) return 0;
  if (ratio >= 0.5) return 1;
  if (ratio >= 0.3) return 2;
  return 3;
}
