import { z } from 'zod';
import { BUILDING_USES } from '../district/buildings.js';
import { AssetId, LocalizedName } from '../district/common.js';
import { PIPE_NETWORKS } from '../district/pipelines.js';
import { SENSOR_KINDS } from '../live/sensors.js';

const Count = z.number().int().min(0);
const Amount = z.number().min(0);

/** A named place of the district the screens show and the kiosk's tour visits. */
export const DistrictPlace = z.object({
  id: AssetId,
  kind: z.enum(['building', 'square', 'water', 'bridge']),
  /** For buildings: its use (`government`, `cultural`…); for the others: their own kind. */
  category: z.string().min(1),
  name: LocalizedName,
  longitude: z.number().min(-180).max(180),
  latitude: z.number().min(-90).max(90),
  /** Height above the ground: a building's roof, 0 for the ground-level places. */
  heightM: Amount,
  /** Half the place's largest extent on the ground, to frame it from a sensible distance. */
  radiusM: Amount,
});
export type DistrictPlace = z.infer<typeof DistrictPlace>;

/**
 * `GET /api/v1/district/profile`: the district in figures, counted from the source data the
 * tiles were built from and the sensor registry. Public: no asset here carries personal data.
 */
export const DistrictProfile = z.object({
  /** Hash of the figures: changes whenever any of them changes. */
  version: z.string().min(1),
  areaKm2: Amount,
  buildings: z.object({
    count: Count,
    /** Footprint × floors, summed: the gross floor area. */
    floorAreaM2: Amount,
    tallestM: Amount,
    byUse: z.partialRecord(z.enum(BUILDING_USES), z.object({ count: Count, floorAreaM2: Amount })),
  }),
  pipelines: z.object({
    lengthKm: Amount,
    byNetwork: z.partialRecord(z.enum(PIPE_NETWORKS), z.object({ lengthKm: Amount, segments: Count })),
    valves: Count,
    manholes: Count,
    utilityTunnelKm: Amount,
  }),
  roads: z.object({ lengthKm: Amount, signalizedJunctions: Count, bridges: Count }),
  sensors: z.object({ count: Count, publicCount: Count, byKind: z.partialRecord(z.enum(SENSOR_KINDS), Count) }),
  facilities: z.object({
    cameras: Count,
    smartPoles: Count,
    parkingLots: Count,
    parkingSpaces: Count,
    lowPoints: Count,
  }),
  places: z.array(DistrictPlace),
});
export type DistrictProfile = z.infer<typeof DistrictProfile>;
