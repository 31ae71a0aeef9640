import type { SearchResult } from '@pengcheng/protocol';
import type { ViewerStore } from '../../state/viewerStore.js';

/** Catalog kinds whose features the scene draws and can highlight by id. */
const FEATURE_KINDS = new Set(['buildings', 'pipelines', '3d-tiles']);

export interface ShowOptions {
  /** Fly the camera there (a search), or leave it (a shared link's own camera). */
  readonly fly: boolean;
  /** Turn its layer on (pipelines: the underground view), or keep the layers as they are (a link names them). */
  readonly reveal: boolean;
}

/**
 * Shows a thing found by search: its attributes at once, its feature highlighted once its tile
 * is drawn (the scene's pick then replaces the attributes with the tile's own metadata), its
 * layer turned on and the camera flown there if asked. Resolves when the flight ends (at once
 * without one).
 */
export async function showSearchResult(store: ViewerStore, result: SearchResult, options: ShowOptions): Promise<void> {
  const state = store.getState();
  const entries = state.catalog.phase === 'ready' ? state.catalog.entries : [];
  const entry = entries.find((e) => e.id === result.layerId);
  const drawn = entry !== undefined && FEATURE_KINDS.has(entry.kind);
  if (options.reveal) {
    if (entry?.kind === 'pipelines' && !state.underground) state.setUnderground(true);
    if (entry && state.layerDisplay[entry.id]?.visible === false) state.setLayerDisplay(entry.id, { visible: true });
  }
  state.setSelection({ layerId: result.layerId, properties: result.properties });
  state.engine?.selectFeature(drawn ? result.id : undefined);
  if (!options.fly || !state.engine) return;
  await state.engine.flyTo({
    longitude: result.position.lon,
    latitude: result.position.lat,
    heightM: result.position.height,
    radiusM: result.radiusM,
  });
}
