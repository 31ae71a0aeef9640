import { z } from 'zod';
import { AssetId, LocalizedName } from './common.js';

/** `water.geojson` (Polygon/MultiPolygon). */
export const WaterProperties = z.object({
  id: AssetId,
  kind: z.enum(['lake', 'canal', 'river', 'pond']),
  name: LocalizedName,
});
export type WaterProperties = z.infer<typeof WaterProperties>;

/** `green.geojson` (Polygon/MultiPolygon). */
export const GreenProperties = z.object({
  id: AssetId,
  kind: z.enum(['park', 'green_belt', 'garden', 'sports_field']),
  name: LocalizedName.optional(),
});
export type GreenProperties = z.infer<typeof GreenProperties>;

/** `squares.geojson` (Polygon): paved public squares, the citizen square among them. */
export const SquareProperties = z.object({
  id: AssetId,
  name: LocalizedName,
});
export type SquareProperties = z.infer<typeof SquareProperties>;
