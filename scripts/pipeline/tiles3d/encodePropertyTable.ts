import type { MetadataRow, MetadataScalarType, MetadataSchema } from './MetadataSchema.js';

/** The binary columns of one property, ready to become glTF buffer views. */
export interface EncodedPropertyColumn {
  readonly values: Uint8Array;
  readonly stringOffsets?: Uint8Array;
  readonly stringOffsetType?: 'UINT32';
}

export interface EncodedPropertyTable {
  readonly className: string;
  readonly count: number;
  readonly properties: Readonly<Record<string, EncodedPropertyColumn>>;
}

const SCALAR_ARRAYS = {
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  INT8: Int8Array,
  INT16: Int16Array,
  INT32: Int32Array,
  FLOAT32: Float32Array,
} as const satisfies Record<MetadataScalarType, unknown>;

/**
 * Every column is padded to a non-zero multiple of 8 bytes: the glTF writer lays buffer views end
 * to end, the metadata spec wants each view aligned to its component size (8 covers all of ours),
 * and glTF forbids empty buffer views (a column of empty strings has no bytes).
 */
function padded(bytes: Uint8Array): Uint8Array {
  const length = Math.max(8, Math.ceil(bytes.byteLength / 8) * 8);
  const out = new Uint8Array(length);
  out.set(bytes);
  return out;
}

function asBytes(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * Encodes rows as a property table in the binary table format of the 3D Metadata specification:
 * one tightly packed array per scalar or enum property, UTF-8 bytes plus `count + 1` UINT32
 * offsets per string property. A missing value is written as the property's `noData`; a missing
 * value without one is a programming error and throws.
 */
export function encodePropertyTable(schema: MetadataSchema, className: string, rows: readonly MetadataRow[]): EncodedPropertyTable {
  const cls = schema.classes[className];
  if (!cls) throw new Error(`metadata class "${className}" is not in schema "${schema.id}"`);
  const properties: Record<string, EncodedPropertyColumn> = {};
  const encoder = new TextEncoder();

  for (const [key, property] of Object.entries(cls.properties)) {
    const valueOf = (row: MetadataRow, index: number): string | number => {
      const value = row[key] ?? property.noData;
      if (value === undefined) throw new Error(`row ${index}: "${key}" has no value and the property has no noData`);
      return value;
    };

    if (property.type === 'STRING') {
      const strings = rows.map((row, i) => encoder.encode(String(valueOf(row, i))));
      const offsets = new Uint32Array(rows.length + 1);
      let total = 0;
      strings.forEach((bytes, i) => {
        offsets[i] = total;
        total += bytes.byteLength;
      });
      offsets[rows.length] = total;
      const values = new Uint8Array(total);
      strings.forEach((bytes, i) => values.set(bytes, offsets[i]));
      properties[key] = { values: padded(values), stringOffsets: padded(asBytes(offsets)), stringOffsetType: 'UINT32' };
    } else if (property.type === 'ENUM') {
      const enumDef = schema.enums?.[property.enumType];
      if (!enumDef) throw new Error(`enum "${property.enumType}" is not in schema "${schema.id}"`);
      const codes = new Map(enumDef.values.map((v) => [v.name, v.value]));
      const array = new SCALAR_ARRAYS[enumDef.valueType](rows.length);
      rows.forEach((row, i) => {
        const name = String(valueOf(row, i));
        const code = codes.get(name);
        if (code === undefined) throw new Error(`row ${i}: "${name}" is not a value of enum "${property.enumType}"`);
        array[i] = code;
      });
      properties[key] = { values: padded(asBytes(array)) };
    } else {
      const array = new SCALAR_ARRAYS[property.componentType](rows.length);
      rows.forEach((row, i) => {
        const value = valueOf(row, i);
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`row ${i}: "${key}" must be a finite number`);
        array[i] = value;
      });
      properties[key] = { values: padded(asBytes(array)) };
    }
  }
  return { className, count: rows.length, properties };
}
