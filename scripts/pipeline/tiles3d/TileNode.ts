/** A WGS84 box: degrees, and metres above the ellipsoid. */
export interface GeoRegion {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
  readonly minHeightM: number;
  readonly maxHeightM: number;
}

/** One tile of a tileset being written, before it becomes tileset.json. */
export interface TileNode {
  /** Encloses this tile's content and all of its descendants. */
  readonly region: GeoRegion;
  /** Metres of error if this tile is rendered instead of its children; 0 for full detail. */
  readonly geometricError: number;
  /**
   * Content paths relative to the tileset folder; none for a tile that only groups children.
   * Several become 3D Tiles 1.1 `contents`: e.g. one GLB per metadata class, because a CesiumJS
   * model binds a single property table.
   */
  readonly contentUris?: readonly string[];
  /** How this tile's children refine it; absent: as its parent (the root: REPLACE). */
  readonly refine?: 'ADD' | 'REPLACE';
  readonly children: readonly TileNode[];
}
