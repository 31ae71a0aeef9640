/** The parts of a glTF JSON document this step reads and edits. */
interface GltfJson {
  bufferViews?: { byteLength: number }[];
  extensions?: {
    EXT_structural_metadata?: {
      schema?: {
        classes?: Record<string, { properties?: Record<string, { type: string; componentType?: string; enumType?: string; array?: boolean }> }>;
        enums?: Record<string, { valueType?: string }>;
      };
      propertyTables?: { class: string; count: number; properties?: Record<string, { values: number; stringOffsets?: number }> }[];
    };
  };
}

const COMPONENT_BYTES: Record<string, number> = {
  INT8: 1, UINT8: 1, INT16: 2, UINT16: 2, INT32: 4, UINT32: 4, FLOAT32: 4, INT64: 8, UINT64: 8, FLOAT64: 8,
};
const COMPONENTS: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT2: 4, MAT3: 9, MAT4: 16 };

/**
 * Sets each fixed-size property column's buffer view to exactly `count` values. Columns are
 * written padded to 8 bytes so the next view stays aligned (the glTF writer packs views end to
 * end); the padding must stay outside the view, or readers such as CesiumJS count the padding
 * as extra features and refuse the whole table.
 */
export function trimPropertyTableViews(json: GltfJson): void {
  const metadata = json.extensions?.EXT_structural_metadata;
  const views = json.bufferViews;
  if (!metadata?.propertyTables || !views) return;
  for (const table of metadata.propertyTables) {
    const properties = metadata.schema?.classes?.[table.class]?.properties ?? {};
    for (const [name, column] of Object.entries(table.properties ?? {})) {
      const property = properties[name];
      const view = views[column.values];
      if (!property || property.array || !view) continue;
      let exact: number | undefined;
      if (property.type === 'BOOLEAN') exact = Math.ceil(table.count / 8);
      else if (property.type === 'ENUM') {
        exact = table.count * (COMPONENT_BYTES[metadata.schema?.enums?.[property.enumType ?? '']?.valueType ?? 'UINT16'] ?? 2);
      } else if (property.type !== 'STRING' && property.componentType) {
        exact = table.count * (COMPONENT_BYTES[property.componentType] ?? 0) * (COMPONENTS[property.type] ?? 0);
      }
      if (exact !== undefined && exact > 0 && exact < view.byteLength) view.byteLength = exact;
      const offsets = column.stringOffsets === undefined ? undefined : views[column.stringOffsets];
      // String offsets are UINT32 here: count + 1 of them.
      if (offsets && (table.count + 1) * 4 < offsets.byteLength) offsets.byteLength = (table.count + 1) * 4;
    }
  }
}
