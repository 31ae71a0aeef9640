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
import type { LayerState } from './layerState.js';

export interface CatalogLayers {
  /** Adds the entries not yet in the scene; entries already added are kept as they are. */
  add(entries: readonly CatalogEntry[], language: 'zh' | 'en'): void;
  /** Layers still being created (their tileset.json not yet read). */
  readonly pending: number;
  /** Shows or hides every layer of a kind (pipelines show only in underground mode). */
  setKindVisible(kind: CatalogEntry['kind'], visible: boolean): void;
  /** The shown 3D tilesets, for the readiness check. */
  tilesets(): Iterable<Cesium3DTileset>;
  /** The catalog id of a tileset this module added. */
  idOf(tileset: Cesium3DTileset): string | undefined;
  dispose(): void;
}

/** Cesium resolves relative URLs against the page; make it explicit for workers and credits. */
function absolute(url: string): string {
  return new URL(url, window.location.href).toString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Puts the catalog's tilesets into the scene: 3D Tiles as Cesium3DTileset primitives, imagery
 * as a ground layer over its bounds. A layer that fails reports an error; the scene goes on.
 */
export function createCatalogLayers(
  scene: Scene,
  creditDisplay: CreditDisplay,
  onState: (state: LayerState) => void,
): CatalogLayers {
  const credits: Credit[] = [];
  const tilesets = new Map<string, Cesium3DTileset>();
  const kinds = new Map<string, CatalogEntry['kind']>();
  const hiddenKinds = new Set<CatalogEntry['kind']>(['pipelines']);
  const imagery = new Map<string, ImageryLayer>();
  const requested = new Set<string>();
  let pending = 0;
  let disposed = false;

  function addTileset(entry: CatalogEntry, credit: Credit): void {
    pending++;
    onState({ id: entry.id, phase: 'loading' });
    Cesium3DTileset.fromUrl(absolute(entry.url ?? ''), {
      showCreditsOnScreen: true,
      show: !hiddenKinds.has(entry.kind),
      // Pipe tiles' errors are pipe widths (decimetres): refine sooner so the network reads from
      // a few hundred metres, not only from street level.
      maximumScreenSpaceError: entry.kind === 'pipelines' ? 4 : 16,
    })
      .then((tileset) => {
        if (disposed) {
          tileset.destroy();
          return;
        }
        tilesets.set(entry.id, tileset);
        kinds.set(entry.id, entry.kind);
        tileset.show = !hiddenKinds.has(entry.kind);
        scene.primitives.add(tileset);
        credits.push(credit);
        creditDisplay.addStaticCredit(credit);
        tileset.tileFailed.addEventListener((failure: { message?: string }) => {
          onState({ id: entry.id, phase: 'error', detail: failure.message ?? 'a tile failed to load' });
        });
        onState({ id: entry.id, phase: 'ready' });
      })
      .catch((error: unknown) => {
        if (!disposed) onState({ id: entry.id, phase: 'error', detail: describe(error) });
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
      onState({ id: entry.id, phase: 'error', detail: error.message ?? 'an imagery tile failed to load' });
    });
    scene.imageryLayers.add(layer);
    imagery.set(entry.id, layer);
    onState({ id: entry.id, phase: 'ready' });
  }

  return {
    add(entries, language) {
      for (const entry of entries) {
        if (requested.has(entry.id) || !entry.url) continue;
        requested.add(entry.id);
        const credit = new Credit(language === 'zh' ? entry.attribution.zh : (entry.attribution.en ?? entry.attribution.zh), true);
        if (entry.kind === 'imagery') addImagery(entry, credit);
        else if (entry.kind !== 'vector') addTileset(entry, credit);
      }
      scene.requestRender();
    },
    get pending() {
      return pending;
    },
    setKindVisible(kind, visible) {
      if (visible) hiddenKinds.delete(kind);
      else hiddenKinds.add(kind);
      for (const [id, tileset] of tilesets) if (kinds.get(id) === kind) tileset.show = visible;
      scene.requestRender();
    },
    tilesets() {
      return tilesets.values();
    },
    idOf(tileset) {
      for (const [id, candidate] of tilesets) if (candidate === tileset) return id;
      return undefined;
    },
    dispose() {
      disposed = true;
      for (const tileset of tilesets.values()) {
        if (!scene.isDestroyed()) scene.primitives.remove(tileset);
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
