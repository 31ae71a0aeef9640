import { fetchSearch } from '../api/searchClient.js';
import { DEFAULT_LAYER_DISPLAY, type LayerStyle } from '../engine/layers/layerState.js';
import type { ViewerState, ViewerStore } from '../state/viewerStore.js';
import { showSearchResult } from '../ui/search/showSearchResult.js';
import { decodeShareState, EMPTY_SHARE_STATE, withShareState, type ShareState } from './urlState.js';

/** After the last change, wait this long before writing the address bar: a drag is one write. */
const WRITE_DELAY_MS = 300;
/** A view opened by going back or forward (or a bookmark) is flown to in this many seconds. */
const NAVIGATE_FLIGHT_S = 1.5;

/** The selected feature's id, if it has one: what a link can name. */
export function selectedId(state: Pick<ViewerState, 'selection'>): string | undefined {
  const id = state.selection?.properties.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The state a link made now would carry. */
export function currentShareState(state: ViewerState, pendingSelection?: string): ShareState {
  const styles: Record<string, LayerStyle> = {};
  for (const [id, style] of Object.entries(state.styles)) if (style) styles[id] = style;
  return {
    camera: state.engine?.cameraPose() ?? state.initialCamera,
    layers: state.layerDisplay,
    styles,
    selection: selectedId(state) ?? pendingSelection,
    underground: state.underground,
    undergroundArea: state.undergroundArea,
    section: state.section,
  };
}

/** The page's URL with the state in it; other parameters (`lang`, `debug`…) kept. */
export function shareUrl(state: ViewerState, location: Pick<Location, 'origin' | 'pathname' | 'search'>, pendingSelection?: string): string {
  const search = withShareState(location.search, currentShareState(state, pendingSelection), {
    // Layers added by URL come back through `?tileset=` (app/tilesetParam.ts reads it).
    tileset: state.addedLayers.map((layer) => layer.url),
  });
  return `${location.origin}${location.pathname}${search}`;
}

function whenReady(store: ViewerStore, ready: (state: ViewerState) => boolean): Promise<void> {
  if (ready(store.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = store.subscribe((state) => {
      if (!ready(state)) return;
      stop();
      resolve();
    });
  });
}

/**
 * Selects a feature by id as a link names it: once the scene and the catalog are there, the
 * search tells what and where it is (its attributes show at once; a drawn feature is
 * highlighted when its tile comes); an id search does not know (a tileset added by URL) is
 * still looked for in the scene's tiles.
 */
export async function restoreSelection(store: ViewerStore, id: string): Promise<void> {
  await whenReady(store, (s) => s.engine !== undefined && s.catalog.phase !== 'loading');
  let found;
  try {
    found = (await fetchSearch(id, 5)).results.find((result) => result.id === id);
  } catch {
    found = undefined;
  }
  const state = store.getState();
  // The user picked something meanwhile: that wins.
  if (state.selection !== undefined) return;
  if (found) await showSearchResult(store, found, { fly: false, reveal: false });
  else state.engine?.selectFeature(id);
}

/**
 * Puts a shared state into the viewer (a bookmark chosen, a link opened): layers and styles
 * as it says (layers it does not name back to visible and opaque, unstyled), the underground
 * view, the selection; the camera flies there unless `flyS` is 0 (jumps) or it has none.
 */
export async function applyShareState(store: ViewerStore, share: ShareState, options: { readonly flyS: number }): Promise<void> {
  const state = store.getState();
  for (const id of new Set([...Object.keys(state.layerDisplay), ...Object.keys(share.layers)])) {
    state.setLayerDisplay(id, share.layers[id] ?? DEFAULT_LAYER_DISPLAY);
  }
  for (const id of new Set([...Object.keys(state.styles), ...Object.keys(share.styles)])) {
    if (state.styles[id]?.property !== share.styles[id]?.property) state.setLayerStyle(id, share.styles[id]);
  }
  if (state.underground !== share.underground) state.setUnderground(share.underground);
  state.setUndergroundArea(share.undergroundArea);
  state.setSection(share.section);
  if (share.selection === undefined) state.setSelection(undefined);
  else if (share.selection !== selectedId(state)) {
    state.setSelection(undefined);
    void restoreSelection(store, share.selection);
  }
  if (share.camera && state.engine) await state.engine.flyToPose(share.camera, options.flyS);
}

/**
 * Keeps the address bar the shareable state of the view: after every camera move and every
 * change of layers, styles, underground view, section box and selection, the URL is rewritten in place (no
 * history entry per move). The state the page was opened with is put into the store first
 * (the camera is the engine's start, see main.tsx), and a selection it names is restored.
 * A navigation within the page (back, forward, a bookmark: a `popstate`) opens the view its
 * URL names. Returns its undo.
 */
export function startUrlStateSync(store: ViewerStore, initial: ShareState = EMPTY_SHARE_STATE): () => void {
  const state = store.getState();
  for (const [id, display] of Object.entries(initial.layers)) state.setLayerDisplay(id, display);
  for (const [id, style] of Object.entries(initial.styles)) state.setLayerStyle(id, style);
  if (initial.underground) state.setUnderground(true);
  if (initial.undergroundArea) state.setUndergroundArea(initial.undergroundArea);
  if (initial.section) state.setSection(initial.section);

  // Until the link's selection is restored, the link keeps naming it.
  let pendingSelection = initial.selection;
  if (pendingSelection) void restoreSelection(store, pendingSelection).finally(() => (pendingSelection = undefined));

  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = (): void => {
    timer = undefined;
    const url = shareUrl(store.getState(), window.location, pendingSelection);
    if (url !== window.location.href) window.history.replaceState(window.history.state, '', url);
  };
  const stop = store.subscribe((next, previous) => {
    // A rebuilt scene (a lost WebGL context) gets the selection's highlight back.
    if (next.engine && next.engine !== previous.engine && next.selection?.inScene) {
      const id = selectedId(next);
      if (id) next.engine.selectFeature(id);
    }
    const changed =
      next.view !== previous.view ||
      next.engine !== previous.engine ||
      next.layerDisplay !== previous.layerDisplay ||
      next.styles !== previous.styles ||
      next.underground !== previous.underground ||
      next.undergroundArea !== previous.undergroundArea ||
      next.section !== previous.section ||
      next.selection !== previous.selection ||
      next.addedLayers !== previous.addedLayers;
    if (!changed) return;
    clearTimeout(timer);
    timer = setTimeout(write, WRITE_DELAY_MS);
  });
  const onNavigate = (): void => {
    clearTimeout(timer);
    void applyShareState(store, decodeShareState(window.location.search), { flyS: NAVIGATE_FLIGHT_S });
  };
  window.addEventListener('popstate', onNavigate);
  return () => {
    stop();
    clearTimeout(timer);
    window.removeEventListener('popstate', onNavigate);
  };
}
