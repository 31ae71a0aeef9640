const GLB_MAGIC = 0x46546c67; // "glTF"
const JSON_CHUNK = 0x4e4f534a; // "JSON"

/**
 * The JSON chunk of a binary glTF (GLB 2.0), parsed; undefined for anything else. A `.gltf`
 * (plain JSON) is parsed as it is.
 */
export function readGltfJson(bytes: ArrayBuffer): unknown {
  const view = new DataView(bytes);
  if (bytes.byteLength >= 20 && view.getUint32(0, true) === GLB_MAGIC) {
    if (view.getUint32(4, true) !== 2) return undefined;
    const length = view.getUint32(12, true);
    if (view.getUint32(16, true) !== JSON_CHUNK || 20 + length > bytes.byteLength) return undefined;
    return parse(new Uint8Array(bytes, 20, length));
  }
  return parse(new Uint8Array(bytes));
}

function parse(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
