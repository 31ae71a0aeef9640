import { z } from 'zod';
import { CatalogEntry } from './catalog.js';

/** Figures of one build of a tileset, for the build summary and docs/benchmarks.md. */
export const TilesetBuildStats = z.object({
  /** Hash of the stage's inputs and pipeline code: equal hash, nothing to rebuild. */
  inputHash: z.string().min(1),
  features: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** Content files (glb, image tiles, ...). */
  tiles: z.number().int().nonnegative(),
  /** Every file of the tileset, precompressed variants excluded. */
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  largestFile: z.object({ path: z.string(), bytes: z.number().int().nonnegative() }),
  durationMs: z.number().nonnegative(),
});
export type TilesetBuildStats = z.infer<typeof TilesetBuildStats>;

/**
 * `manifest.json` in each built tileset folder: written by the asset pipeline, read by the tile
 * server to publish its catalog.
 */
export const TilesetManifest = CatalogEntry.omit({ url: true }).extend({
  build: TilesetBuildStats,
});
export type TilesetManifest = z.infer<typeof TilesetManifest>;
