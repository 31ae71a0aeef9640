import { validateBytes, type ValidationMessage } from 'gltf-validator';

export interface GlbValidation {
  readonly errors: readonly ValidationMessage[];
  readonly warnings: readonly ValidationMessage[];
  /** Information and hints, e.g. extensions the validator cannot check (EXT_mesh_features...). */
  readonly notes: readonly ValidationMessage[];
}

/** Runs the Khronos glTF Validator on a self-contained GLB (our tiles reference no external files). */
export async function validateGlb(glb: Uint8Array, uri = 'tile.glb'): Promise<GlbValidation> {
  const report = await validateBytes(glb, {
    uri,
    format: 'glb',
    maxIssues: 0,
    writeTimestamp: false,
    externalResourceFunction: (external) => Promise.reject(new Error(`${uri} references an external resource "${external}"`)),
  });
  const messages = report.issues.messages;
  return {
    errors: messages.filter((m) => m.severity === 0),
    warnings: messages.filter((m) => m.severity === 1),
    notes: messages.filter((m) => m.severity >= 2),
  };
}
