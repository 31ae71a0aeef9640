const GLB_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const JSON_CHUNK = 0x4e4f534a;
const BIN_CHUNK = 0x004e4942;

const ceil8 = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * Re-pads the chunks of a GLB to 8-byte lengths (JSON with spaces, BIN with zeros), as
 * EXT_structural_metadata requires; glTF itself only asks for 4. The GLB buffer's `byteLength`
 * grows with the BIN padding so validators do not see unexplained trailing bytes.
 */
export function alignGlbChunks(glb: Uint8Array, editJson: (json: object) => void = () => undefined): Uint8Array {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  let json: { buffers?: { uri?: string; byteLength: number }[] } | undefined;
  let bin: Uint8Array | undefined;
  for (let offset = GLB_HEADER_BYTES; offset < glb.byteLength; ) {
    const length = view.getUint32(offset, true);
    const type = view.getUint32(offset + 4, true);
    const data = glb.subarray(offset + CHUNK_HEADER_BYTES, offset + CHUNK_HEADER_BYTES + length);
    if (type === JSON_CHUNK) json = JSON.parse(new TextDecoder().decode(data)) as typeof json;
    else if (type === BIN_CHUNK) bin = data;
    offset += CHUNK_HEADER_BYTES + length;
  }
  if (!json) throw new Error('not a GLB: no JSON chunk');
  editJson(json);

  const binLength = bin ? ceil8(bin.byteLength) : 0;
  const glbBuffer = json.buffers?.[0];
  if (bin && glbBuffer && glbBuffer.uri === undefined) glbBuffer.byteLength = binLength;
  const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonLength = ceil8(jsonBytes.byteLength);

  const total = GLB_HEADER_BYTES + CHUNK_HEADER_BYTES + jsonLength + (bin ? CHUNK_HEADER_BYTES + binLength : 0);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  out.set(glb.subarray(0, 8));
  outView.setUint32(8, total, true);
  outView.setUint32(12, jsonLength, true);
  outView.setUint32(16, JSON_CHUNK, true);
  out.set(jsonBytes, 20);
  out.fill(0x20, 20 + jsonBytes.byteLength, 20 + jsonLength);
  if (bin) {
    const binStart = 20 + jsonLength;
    outView.setUint32(binStart, binLength, true);
    outView.setUint32(binStart + 4, BIN_CHUNK, true);
    out.set(bin, binStart + CHUNK_HEADER_BYTES);
  }
  return out;
}
