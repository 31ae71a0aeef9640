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
  /** Content path relative to the tileset folder; absent for a tile that only groups children. */
  readonly contentUri?: string;
  readonly children: readonly TileNode[];
}
