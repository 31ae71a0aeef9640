import { Cesium3DTileColorBlendMode, type Cesium3DTileStyle, Color, Event, type Cesium3DTileset } from 'cesium';
import { describe, expect, it } from 'vitest';
import buildingsSchemaJson from '../styling/fixtures/buildingsSchema.json' with { type: 'json' };
import type { StyleOption } from '../styling/styleOptions.js';
import type { Legend } from '../styling/styleRule.js';
import type { FetchBytes } from '../styling/tilesetSchema.js';
import { createTilesetStyling } from './tilesetStyling.js';

type Row = Record<string, unknown>;

/** What the styling reads of a tileset: its events, its style, and tiles of features. */
function fakeTileset() {
  const tileset = {
    tileLoad: new Event(),
    allTilesLoaded: new Event(),
    style: undefined as Cesium3DTileStyle | undefined,
    colorBlendMode: Cesium3DTileColorBlendMode.HIGHLIGHT,
    colorBlendAmount: 0.5,
  };
  const load = (url: string, rows: readonly Row[]) => {
    const features = rows.map((row) => ({ getPropertyIds: () => Object.keys(buildingsSchemaJson.classes.building.properties), getProperty: (name: string) => row[name] }));
    tileset.tileLoad.raiseEvent({ content: { url, featuresLength: features.length, innerContents: undefined, getFeature: (i: number) => features[i] } });
  };
  return { tileset, load, cesium: tileset as unknown as Cesium3DTileset };
}

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

const TILESET = 'https://t/tiles/district-buildings/tileset.json?v=1';
const TILE = 'https://t/tiles/district-buildings/tiles/0/0/0.glb?v=1';
const fetchFiles: FetchBytes = async (url) => {
  if (url === TILESET) return new TextEncoder().encode(JSON.stringify({ asset: { version: '1.1' }, root: {} })).buffer as ArrayBuffer;
  if (url === TILE) return glb({ asset: { version: '2.0' }, extensions: { EXT_structural_metadata: { schema: buildingsSchemaJson } } });
  throw new Error(`404 ${url}`);
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createTilesetStyling', () => {
  it('finds the schema in the first tile, offers its properties, and colours by the chosen one', async () => {
    const { tileset, load, cesium } = fakeTileset();
    const options: (readonly StyleOption[])[] = [];
    const legends: (Legend | undefined)[] = [];
    let renders = 0;
    const styling = createTilesetStyling(cesium, TILESET, 'district-buildings', { onOptions: (o) => options.push(o), onLegend: (l) => legends.push(l), requestRender: () => renders++ }, fetchFiles);
    // A style asked for before anything is known (a shared link) waits for the schema.
    styling.setStyle('use');
    load(TILE, [
      { id: 'BLD-1', use: 'government', heightM: 96 },
      { id: 'BLD-2', use: 'office', heightM: 40 },
      { id: 'BLD-3', use: 'office', heightM: 12 },
    ]);
    await settle();
    await settle();
    expect(options.at(-1)?.map((o) => o.property)).toEqual(['use', 'heightM']);
    expect(legends.at(-1)?.entries.map((e) => e.item)).toEqual([
      { kind: 'category', value: 'government' },
      { kind: 'category', value: 'office' },
    ]);
    expect(tileset.colorBlendMode).toBe(Cesium3DTileColorBlendMode.MIX);
    const colour = (row: Row) => tileset.style?.color?.evaluateColor({ getPropertyInherited: (n: string) => row[n] } as never, new Color()).toCssHexString();
    expect(colour({ use: 'government' })).toBe(legends.at(-1)?.entries[0]?.colour);
    expect(renders).toBeGreaterThan(0);

    styling.setOpacity(0.5);
    expect(tileset.style?.color?.evaluateColor({ getPropertyInherited: () => 'office' } as never, new Color()).alpha).toBeCloseTo(0.5);
    styling.setStyle('heightM');
    expect(legends.at(-1)?.property).toBe('heightM');
    styling.setStyle(undefined);
    expect(legends.at(-1)).toBeUndefined();
    expect(tileset.colorBlendMode).toBe(Cesium3DTileColorBlendMode.HIGHLIGHT);
    // Half opaque and unstyled: a white tint with alpha keeps the materials' colours.
    expect(tileset.style).toBeDefined();
    styling.setOpacity(1);
    expect(tileset.style).toBeUndefined();
    styling.dispose();
    expect(tileset.tileLoad.numberOfListeners).toBe(0);
  });
});
