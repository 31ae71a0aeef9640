import { describe, expect, it } from 'vitest';
import { encodePropertyTable, type EncodedPropertyColumn } from './encodePropertyTable.js';
import type { MetadataSchema } from './MetadataSchema.js';
import { defined } from './defined.js';

const schema: MetadataSchema = {
  id: 'test',
  enums: { kind: { valueType: 'UINT8', values: [{ name: 'a', value: 0 }, { name: 'b', value: 1 }, { name: 'none', value: 255 }] } },
  classes: {
    thing: {
      properties: {
        id: { type: 'STRING', required: true },
        name: { type: 'STRING', noData: '' },
        kind: { type: 'ENUM', enumType: 'kind', noData: 'none' },
        height: { type: 'SCALAR', componentType: 'FLOAT32', required: true },
        floors: { type: 'SCALAR', componentType: 'UINT16', noData: 0 },
      },
    },
  },
};

function strings(column: EncodedPropertyColumn, count: number): string[] {
  const stringOffsets = defined(column.stringOffsets);
  const offsets = new Uint32Array(stringOffsets.buffer, stringOffsets.byteOffset, count + 1);
  return Array.from({ length: count }, (_, i) => new TextDecoder().decode(column.values.subarray(offsets[i], offsets[i + 1])));
}

describe('encodePropertyTable', () => {
  const rows = [
    { id: 'BLD-000001', name: '市行政中心', kind: 'a', height: 62.5, floors: 15 },
    { id: 'BLD-000002', kind: 'b', height: 12 },
    { id: 'BLD-000003', name: 'Dalong Lake 🌊', height: 3.25, floors: 1 },
  ];
  const table = encodePropertyTable(schema, 'thing', rows);

  it('writes strings as UTF-8 with count + 1 offsets, noData where missing', () => {
    expect(table.count).toBe(3);
    expect(strings(defined(table.properties.id), 3)).toEqual(['BLD-000001', 'BLD-000002', 'BLD-000003']);
    expect(strings(defined(table.properties.name), 3)).toEqual(['市行政中心', '', 'Dalong Lake 🌊']);
    expect(table.properties.name?.stringOffsetType).toBe('UINT32');
  });

  it('writes enums as their codes and scalars in their component type', () => {
    expect(Array.from(defined(table.properties.kind).values.subarray(0, 3))).toEqual([0, 1, 255]);
    const heights = new Float32Array(defined(table.properties.height).values.buffer, 0, 3);
    expect(Array.from(heights)).toEqual([62.5, 12, 3.25]);
    const floors = new Uint16Array(defined(table.properties.floors).values.buffer, 0, 3);
    expect(Array.from(floors)).toEqual([15, 0, 1]);
  });

  it('pads every column to a non-empty multiple of 8 bytes', () => {
    for (const column of Object.values(table.properties)) {
      expect(column.values.byteLength % 8).toBe(0);
      expect(column.values.byteLength).toBeGreaterThan(0);
      if (column.stringOffsets) expect(column.stringOffsets.byteLength % 8).toBe(0);
    }
    const empty = encodePropertyTable(schema, 'thing', [{ id: '', height: 1 }]);
    expect(empty.properties.id?.values.byteLength).toBe(8);
  });

  it('refuses missing required values, unknown enum names and unknown classes', () => {
    expect(() => encodePropertyTable(schema, 'thing', [{ id: 'x' }])).toThrow(/height/);
    expect(() => encodePropertyTable(schema, 'thing', [{ id: 'x', height: 1, kind: 'c' }])).toThrow(/enum/);
    expect(() => encodePropertyTable(schema, 'nothing', [])).toThrow(/class/);
    expect(() => encodePropertyTable(schema, 'thing', [{ id: 'x', height: Number.NaN }])).toThrow(/finite/);
  });
});
