import { z } from 'zod';
import { AssetId, LocalizedName, Year } from './common.js';

export const BUILDING_USES = [
  'government',
  'office',
  'residential',
  'commercial',
  'school',
  'hospital',
  'cultural',
  'sports',
  'hotel',
  'industrial',
  'utility',
  'transport',
  'mixed',
] as const;
export const BuildingUse = z.enum(BUILDING_USES);
export type BuildingUse = z.infer<typeof BuildingUse>;

/** One vertical part of a building: a podium, a tower on it, a wing. */
export const BuildingPart = z.object({
  minHeightM: z.number().min(0).max(1000),
  heightM: z.number().positive().max(1000),
});
export type BuildingPart = z.infer<typeof BuildingPart>;

/**
 * Properties of a building feature in `assets/source/buildings.geojson`. The geometry is a
 * Polygon (one part) or a MultiPolygon whose n-th polygon is `parts[n]`. Heights in metres
 * above the ground.
 */
export const BuildingProperties = z
  .object({
    id: AssetId,
    name: LocalizedName.optional(),
    use: BuildingUse,
    heightM: z.number().positive().max(1000),
    floors: z.number().int().min(1).max(200),
    yearBuilt: Year,
    address: LocalizedName,
    /** One entry per polygon of a MultiPolygon; absent: one part from the ground to `heightM`. */
    parts: z.array(BuildingPart).min(1).optional(),
  })
  .refine((b) => !b.parts || b.parts.every((p) => p.heightM > p.minHeightM && p.heightM <= b.heightM + 1e-6), {
    message: 'every part must have heightM > minHeightM and reach no higher than the building',
  });
export type BuildingProperties = z.infer<typeof BuildingProperties>;
