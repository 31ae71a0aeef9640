import { readGltfJson } from './glbJson.js';
import { parseMetadataSchema, parseTilesetStatistics, type MetadataSchemaJson, type TilesetStatistics } from './metadataSchema.js';

export type FetchBytes = (url: string, signal?: AbortSignal) => Promise<ArrayBuffer>;

/** Plain fetch; our tiles are immutable (versioned URLs), so a tile Cesium just loaded comes from the cache. */
export const fetchBytes: FetchBytes = async (url, signal) => {
  const response = await fetch(url, { signal: signal ?? null });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${url}`);
  return response.arrayBuffer();
};

function json(bytes: ArrayBuffer): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** An inline `schema`, or one at `schemaUri` (relative to `base`). */
async function schemaIn(holder: unknown, base: string, fetch: FetchBytes, signal?: AbortSignal): Promise<MetadataSchemaJson | undefined> {
  const inline = parseMetadataSchema(field(holder, 'schema'));
  if (inline) return inline;
  const uri = field(holder, 'schemaUri');
  if (typeof uri !== 'string') return undefined;
  return parseMetadataSchema(json(await fetch(new URL(uri, base).toString(), signal)));
}

/**
 * The schema a tileset states at its top: 3D Tiles 1.1 `schema`/`schemaUri`, or the older
 * `3DTILES_metadata` extension; with its `statistics`, if any.
 */
export async function tilesetLevelSchema(
  tilesetUrl: string,
  fetch: FetchBytes,
  signal?: AbortSignal,
): Promise<{ schema: MetadataSchemaJson | undefined; statistics: TilesetStatistics | undefined; firstContent: string | undefined }> {
  const tileset = json(await fetch(tilesetUrl, signal));
  const legacy = field(field(tileset, 'extensions'), '3DTILES_metadata');
  const schema = (await schemaIn(tileset, tilesetUrl, fetch, signal)) ?? (await schemaIn(legacy, tilesetUrl, fetch, signal));
  const statistics = parseTilesetStatistics(field(tileset, 'statistics') ?? field(legacy, 'statistics'));
  return { schema, statistics, firstContent: firstContentUrl(field(tileset, 'root'), tilesetUrl) };
}

/**
 * The first glTF content of the tree, depth first, resolved like Cesium resolves it (relative
 * to tileset.json, keeping its query: our `?v=` makes it the very URL Cesium loads). A tileset
 * that is hidden loads no tiles, yet its schema should be known before it is shown.
 */
export function firstContentUrl(tile: unknown, tilesetUrl: string, depth = 0): string | undefined {
  if (depth > 32 || typeof tile !== 'object' || tile === null) return undefined;
  const contents = [field(tile, 'content'), ...((field(tile, 'contents') as unknown[] | undefined) ?? [])];
  for (const content of contents) {
    const uri = field(content, 'uri') ?? field(content, 'url');
    if (typeof uri !== 'string') continue;
    const url = new URL(uri, tilesetUrl);
    const base = new URL(tilesetUrl);
    if (url.search === '' && url.origin === base.origin) url.search = base.search;
    if (isGltfUrl(url.toString())) return url.toString();
  }
  for (const child of (field(tile, 'children') as unknown[] | undefined) ?? []) {
    const found = firstContentUrl(child, tilesetUrl, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The schema a glTF tile content embeds (EXT_structural_metadata), if it has one. */
export async function contentSchema(contentUrl: string, fetch: FetchBytes, signal?: AbortSignal): Promise<MetadataSchemaJson | undefined> {
  const gltf = readGltfJson(await fetch(contentUrl, signal));
  return schemaIn(field(field(gltf, 'extensions'), 'EXT_structural_metadata'), contentUrl, fetch, signal);
}

/** glTF content, by the URL's path (tile URLs carry query strings such as `?v=`). */
export function isGltfUrl(url: string): boolean {
  try {
    return /\.(glb|gltf)$/i.test(new URL(url, 'http://x/').pathname);
  } catch {
    return false;
  }
}
