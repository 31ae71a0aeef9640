import type { EnuFrame } from '../tiles3d/createEnuFrame.js';
import type { MetadataRow } from '../tiles3d/MetadataSchema.js';
import type { GeoRegion } from '../tiles3d/TileNode.js';
import type { MaterialMeshes } from './MaterialMeshes.js';
import type { PipeMetadataClass } from './pipeMetadata.js';

/** A segment, node or tunnel ready for tiling: where it is, how much it matters, how to draw it. */
export interface PipeFeature {
  readonly className: PipeMetadataClass;
  /** Where the quadtree places it: the centre of its bounding box (degrees). */
  readonly lon: number;
  readonly lat: number;
  /** What its mesh occupies, unpadded. */
  readonly region: GeoRegion;
  /**
   * Level of detail: a coarse tile shows the features ranked above its threshold. A pipe ranks by
   * its drawn diameter; a node by its pipes', so coarse tiles drop a node with its pipes.
   */
  readonly rank: number;
  /** Its width in metres: the geometric error of leaving it out of a tile. */
  readonly thicknessM: number;
  readonly row: MetadataRow;
  /** Adds its triangles, in a tile's frame, as the feature with this row of the tile's table. */
  addTo(frame: EnuFrame, meshes: MaterialMeshes, featureId: number): void;
}
