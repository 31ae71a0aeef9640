import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEnuFrame } from './createEnuFrame.js';
import { createFeatureGlb } from './createFeatureGlb.js';
import { encodePropertyTable } from './encodePropertyTable.js';
import type { MetadataSchema } from './MetadataSchema.js';
import { validateGlb } from './validateGlb.js';

const schema: MetadataSchema = {
  id: 'trim',
  enums: { network: { valueType: 'UINT8', values: [{ name: 'gas', value: 0 }, { name: 'water', value: 1 }] } },
  classes: {
    pipe: {
      properties: {
        id: { type: 'STRING' },
        network: { type: 'ENUM', enumType: 'network' },
        depth: { type: 'SCALAR', componentType: 'FLOAT32' },
        year: { type: 'SCALAR', componentType: 'UINT16' },
      },
    },
  },
};

function readJson(glb: Uint8Array) {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const length = view.getUint32(12, true);
  return JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + length))) as {
    bufferViews: { byteLength: number; byteOffset?: number }[];
    extensions: { EXT_structural_metadata: { propertyTables: { count: number; properties: Record<string, { values: number; stringOffsets?: number }> }[] } };
  };
}

describe('property table buffer views', () => {
  it('hold exactly one value per feature, at any feature count, so readers see the right count', async () => {
    const frame = createEnuFrame(117.28, 34.2);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 13 }), async (count) => {
        const rows = Array.from({ length: count }, (_, i) => ({ id: `P-${i}`, network: i % 2 ? 'water' : 'gas', depth: 1.5, year: 2010 }));
        const positions = new Float32Array(Array.from({ length: count }, (_, i) => [i, 0, 0, i + 1, 0, 0, i, 1, 0]).flat());
        const glb = await createFeatureGlb({
          frame,
          schema,
          table: encodePropertyTable(schema, 'pipe', rows),
          parts: [
            {
              positions,
              normals: new Float32Array(count * 9).map((_, i) => (i % 3 === 2 ? 1 : 0)),
              featureIds: new Uint32Array(Array.from({ length: count }, (_, i) => [i, i, i]).flat()),
              indices: new Uint32Array(Array.from({ length: count * 3 }, (_, i) => i)),
              material: { name: 'grey', baseColor: [0.5, 0.5, 0.5], roughness: 1 },
            },
          ],
        });
        const json = readJson(glb);
        const table = json.extensions.EXT_structural_metadata.propertyTables[0];
        expect(table?.count).toBe(count);
        const size = (name: string) => json.bufferViews[table?.properties[name]?.values ?? -1]?.byteLength;
        expect(size('network')).toBe(count);
        expect(size('depth')).toBe(count * 4);
        expect(size('year')).toBe(count * 2);
        expect(json.bufferViews[table?.properties.id?.stringOffsets ?? -1]?.byteLength).toBe((count + 1) * 4);
        // The metadata spec wants each view aligned to its component size.
        for (const [name, bytes] of [['network', 1], ['depth', 4], ['year', 2]] as const) {
          expect((json.bufferViews[table?.properties[name]?.values ?? -1]?.byteOffset ?? 0) % bytes, `${name} aligned`).toBe(0);
        }
        expect((await validateGlb(glb)).errors).toEqual([]);
      }),
      { numRuns: 13 },
    );
  });
});
