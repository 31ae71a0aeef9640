import { Accessor, type Document, type mat4 } from '@gltf-transform/core';
import type { Features, StructuralMetadata } from '@gltf-transform/extensions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEnuFrame, type Vec3, wgs84ToEcef } from './createEnuFrame.js';
import { createFeatureGlb, type FeatureMeshPart } from './createFeatureGlb.js';
import { createGltfIo } from './createGltfIo.js';
import { defined } from './defined.js';
import { encodePropertyTable } from './encodePropertyTable.js';
import type { MetadataSchema } from './MetadataSchema.js';
import { validateGlb } from './validateGlb.js';

const schema: MetadataSchema = {
  id: 'test',
  classes: { thing: { properties: { name: { type: 'STRING', noData: '' }, height: { type: 'SCALAR', componentType: 'FLOAT32' } } } },
};
const material = { name: 'grey', baseColor: [0.7, 0.7, 0.7] as const, roughness: 1 };
const frame = createEnuFrame(117.2, 34.26);

/** Two features: a vertical quad facing south (0) and a triangle 50 m up (1), as WGS84 points. */
const points: [number, number, number][] = [
  [117.2, 34.26, 0],
  [117.201, 34.26, 0],
  [117.201, 34.26, 30],
  [117.2, 34.26, 30],
  [117.2005, 34.2605, 50],
  [117.2015, 34.2605, 50],
  [117.2005, 34.2615, 50],
];
const part: FeatureMeshPart = {
  positions: new Float32Array(points.flatMap(([lon, lat, h]) => frame.toEnu(lon, lat, h))),
  normals: new Float32Array([0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1]),
  featureIds: new Uint32Array([0, 0, 0, 0, 1, 1, 1]),
  indices: new Uint32Array([0, 1, 2, 0, 2, 3, 4, 5, 6]),
  material,
};

const apply = (m: mat4, [x, y, z]: Vec3): Vec3 => [
  m[0] * x + m[4] * y + m[8] * z + m[12],
  m[1] * x + m[5] * y + m[9] * z + m[13],
  m[2] * x + m[6] * y + m[10] * z + m[14],
];

/** Reads the GLB back and places its vertices as a 3D Tiles runtime does: node matrix, then y-up → z-up. */
function placedVertices(document: Document): Vec3[] {
  const node = defined(document.getRoot().listNodes().find((n) => n.getMesh()));
  const positions = defined(node.getMesh()?.listPrimitives()[0]?.getAttribute('POSITION'));
  return Array.from({ length: positions.getCount() }, (_, i) => {
    const [x, y, z] = apply(node.getWorldMatrix(), positions.getElement(i, [0, 0, 0]));
    return [x, -z, y];
  });
}

function firstPrimitive(document: Document) {
  return defined(document.getRoot().listMeshes()[0]?.listPrimitives()[0], 'primitive');
}

describe('createFeatureGlb', () => {
  let glb: Uint8Array;
  let document: Document;

  beforeAll(async () => {
    glb = await createFeatureGlb({ frame, parts: [part], schema, table: encodePropertyTable(schema, 'thing', [{ name: '南墙', height: 30 }, { height: 50 }]) });
    document = await (await createGltfIo()).readBinary(glb);
  });

  it('passes the Khronos validator, compressed and decompressed', async () => {
    const report = await validateGlb(glb);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    const io = await createGltfIo();
    const plain = await io.readBinary(glb);
    defined(plain.getRoot().listExtensionsUsed().find((e) => e.extensionName === 'EXT_meshopt_compression')).dispose();
    const decompressed = await validateGlb(await io.writeBinary(plain));
    expect(decompressed.errors).toEqual([]);
    expect(decompressed.warnings).toEqual([]);
  });

  it('pads both GLB chunks to 8 bytes and declares the compression it needs', () => {
    const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
    const jsonLength = view.getUint32(12, true);
    expect(jsonLength % 8).toBe(0);
    expect(view.getUint32(20 + jsonLength, true) % 8).toBe(0);
    const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as { extensionsRequired: string[]; extensionsUsed: string[] };
    expect(json.extensionsRequired.sort()).toEqual(['EXT_meshopt_compression', 'KHR_mesh_quantization']);
    expect(json.extensionsUsed).toEqual(expect.arrayContaining(['EXT_mesh_features', 'EXT_structural_metadata']));
  });

  it('places every vertex on the globe within 5 cm, through the y-up content rotation', () => {
    const placed = placedVertices(document);
    const expected = points.map(([lon, lat, h]) => wgs84ToEcef(lon, lat, h));
    // Vertices may be reordered for compression: match each expected point to its nearest.
    for (const e of expected) {
      const nearest = Math.min(...placed.map((p) => Math.hypot(p[0] - e[0], p[1] - e[1], p[2] - e[2])));
      expect(nearest).toBeLessThan(0.05);
    }
  });

  it('keeps feature ids exact unsigned integers tied to the property table', () => {
    const primitive = firstPrimitive(document);
    const ids = defined(primitive.getAttribute('_FEATURE_ID_0'));
    expect(ids.getComponentType()).toBe(Accessor.ComponentType.UNSIGNED_SHORT);
    expect(ids.getNormalized()).toBe(false);
    const values = Array.from(defined(ids.getArray()), Number).sort();
    expect(values).toEqual([0, 0, 0, 0, 1, 1, 1]);
    const features = defined(primitive.getExtension<Features>('EXT_mesh_features'));
    expect(features.listFeatureIDs().map((f) => [f.getFeatureCount(), f.getAttribute()])).toEqual([[2, 0]]);
    const metadata = defined(document.getRoot().getExtension<StructuralMetadata>('EXT_structural_metadata'));
    const table = defined(metadata.listPropertyTables()[0]);
    expect(table.getCount()).toBe(2);
    const name = defined(table.getProperty('name'));
    const offsets = new Uint32Array(defined(name.getStringOffsets()).slice().buffer, 0, 3);
    expect(new TextDecoder().decode(name.getValues().subarray(offsets[0], offsets[1]))).toBe('南墙');
    expect(offsets[2]).toBe(offsets[1]);
  });

  it('blends a material given an opacity below 1, and leaves the others opaque', async () => {
    const glass = { ...material, name: 'glass', alpha: 0.4 };
    const bytes = await createFeatureGlb({ frame, parts: [part, { ...part, material: glass }], schema, table: encodePropertyTable(schema, 'thing', [{ height: 30 }, { height: 50 }]) });
    const read = await (await createGltfIo()).readBinary(bytes);
    const modes = read.getRoot().listMaterials().map((m) => [m.getName(), m.getAlphaMode(), m.getAlpha()]);
    expect(modes).toEqual([['grey', 'OPAQUE', 1], ['glass', 'BLEND', 0.4]]);
    expect((await validateGlb(bytes)).errors).toEqual([]);
  });

  it('switches feature ids to float32 beyond 65534 features, still exact', async () => {
    const count = 70_000;
    const many: FeatureMeshPart = {
      positions: new Float32Array(count * 9).map((_, i) => (i % 9 === 3 ? 1 : i % 9 === 7 ? 1 : 0) + Math.floor(i / 9) * 0.01),
      normals: new Float32Array(count * 9).map((_, i) => (i % 3 === 2 ? 1 : 0)),
      featureIds: new Uint32Array(count * 3).map((_, i) => Math.floor(i / 3)),
      indices: new Uint32Array(count * 3).map((_, i) => i),
      material,
    };
    const bytes = await createFeatureGlb({
      frame,
      parts: [many],
      schema,
      table: encodePropertyTable(schema, 'thing', Array.from({ length: count }, () => ({ height: 1 }))),
    });
    const read = await (await createGltfIo()).readBinary(bytes);
    const ids = defined(firstPrimitive(read).getAttribute('_FEATURE_ID_0'));
    expect(ids.getComponentType()).toBe(Accessor.ComponentType.FLOAT);
    const values = Array.from(defined(ids.getArray()), Number);
    expect(values.reduce((a, b) => Math.max(a, b), 0)).toBe(count - 1);
    expect(values.every((v) => Number.isInteger(v))).toBe(true);
    expect(new Set(values).size).toBe(count);
  });
});
