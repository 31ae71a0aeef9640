import { z } from 'zod';
import { AssetId, LocalizedName } from './common.js';

/** `smart_poles.geojson` (Point): multi-function information poles (多功能信息杆柱). */
export const SmartPoleProperties = z.object({
  id: AssetId,
  roadEdgeId: AssetId,
  heightM: z.number().positive().max(30),
  functions: z.array(z.enum(['lighting', 'camera', 'environment', 'wifi', '5g', 'display', 'ev_charging', 'emergency_call'])).min(1),
});
export type SmartPoleProperties = z.infer<typeof SmartPoleProperties>;

/** `cameras.geojson` (Point): CCTV cameras (城市之眼), heading clockwise from north. */
export const CameraProperties = z.object({
  id: AssetId,
  name: LocalizedName,
  headingDeg: z.number().min(0).max(360),
  fovDeg: z.number().positive().max(360),
  mountHeightM: z.number().positive().max(100),
  poleId: AssetId.optional(),
});
export type CameraProperties = z.infer<typeof CameraProperties>;

/** `parking_lots.geojson` (Polygon). */
export const ParkingLotProperties = z.object({
  id: AssetId,
  name: LocalizedName,
  kind: z.enum(['surface', 'underground', 'multistorey']),
  capacity: z.number().int().positive(),
});
export type ParkingLotProperties = z.infer<typeof ParkingLotProperties>;

/** `low_points.geojson` (Point): underpasses and dips where water gathers (内涝点). */
export const LowPointProperties = z.object({
  id: AssetId,
  name: LocalizedName,
  roadEdgeId: AssetId,
  groundElevationM: z.number(),
  warningDepthCm: z.number().positive(),
});
export type LowPointProperties = z.infer<typeof LowPointProperties>;
