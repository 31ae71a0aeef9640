import { describe, expect, it } from 'vitest';
import buildingsSchemaJson from './fixtures/buildingsSchema.json' with { type: 'json' };
import { readGltfJson } from './glbJson.js';
import { contentSchema, firstContentUrl, isGltfUrl, tilesetLevelSchema, type FetchBytes } from './tilesetSchema.js';

function glb(json: unknown): ArrayBuffer {
  const text = new TextEncoder().encode(JSON.stringify(json));
  const padded = Math.ceil(text.length / 4) * 4;
  const bytes = new Uint8Array(20 + padded).fill(0x20, 20);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x46546c67, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, bytes.length, true);
  view.setUint32(12, padded, true);
  view.setUint32(16, 0x4e4f534a, true);
  bytes.set(text, 20);
  return bytes.buffer;
}

const json = (value: unknown): ArrayBuffer => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;

function files(map: Record<string, ArrayBuffer>): FetchBytes & { asked: string[] } {
  const asked: string[] = [];
  const fetch = (async (url: string) => {
    asked.push(url);
    const file = map[url];
    if (!file) throw new Error(`404 ${url}`);
    return file;
  }) as FetchBytes & { asked: string[] };
  fetch.asked = asked;
  return fetch;
}

describe('finding a tileset schema', () => {
  it('reads the schema a GLB tile embeds, as the district tiles have it', async () => {
    const fetch = files({ 'https://t/tiles/0/0/0.glb?v=1': glb({ asset: { version: '2.0' }, extensions: { EXT_structural_metadata: { schema: buildingsSchemaJson, propertyTables: [] } } }) });
    const schema = await contentSchema('https://t/tiles/0/0/0.glb?v=1', fetch);
    expect(Object.keys(schema?.classes ?? {})).toEqual(['building']);
    expect(schema?.enums.buildingUse?.values.map((v) => v.name)).toContain('government');
  });

  it('follows schemaUri relative to the file that names it', async () => {
    const fetch = files({
      'https://t/a/tileset.json': json({ asset: { version: '1.1' }, schemaUri: 'meta/schema.json', statistics: { classes: { c: { properties: { h: { min: 1, max: 9 } } } } } }),
      'https://t/a/meta/schema.json': json({ id: 's', classes: { c: { properties: { h: { type: 'SCALAR', componentType: 'FLOAT32' } } } } }),
    });
    const found = await tilesetLevelSchema('https://t/a/tileset.json', fetch);
    expect(found.schema?.classes.c?.properties.h?.type).toBe('SCALAR');
    expect(found.statistics).toEqual({ c: { h: { min: 1, max: 9 } } });
  });

  it('a tileset without a schema has none, and says so without failing', async () => {
    const fetch = files({ 'https://t/tileset.json': json({ asset: { version: '1.0' }, root: {} }) });
    expect(await tilesetLevelSchema('https://t/tileset.json', fetch)).toEqual({ schema: undefined, statistics: undefined });
    expect(readGltfJson(new Uint8Array([1, 2, 3]).buffer)).toBeUndefined();
  });

  it('finds the first glTF tile of the tree as Cesium would request it, for a tileset not shown yet', () => {
    const root = { children: [{ content: { uri: 'tiles/a.b3dm' } }, { contents: [{ uri: 'tiles/0/0/0.glb' }] }] };
    expect(firstContentUrl(root, 'https://t/tiles/pipes/tileset.json?v=9')).toBe('https://t/tiles/pipes/tiles/0/0/0.glb?v=9');
    expect(firstContentUrl({ content: { uri: 'https://cdn.example/x.glb' } }, 'https://t/tileset.json?v=9')).toBe('https://cdn.example/x.glb');
    expect(firstContentUrl({ children: [] }, 'https://t/tileset.json')).toBeUndefined();
  });

  it('tells glTF content by its path, whatever the query', () => {
    expect(isGltfUrl('https://t/tiles/1/2/3.glb?v=abc')).toBe(true);
    expect(isGltfUrl('https://t/tiles/1.b3dm')).toBe(false);
    expect(isGltfUrl('https://t/x.json?f=.glb')).toBe(false);
  });
});
