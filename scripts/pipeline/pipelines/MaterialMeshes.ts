import type { FeatureMaterial, FeatureMeshPart } from '../tiles3d/createFeatureGlb.js';
import { MeshBuilder } from '../tiles3d/MeshBuilder.js';

/** The meshes of one tile content, one per material (a network's colour, lids, concrete). */
export class MaterialMeshes {
  private readonly byName = new Map<string, { readonly material: FeatureMaterial; readonly mesh: MeshBuilder }>();

  /** The mesh drawn with a material, started on first use. */
  meshFor(material: FeatureMaterial): MeshBuilder {
    let entry = this.byName.get(material.name);
    if (!entry) {
      entry = { material, mesh: new MeshBuilder() };
      this.byName.set(material.name, entry);
    }
    return entry.mesh;
  }

  parts(): FeatureMeshPart[] {
    return [...this.byName.values()].map(({ material, mesh }) => ({ ...mesh.build(), material }));
  }
}
