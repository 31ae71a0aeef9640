/**
 * The 3D Metadata schema (3D Tiles 1.1 `schema`, glTF `EXT_structural_metadata.schema`) as plain
 * JSON, checked only as far as styling needs it. Anything a style cannot use (vectors, matrices,
 * arrays) is kept with its type so callers can tell it apart; malformed parts are dropped rather
 * than failing the whole schema: one odd property must not take away styling by the others.
 */
export const METADATA_TYPES = ['SCALAR', 'VEC2', 'VEC3', 'VEC4', 'MAT2', 'MAT3', 'MAT4', 'STRING', 'BOOLEAN', 'ENUM'] as const;
export type MetadataType = (typeof METADATA_TYPES)[number];

export interface SchemaEnumValue {
  readonly name: string;
  readonly value: number;
  readonly description?: string;
}

export interface SchemaEnum {
  readonly name?: string;
  readonly description?: string;
  readonly values: readonly SchemaEnumValue[];
}

export interface SchemaProperty {
  readonly type: MetadataType;
  readonly componentType?: string;
  readonly enumType?: string;
  readonly array: boolean;
  /** Normalized, offset or scaled: integer storage, but the values Cesium reports are not integers. */
  readonly transformed: boolean;
  readonly name?: string;
  readonly description?: string;
  /** Only numbers are kept: the only bounds a colour ramp can use. */
  readonly min?: number;
  readonly max?: number;
  /** The sentinel for "no value" (single values only); Cesium reports such values as undefined. */
  readonly noData?: string | number;
}

export interface SchemaClass {
  readonly name?: string;
  readonly description?: string;
  readonly properties: Readonly<Record<string, SchemaProperty>>;
}

export interface MetadataSchemaJson {
  readonly id?: string;
  readonly name?: string;
  readonly classes: Readonly<Record<string, SchemaClass>>;
  readonly enums: Readonly<Record<string, SchemaEnum>>;
}

/** 3D Tiles 1.1 `statistics`: per class and property, bounds and how often each value occurs. */
export interface PropertyStatistics {
  readonly min?: number;
  readonly max?: number;
  readonly occurrences?: Readonly<Record<string, number>>;
}
export type TilesetStatistics = Readonly<Record<string, Readonly<Record<string, PropertyStatistics>>>>;

/** Property and class ids are identifiers by the spec; style expressions rely on it. */
export const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Copies only the defined optional fields, so `exactOptionalPropertyTypes` holds. */
function labelled<T extends object>(base: T, json: Json): T & { name?: string; description?: string } {
  const name = text(json.name);
  const description = text(json.description);
  return { ...base, ...(name ? { name } : {}), ...(description ? { description } : {}) };
}

function parseEnum(json: unknown): SchemaEnum | undefined {
  if (!isObject(json) || !Array.isArray(json.values)) return undefined;
  const values: SchemaEnumValue[] = [];
  for (const raw of json.values) {
    if (!isObject(raw)) continue;
    const name = text(raw.name);
    const value = finite(raw.value);
    if (name === undefined || value === undefined || !Number.isInteger(value)) continue;
    values.push(labelled({ name, value }, raw));
  }
  return values.length ? labelled({ values }, json) : undefined;
}

function parseProperty(json: unknown, enums: Readonly<Record<string, SchemaEnum>>): SchemaProperty | undefined {
  if (!isObject(json)) return undefined;
  const type = METADATA_TYPES.find((t) => t === json.type);
  if (!type) return undefined;
  const componentType = text(json.componentType);
  const enumType = text(json.enumType);
  if (type === 'ENUM' && (!enumType || !enums[enumType])) return undefined;
  const min = finite(json.min);
  const max = finite(json.max);
  const noData = typeof json.noData === 'string' || finite(json.noData) !== undefined ? (json.noData as string | number) : undefined;
  return labelled(
    {
      type,
      array: json.array === true,
      transformed: json.normalized === true || json.offset !== undefined || json.scale !== undefined,
      ...(componentType ? { componentType } : {}),
      ...(type === 'ENUM' && enumType ? { enumType } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(noData !== undefined ? { noData } : {}),
    },
    json,
  );
}

/** The schema in `json`, or undefined when it has no usable class. */
export function parseMetadataSchema(json: unknown): MetadataSchemaJson | undefined {
  if (!isObject(json)) return undefined;
  const enums: Record<string, SchemaEnum> = {};
  if (isObject(json.enums)) {
    for (const [id, raw] of Object.entries(json.enums)) {
      const parsed = parseEnum(raw);
      if (parsed) enums[id] = parsed;
    }
  }
  const classes: Record<string, SchemaClass> = {};
  if (isObject(json.classes)) {
    for (const [classId, raw] of Object.entries(json.classes)) {
      if (!IDENTIFIER.test(classId) || !isObject(raw)) continue;
      const properties: Record<string, SchemaProperty> = {};
      if (isObject(raw.properties)) {
        for (const [propertyId, rawProperty] of Object.entries(raw.properties)) {
          if (!IDENTIFIER.test(propertyId)) continue;
          const property = parseProperty(rawProperty, enums);
          if (property) properties[propertyId] = property;
        }
      }
      classes[classId] = labelled({ properties }, raw);
    }
  }
  if (Object.keys(classes).length === 0) return undefined;
  const id = text(json.id);
  const name = text(json.name);
  return { classes, enums, ...(id ? { id } : {}), ...(name ? { name } : {}) };
}

/** The `statistics` object of a tileset.json, or undefined. */
export function parseTilesetStatistics(json: unknown): TilesetStatistics | undefined {
  if (!isObject(json) || !isObject(json.classes)) return undefined;
  const out: Record<string, Record<string, PropertyStatistics>> = {};
  for (const [classId, raw] of Object.entries(json.classes)) {
    if (!isObject(raw) || !isObject(raw.properties)) continue;
    const properties: Record<string, PropertyStatistics> = {};
    for (const [propertyId, stats] of Object.entries(raw.properties)) {
      if (!isObject(stats)) continue;
      const min = finite(stats.min);
      const max = finite(stats.max);
      const occurrences: Record<string, number> = {};
      if (isObject(stats.occurrences)) {
        for (const [value, count] of Object.entries(stats.occurrences)) {
          const n = finite(count);
          if (n !== undefined) occurrences[value] = n;
        }
      }
      properties[propertyId] = {
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(Object.keys(occurrences).length ? { occurrences } : {}),
      };
    }
    out[classId] = properties;
  }
  return out;
}
