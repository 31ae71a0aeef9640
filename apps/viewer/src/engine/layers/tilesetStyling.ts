import type { Cesium3DTile, Cesium3DTileContent, Cesium3DTileset } from 'cesium';
import { applyTilesetStyle } from '../styling/applyTilesetStyle.js';
import type { MetadataSchemaJson, TilesetStatistics } from '../styling/metadataSchema.js';
import { createObservedValues } from '../styling/observedValues.js';
import { styleOptionsOf, type StyleOption } from '../styling/styleOptions.js';
import { buildStyleRule, type Legend, type StyleRule } from '../styling/styleRule.js';
import { contentSchema, isGltfUrl, tilesetLevelSchema, type FetchBytes } from '../styling/tilesetSchema.js';

export interface TilesetStyling {
  /** Colours the tileset by a property of its schema, or back to its own look (undefined). */
  setStyle(property: string | undefined): void;
  setOpacity(opacity: number): void;
  dispose(): void;
}

export interface TilesetStylingEvents {
  onOptions(options: readonly StyleOption[]): void;
  onLegend(legend: Legend | undefined): void;
  /** Something visible changed: the scene renders only when asked. */
  requestRender(): void;
}

/** Features read per tile: enough for bounds and categories without stalling the frame. */
const SAMPLE_PER_CONTENT = 5000;

function contentsOf(tile: Cesium3DTile): Cesium3DTileContent[] {
  const content = tile.content;
  const inner = content.innerContents as Cesium3DTileContent[] | undefined;
  return inner && inner.length ? inner : [content];
}

/**
 * Styling for one tileset, from its own metadata: finds the schema (the tileset's, else the one
 * its first glTF tile embeds, read even while the tileset is hidden), samples the loaded features' values, offers the schema's
 * properties as style options, and applies the chosen one as a Cesium3DTileStyle. The rule is
 * rebuilt once the loaded tiles settle, so breaks and the legend cover what is on screen.
 */
export function createTilesetStyling(tileset: Cesium3DTileset, tilesetUrl: string, layerId: string, events: TilesetStylingEvents, fetch: FetchBytes): TilesetStyling {
  const observed = createObservedValues();
  const abort = new AbortController();
  let schema: MetadataSchemaJson | undefined;
  let statistics: TilesetStatistics | undefined;
  let options: readonly StyleOption[] = [];
  let optionsKey = '';
  let lookedInContent = false;
  let property: string | undefined;
  let opacity = 1;
  let rule: StyleRule | undefined;
  let ruleKey = '';
  let ruleRevision = -1;
  let disposed = false;

  const refreshOptions = (): void => {
    if (!schema) return;
    const next = styleOptionsOf(schema, observed, statistics);
    const key = JSON.stringify(next);
    if (key === optionsKey) return;
    options = next;
    optionsKey = key;
    events.onOptions(options);
  };

  const refreshRule = (): void => {
    const option = property === undefined ? undefined : options.find((o) => o.property === property);
    const next = option ? buildStyleRule(option, observed.get(option.property)) : undefined;
    ruleRevision = observed.revision;
    const key = next ? JSON.stringify(next) : '';
    if (key === ruleKey) return;
    rule = next;
    ruleKey = key;
    applyTilesetStyle(tileset, rule, opacity);
    events.onLegend(rule && option ? { layerId, property: rule.property, text: option.text, entries: rule.entries } : undefined);
    events.requestRender();
  };

  const adoptSchema = (found: MetadataSchemaJson | undefined): void => {
    if (disposed || schema || !found) return;
    schema = found;
    refreshOptions();
    refreshRule();
  };

  const sample = (tile: Cesium3DTile): void => {
    for (const content of contentsOf(tile)) {
      const count = content.featuresLength;
      if (!lookedInContent && !schema && isGltfUrl(content.url)) {
        lookedInContent = true;
        contentSchema(content.url, fetch, abort.signal).then(adoptSchema, () => undefined);
      }
      if (count === 0) continue;
      const ids = content.getFeature(0).getPropertyIds();
      const stride = Math.max(1, Math.ceil(count / SAMPLE_PER_CONTENT));
      for (let i = 0; i < count; i += stride) {
        const feature = content.getFeature(i);
        for (const id of ids) observed.add(id, feature.getProperty(id));
      }
    }
  };

  const offTileLoad = tileset.tileLoad.addEventListener((tile: Cesium3DTile) => {
    if (!disposed) sample(tile);
  });
  // Once the view's tiles are in: strings may have become categories, ranges may have grown.
  const offSettled = tileset.allTilesLoaded.addEventListener(() => {
    if (disposed || ruleRevision === observed.revision) return;
    refreshOptions();
    refreshRule();
  });

  tilesetLevelSchema(tilesetUrl, fetch, abort.signal).then(
    (found) => {
      statistics = found.statistics;
      adoptSchema(found.schema);
      if (!schema && found.firstContent && !lookedInContent) {
        lookedInContent = true;
        contentSchema(found.firstContent, fetch, abort.signal).then(adoptSchema, () => undefined);
      }
    },
    () => undefined,
  );

  return {
    setStyle(next) {
      if (next === property && ruleRevision >= 0) return;
      property = next;
      refreshRule();
    },
    setOpacity(next) {
      opacity = next;
      applyTilesetStyle(tileset, rule, opacity);
      events.requestRender();
    },
    dispose() {
      disposed = true;
      abort.abort();
      offTileLoad();
      offSettled();
    },
  };
}
