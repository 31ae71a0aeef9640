import { z } from 'zod';
import { LocalizedName } from '../district/common.js';

/** What a tileset holds; `3d-tiles` is any tileset another tool wrote, served as it is. */
export const TilesetKind = z.enum(['buildings', 'pipelines', 'imagery', 'vector', '3d-tiles']);
export type TilesetKind = z.infer<typeof TilesetKind>;

/** West, south, east, north in WGS84 degrees; heights in metres above the ellipsoid. */
export const CatalogBounds = z.object({
  west: z.number().min(-180).max(180),
  south: z.number().min(-90).max(90),
  east: z.number().min(-180).max(180),
  north: z.number().min(-90).max(90),
  minHeightM: z.number().optional(),
  maxHeightM: z.number().optional(),
});
export type CatalogBounds = z.infer<typeof CatalogBounds>;

/**
 * One entry of the catalog (`GET /api/v1/tilesets`), as written by the asset pipeline in each
 * tileset's `manifest.json`. `url` is filled in by the server.
 */
export const CatalogEntry = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  kind: TilesetKind,
  name: LocalizedName,
  attribution: LocalizedName,
  /** Absent for tilesets in local coordinates (a BIM model without a geographic transform). */
  bounds: CatalogBounds.optional(),
  /** Content hash of the build: changes whenever any file of the tileset changes. */
  version: z.string().min(1),
  /** What to open: `tileset.json` for 3D Tiles, `{z}/{x}/{y}.webp` for imagery, a file for vector. */
  entry: z.string().min(1),
  imagery: z
    .object({ minZoom: z.number().int().min(0), maxZoom: z.number().int().max(24), format: z.enum(['png', 'webp', 'jpg']) })
    .optional(),
  url: z.string().optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const CatalogResponse = z.object({ tilesets: z.array(CatalogEntry) });
export type CatalogResponse = z.infer<typeof CatalogResponse>;
