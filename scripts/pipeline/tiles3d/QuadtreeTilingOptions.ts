/** The limits every quadtree-tiled stage (buildings, pipelines) splits and thins its tiles by. */
export interface QuadtreeTilingOptions {
  /** A tile showing more features than this in full detail is split. */
  readonly maxFeaturesPerTile: number;
  /** Content above this size is split (full detail) or thinned further (coarser levels). */
  readonly targetTileBytes: number;
  /** Hard limit on any content file. */
  readonly maxTileBytes: number;
  /** Quadtree levels below the root at most. */
  readonly maxDepth: number;
}

/** Content sizes the 3D Tiles guidance asks for: about 1 MB, never over 2 MB. */
export const CONTENT_SIZE_LIMITS = {
  targetTileBytes: 1024 * 1024,
  maxTileBytes: 2 * 1024 * 1024,
} as const satisfies Partial<QuadtreeTilingOptions>;
