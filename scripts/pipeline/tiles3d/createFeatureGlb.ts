import { Document, Logger, type Material, type mat4, type NodeIO, type Primitive } from '@gltf-transform/core';
import { EXTMeshFeatures, EXTMeshoptCompression, EXTStructuralMetadata, type PropertyTable } from '@gltf-transform/extensions';
import { quantize, reorder } from '@gltf-transform/functions';
import { MeshoptEncoder } from 'meshoptimizer';
import { alignGlbChunks } from './alignGlbChunks.js';
import { trimPropertyTableViews } from './trimPropertyTableViews.js';
import { createGltfIo } from './createGltfIo.js';
import type { EnuFrame } from './createEnuFrame.js';
import type { EncodedPropertyTable } from './encodePropertyTable.js';
import type { MetadataSchema } from './MetadataSchema.js';

export interface FeatureMaterial {
  readonly name: string;
  /** Linear RGB, 0–1. */
  readonly baseColor: readonly [number, number, number];
  readonly roughness: number;
  /** Opacity below 1 blends the material, e.g. a shell one should see into. Default 1 (opaque). */
  readonly alpha?: number;
}

/** Triangles drawn with one material, each vertex tagged with the feature (row) it belongs to. */
export interface FeatureMeshPart {
  /** Metres in the tile's ENU frame (x east, y north, z up), three per vertex. */
  readonly positions: Float32Array;
  /** Unit normals in the same frame, three per vertex. */
  readonly normals: Float32Array;
  /** Row of the property table, one per vertex. */
  readonly featureIds: Uint32Array;
  readonly indices: Uint32Array;
  readonly material: FeatureMaterial;
}

export interface FeatureGlbInput {
  readonly frame: EnuFrame;
  readonly parts: readonly FeatureMeshPart[];
  readonly schema: MetadataSchema;
  /** Its `count` is the feature count: every feature id is a row of it. */
  readonly table: EncodedPropertyTable;
}

/** 16-bit positions: 3 cm steps over a 2 km tile; normals take meshopt's 8-bit octahedral filter. */
const POSITION_BITS = 16;

let io: Promise<NodeIO> | undefined;

/** glTF is y-up: ENU (east, north, up) is stored as (east, up, −north). */
function toYUp(v: Float32Array): Float32Array {
  const out = new Float32Array(v.length);
  for (const [i, value] of v.entries()) {
    const axis = i % 3;
    const vertex = i - axis;
    if (axis === 0) out[vertex] = value;
    else if (axis === 1) out[vertex + 2] = -value;
    else out[vertex + 1] = value;
  }
  return out;
}

/**
 * The node matrix that puts y-up ENU content on the globe. 3D Tiles rotates glTF content from
 * y-up to z-up (x, y, z) → (x, −z, y) after the node transform, so the node must hold that
 * rotation's inverse around the ENU→ECEF matrix: N = R⁻¹·E·R. Doubles in JSON keep the ECEF
 * translation exact; float32 only ever holds tile-local metres.
 */
function nodeMatrix(frame: EnuFrame): mat4 {
  const [ex, ey, ez, , nx, ny, nz, , ux, uy, uz, , ox, oy, oz] = frame.enuToEcef;
  // Columns: R⁻¹ applied to east, up and −north (the images of x, y and z under R), and to the origin.
  return [ex, ez, -ey, 0, ux, uz, -uy, 0, -nx, -nz, ny, 0, ox, oz, -oy, 1];
}

function addMetadata(document: Document, schema: MetadataSchema, table: EncodedPropertyTable): PropertyTable {
  const ext = document.createExtension(EXTStructuralMetadata);
  const gltfSchema = ext.createSchema().setId(schema.id);
  if (schema.name) gltfSchema.setName(schema.name);
  if (schema.description) gltfSchema.setDescription(schema.description);
  if (schema.version) gltfSchema.setVersion(schema.version);
  for (const [enumId, def] of Object.entries(schema.enums ?? {})) {
    const gltfEnum = ext.createEnum().setValueType(def.valueType);
    if (def.name) gltfEnum.setName(def.name);
    if (def.description) gltfEnum.setDescription(def.description);
    for (const value of def.values) {
      const gltfValue = ext.createEnumValue().setName(value.name).setValue(value.value);
      if (value.description) gltfValue.setDescription(value.description);
      gltfEnum.addEnumValue(gltfValue);
    }
    gltfSchema.setEnum(enumId, gltfEnum);
  }
  for (const [classId, def] of Object.entries(schema.classes)) {
    const gltfClass = ext.createClass();
    if (def.name) gltfClass.setName(def.name);
    if (def.description) gltfClass.setDescription(def.description);
    for (const [key, property] of Object.entries(def.properties)) {
      const gltfProperty = ext.createClassProperty().setType(property.type);
      if (property.type === 'SCALAR') gltfProperty.setComponentType(property.componentType);
      if (property.type === 'ENUM') gltfProperty.setEnumType(property.enumType);
      if (property.noData !== undefined) gltfProperty.setNoData(property.noData);
      if (property.required) gltfProperty.setRequired(true);
      if (property.name) gltfProperty.setName(property.name);
      if (property.description) gltfProperty.setDescription(property.description);
      gltfClass.setProperty(key, gltfProperty);
    }
    gltfSchema.setClass(classId, gltfClass);
  }

  const gltfTable = ext.createPropertyTable().setClass(table.className).setCount(table.count);
  for (const [key, column] of Object.entries(table.properties)) {
    const gltfColumn = ext.createPropertyTableProperty().setValues(column.values);
    if (column.stringOffsets) gltfColumn.setStringOffsets(column.stringOffsets);
    if (column.stringOffsetType) gltfColumn.setStringOffsetType(column.stringOffsetType);
    gltfTable.setProperty(key, gltfColumn);
  }
  document.getRoot().setExtension('EXT_structural_metadata', ext.createStructuralMetadata().setSchema(gltfSchema).addPropertyTable(gltfTable));
  return gltfTable;
}

/**
 * One tile's content: a GLB with the given triangles placed by the frame, an `_FEATURE_ID_0`
 * attribute and EXT_mesh_features per primitive, the property table in EXT_structural_metadata,
 * quantized positions (KHR_mesh_quantization) and EXT_meshopt_compression. Feature ids are kept
 * as exact unsigned integers: they are left out of quantization and meshopt stores them losslessly.
 */
export async function createFeatureGlb(input: FeatureGlbInput): Promise<Uint8Array> {
  const document = new Document();
  document.setLogger(new Logger(Logger.Verbosity.ERROR));
  const buffer = document.createBuffer();
  const featureCount = input.table.count;
  const meshFeatures = document.createExtension(EXTMeshFeatures);
  const propertyTable = addMetadata(document, input.schema, input.table);

  const mesh = document.createMesh();
  const materials = new Map<string, Material>();
  for (const part of input.parts) {
    if (part.indices.length === 0) continue;
    const vertexCount = part.positions.length / 3;
    let material = materials.get(part.material.name);
    if (!material) {
      const alpha = part.material.alpha ?? 1;
      material = document
        .createMaterial(part.material.name)
        .setBaseColorFactor([...part.material.baseColor, alpha])
        .setMetallicFactor(0)
        .setRoughnessFactor(part.material.roughness);
      if (alpha < 1) material.setAlphaMode('BLEND');
      materials.set(part.material.name, material);
    }
    // 16-bit ids hold up to 65534 features; float32 stays exact up to 2^24 beyond that.
    const ids = featureCount < 0xffff ? new Uint16Array(part.featureIds) : new Float32Array(part.featureIds);
    const primitive: Primitive = document
      .createPrimitive()
      .setMaterial(material)
      .setAttribute('POSITION', document.createAccessor().setType('VEC3').setArray(toYUp(part.positions)).setBuffer(buffer))
      .setAttribute('NORMAL', document.createAccessor().setType('VEC3').setArray(toYUp(part.normals)).setBuffer(buffer))
      .setAttribute('_FEATURE_ID_0', document.createAccessor().setType('SCALAR').setArray(ids).setBuffer(buffer))
      .setIndices(
        document
          .createAccessor()
          .setType('SCALAR')
          .setArray(vertexCount <= 0xffff ? new Uint16Array(part.indices) : new Uint32Array(part.indices))
          .setBuffer(buffer),
      );
    const featureId = meshFeatures.createFeatureID().setFeatureCount(featureCount).setAttribute(0).setPropertyTable(propertyTable);
    primitive.setExtension('EXT_mesh_features', meshFeatures.createFeatures().addFeatureID(featureId));
    mesh.addPrimitive(primitive);
  }
  if (mesh.listPrimitives().length === 0) throw new Error('a tile needs at least one triangle');
  const node = document.createNode().setMesh(mesh).setMatrix(nodeMatrix(input.frame));
  document.getRoot().setDefaultScene(document.createScene().addChild(node));

  await MeshoptEncoder.ready;
  await document.transform(
    reorder({ encoder: MeshoptEncoder, target: 'size' }),
    quantize({ pattern: /^POSITION$/, quantizePosition: POSITION_BITS }),
  );
  document.createExtension(EXTMeshoptCompression).setRequired(true).setEncoderOptions({ method: EXTMeshoptCompression.EncoderMethod.FILTER });

  io ??= createGltfIo();
  return alignGlbChunks(await (await io).writeBinary(document), (json) => trimPropertyTableViews(json));
}
