import {
  Cesium3DTileset,
  Credit,
  ImageryLayer,
  type CreditDisplay,
  Rectangle,
  UrlTemplateImageryProvider,
  WebMercatorTilingScheme,
  type Scene,
} from 'cesium';
import type { CatalogEntry } from '@pengcheng/protocol';
import type { StyleOption } from '../styling/styleOptions.js';
import type { Legend } from '../styling/styleRule.js';
import { fetchBytes, type FetchBytes } from '../styling/tilesetSchema.js';
import { DEFAULT_LAYER_DISPLAY, type LayerDisplay, type LayerState, type LayerStyle } from './layerState.js';
import { createTilesetStyling, type TilesetStyling } from './tilesetStyling.js';

/** What the UI may change of the layers; calls for a layer not (yet) in the scene are kept for it. */
export interface LayerControls {
  setDisplay(id: string, display: LayerDisplay): void;
  setStyle(id: string, style: LayerStyle | undefined): void;
  /** Adds a 3D Tiles tileset by the URL of its tileset.json; an id already used is ignored. */
  addUrl(id: string, url: string): void;
}

export interface CatalogLayers extends LayerControls {
  /** Adds the entries not yet in the scene; entries already added are kept as they are. */
  add(entries: readonly CatalogEntry[], language: 'zh' | 'en'): void;
  /** Layers still being created (their tileset.json not yet read). */
  readonly pending: number;
  /** Shows or hides every layer of a kind (pipelines show only in underground mode). */
  setKindVisible(kind: CatalogEntry['kind'], visible: boolean): void;
  /** The 3D tilesets in the scene, shown or not (the readiness check looks at the shown ones). */
  tilesets(): Iterable<Cesium3DTileset>;
  /** The ids of the layers drawn now. */
  shownIds(): string[];
  /** The layer id of a tileset this module added. */
  idOf(tileset: Cesium3DTileset): string | undefined;
  dispose(): void;
}

export interface LayerStylingEvents {
  onStyleOptions(update: { readonly id: string; readonly options: readonly StyleOption[] }): void;
  onLegend(update: { readonly id: string; readonly legend: Legend | undefined }): void;
}

/** Cesium resolves relative URLs against the page; make it explicit for workers and credits. */
function absolute(url: string): string {
  return new URL(url, window.location.href).toString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface TilesetLayer {
  readonly kind: CatalogEntry['kind'];
  readonly tileset: Cesium3DTileset;
  readonly styling: TilesetStyling;
  failure: string | undefined;
}

/**
 * Puts the catalog's tilesets into the scene: 3D Tiles as Cesium3DTileset primitives, imagery
 * as a ground layer over its bounds; and tilesets a planner adds by URL. Each layer has its own
 * visibility, opacity and thematic style. A layer that fails reports an error; the scene goes on.
 */
export function createCatalogLayers(
  scene: Scene,
  creditDisplay: CreditDisplay,
  onState: (state: LayerState) => void,
  stylingEvents?: LayerStylingEvents,
  fetch: FetchBytes = fetchBytes,
): CatalogLayers {
  const credits: Credit[] = [];
  const tilesets = new Map<string, TilesetLayer>();
  const hiddenKinds = new Set<CatalogEntry['kind']>(['pipelines']);
  const imagery = new Map<string, ImageryLayer>();
  const requested = new Set<string>();
  const displays = new Map<string, LayerDisplay>();
  const styles = new Map<string, LayerStyle | undefined>();
  let pending = 0;
  let disposed = false;

  const displayOf = (id: string): LayerDisplay => displays.get(id) ?? DEFAULT_LAYER_DISPLAY;
  const shows = (id: string, kind: CatalogEntry['kind']): boolean => {
    const display = displayOf(id);
    return display.visible && display.opacity > 0 && !hiddenKinds.has(kind);
  };
  const report = (id: string, layer: TilesetLayer): void => {
    const shown = layer.tileset.show;
    onState(layer.failure === undefined ? { id, phase: 'ready', shown } : { id, phase: 'error', detail: layer.failure, shown });
  };
  const applyDisplay = (id: string): void => {
    const layer = tilesets.get(id);
    if (layer) {
      const shown = shows(id, layer.kind);
      const changed = layer.tileset.show !== shown;
      layer.tileset.show = shown;
      layer.styling.setOpacity(displayOf(id).opacity);
      if (changed) report(id, layer);
    }
    const ground = imagery.get(id);
    if (ground) {
      ground.show = displayOf(id).visible;
      ground.alpha = displayOf(id).opacity;
    }
    if (!scene.isDestroyed()) scene.requestRender();
  };

  function addTileset(id: string, kind: CatalogEntry['kind'], url: string, credit: Credit | undefined): void {
    pending++;
    onState({ id, phase: 'loading' });
    const resolved = absolute(url);
    Cesium3DTileset.fromUrl(resolved, {
      showCreditsOnScreen: true,
      show: shows(id, kind),
      // Pipe tiles' errors are pipe widths (decimetres): refine sooner so the network reads from
      // a few hundred metres, not only from street level.
      maximumScreenSpaceError: kind === 'pipelines' ? 4 : 16,
    })
      .then((tileset) => {
        if (disposed) {
          tileset.destroy();
          return;
        }
        const styling = createTilesetStyling(
          tileset,
          resolved,
          id,
          {
            onOptions: (options) => stylingEvents?.onStyleOptions({ id, options }),
            onLegend: (legend) => stylingEvents?.onLegend({ id, legend }),
            requestRender: () => {
              if (!scene.isDestroyed()) scene.requestRender();
            },
          },
          fetch,
        );
        const layer: TilesetLayer = { kind, tileset, styling, failure: undefined };
        tilesets.set(id, layer);
        tileset.show = shows(id, kind);
        scene.primitives.add(tileset);
        if (credit) {
          credits.push(credit);
          creditDisplay.addStaticCredit(credit);
        }
        tileset.tileFailed.addEventListener((failure: { message?: string }) => {
          layer.failure = failure.message ?? 'a tile failed to load';
          report(id, layer);
        });
        styling.setOpacity(displayOf(id).opacity);
        styling.setStyle(styles.get(id)?.property);
        report(id, layer);
      })
      .catch((error: unknown) => {
        if (!disposed) onState({ id, phase: 'error', detail: describe(error), shown: false });
      })
      .finally(() => {
        pending--;
        if (!scene.isDestroyed()) scene.requestRender();
      });
  }

  function addImagery(entry: CatalogEntry, credit: Credit): void {
    const bounds = entry.bounds;
    const provider = new UrlTemplateImageryProvider({
      url: absolute(entry.url ?? ''),
      tilingScheme: new WebMercatorTilingScheme(),
      ...(bounds ? { rectangle: Rectangle.fromDegrees(bounds.west, bounds.south, bounds.east, bounds.north) } : {}),
      minimumLevel: entry.imagery?.minZoom ?? 0,
      maximumLevel: entry.imagery?.maxZoom ?? 19,
      credit,
    });
    const layer = new ImageryLayer(provider, {});
    provider.errorEvent.addEventListener((error: { message?: string }) => {
      onState({ id: entry.id, phase: 'error', detail: error.message ?? 'an imagery tile failed to load', shown: layer.show });
    });
    scene.imageryLayers.add(layer);
    imagery.set(entry.id, layer);
    applyDisplay(entry.id);
    onState({ id: entry.id, phase: 'ready', shown: layer.show });
  }

  return {
    add(entries, language) {
      for (const entry of entries) {
        if (requested.has(entry.id) || !entry.url) continue;
        requested.add(entry.id);
        const credit = new Credit(language === 'zh' ? entry.attribution.zh : (entry.attribution.en ?? entry.attribution.zh), true);
        if (entry.kind === 'imagery') addImagery(entry, credit);
        else if (entry.kind !== 'vector') addTileset(entry.id, entry.kind, entry.url, credit);
      }
      scene.requestRender();
    },
    addUrl(id, url) {
      if (requested.has(id)) return;
      requested.add(id);
      addTileset(id, '3d-tiles', url, undefined);
    },
    get pending() {
      return pending;
    },
    setKindVisible(kind, visible) {
      if (visible) hiddenKinds.delete(kind);
      else hiddenKinds.add(kind);
      for (const [id, layer] of tilesets) if (layer.kind === kind) applyDisplay(id);
      scene.requestRender();
    },
    setDisplay(id, display) {
      displays.set(id, display);
      applyDisplay(id);
    },
    setStyle(id, style) {
      styles.set(id, style);
      tilesets.get(id)?.styling.setStyle(style?.property);
    },
    tilesets() {
      return [...tilesets.values()].map((layer) => layer.tileset);
    },
    shownIds() {
      const shown = [...tilesets].filter(([, layer]) => layer.tileset.show).map(([id]) => id);
      for (const [id, layer] of imagery) if (layer.show) shown.push(id);
      return shown;
    },
    idOf(tileset) {
      for (const [id, layer] of tilesets) if (layer.tileset === tileset) return id;
      return undefined;
    },
    dispose() {
      disposed = true;
      for (const layer of tilesets.values()) {
        layer.styling.dispose();
        if (!scene.isDestroyed()) scene.primitives.remove(layer.tileset);
      }
      for (const layer of imagery.values()) {
        if (!scene.isDestroyed()) scene.imageryLayers.remove(layer, true);
      }
      tilesets.clear();
      imagery.clear();
      for (const credit of credits.splice(0)) creditDisplay.removeStaticCredit(credit);
    },
  };
}

/** Fans the layers' styling updates out to listeners; `clear` drops them all. */
export function createLayerStylingHub(): { readonly events: LayerStylingEvents; on(listener: LayerStylingEvents): () => void; clear(): void } {
  const listeners = new Set<LayerStylingEvents>();
  return {
    events: {
      onStyleOptions: (update) => listeners.forEach((l) => l.onStyleOptions(update)),
      onLegend: (update) => listeners.forEach((l) => l.onLegend(update)),
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}

/** Layer controls that reach whichever layers are live; calls without a scene do nothing. */
export function deferLayerControls(live: () => LayerControls | undefined): LayerControls {
  return {
    setDisplay: (id, display) => live()?.setDisplay(id, display),
    setStyle: (id, style) => live()?.setStyle(id, style),
    addUrl: (id, url) => live()?.addUrl(id, url),
  };
}
