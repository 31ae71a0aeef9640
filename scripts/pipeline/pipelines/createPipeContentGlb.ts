import type { EnuFrame } from '../tiles3d/createEnuFrame.js';
import { createFeatureGlb } from '../tiles3d/createFeatureGlb.js';
import { encodePropertyTable } from '../tiles3d/encodePropertyTable.js';
import { MaterialMeshes } from './MaterialMeshes.js';
import type { PipeFeature } from './PipeFeature.js';
import { type PipeMetadataClass, pipeMetadata } from './pipeMetadata.js';

/** One content GLB: features of one metadata class, each a row of its property table in list order. */
export async function createPipeContentGlb(frame: EnuFrame, className: PipeMetadataClass, features: readonly PipeFeature[]): Promise<Uint8Array> {
  const meshes = new MaterialMeshes();
  features.forEach((feature, featureId) => {
    if (feature.className !== className) throw new Error(`a ${feature.className} feature in a ${className} content`);
    feature.addTo(frame, meshes, featureId);
  });
  return createFeatureGlb({
    frame,
    parts: meshes.parts(),
    schema: pipeMetadata.schema,
    table: encodePropertyTable(pipeMetadata.schema, className, features.map((f) => f.row)),
  });
}
