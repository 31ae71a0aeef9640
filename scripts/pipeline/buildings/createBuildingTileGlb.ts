import type { EnuFrame } from '../tiles3d/createEnuFrame.js';
import { createFeatureGlb, type FeatureMaterial } from '../tiles3d/createFeatureGlb.js';
import { encodePropertyTable } from '../tiles3d/encodePropertyTable.js';
import type { BuildingPartShape, BuildingRecord } from './BuildingRecord.js';
import { buildBuildingMesh } from './buildBuildingMesh.js';
import { buildingMetadata } from './buildingMetadata.js';

/** A light neutral city: roofs a little lighter than walls so shapes read even without texture. */
const WALLS: FeatureMaterial = { name: 'walls', baseColor: [0.62, 0.64, 0.67], roughness: 0.9 };
const ROOFS: FeatureMaterial = { name: 'roofs', baseColor: [0.8, 0.81, 0.83], roughness: 0.9 };

/** A building as one tile shows it: its record (for metadata) and the parts drawn at that level. */
export interface TileBuilding {
  readonly record: BuildingRecord;
  readonly parts: readonly BuildingPartShape[];
}

/** The GLB content of one tile: one feature (property-table row) per building, in list order. */
export async function createBuildingTileGlb(frame: EnuFrame, buildings: readonly TileBuilding[]): Promise<Uint8Array> {
  const mesh = buildBuildingMesh(
    frame,
    buildings.map((b, featureId) => ({ featureId, parts: b.parts })),
  );
  return createFeatureGlb({
    frame,
    parts: [
      { ...mesh.walls, material: WALLS },
      { ...mesh.roofs, material: ROOFS },
    ],
    schema: buildingMetadata.schema,
    table: encodePropertyTable(
      buildingMetadata.schema,
      buildingMetadata.className,
      buildings.map((b) => buildingMetadata.row(b.record)),
    ),
  });
}
