/**
 * The subset of the 3D Metadata schema (3D Tiles 1.1 / EXT_structural_metadata) that our
 * tilesets use: one value per feature, scalars, strings and enums. Plain JSON, so the same object
 * can go into a glTF and into tileset.json.
 */
export type MetadataScalarType = 'UINT8' | 'UINT16' | 'UINT32' | 'INT8' | 'INT16' | 'INT32' | 'FLOAT32';

export type MetadataClassProperty = {
  readonly name?: string;
  readonly description?: string;
  readonly required?: boolean;
} & (
  | { readonly type: 'STRING'; readonly noData?: string }
  | { readonly type: 'SCALAR'; readonly componentType: MetadataScalarType; readonly noData?: number }
  | { readonly type: 'ENUM'; readonly enumType: string; readonly noData?: string }
);

export interface MetadataEnum {
  readonly name?: string;
  readonly description?: string;
  readonly valueType: 'UINT8' | 'UINT16';
  readonly values: readonly { readonly name: string; readonly value: number; readonly description?: string }[];
}

export interface MetadataClass {
  readonly name?: string;
  readonly description?: string;
  readonly properties: Readonly<Record<string, MetadataClassProperty>>;
}

export interface MetadataSchema {
  /** Matches `^[a-zA-Z_][a-zA-Z0-9_]*$`. */
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly version?: string;
  readonly classes: Readonly<Record<string, MetadataClass>>;
  readonly enums?: Readonly<Record<string, MetadataEnum>>;
}

/** One row of a property table: a value per class property; missing values become `noData`. */
export type MetadataRow = Readonly<Record<string, string | number | undefined>>;
