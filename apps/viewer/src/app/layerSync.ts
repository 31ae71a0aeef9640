import type { SceneEngine } from '../engine/sceneEngine.js';
import type { ViewerState, ViewerStore } from '../state/viewerStore.js';

/**
 * Keeps the scene's layers as the store says (visibility, opacity, style, layers added by URL)
 * and brings the layers' style options and legends back into the store. A new engine (the
 * scene rebuilt after a lost WebGL context) gets the whole state again.
 */
export function startLayerSync(store: ViewerStore): () => void {
  let engine: SceneEngine | undefined;
  let stopStyling: (() => void) | undefined;
  let last: Pick<ViewerState, 'layerDisplay' | 'styles' | 'addedLayers'> | undefined;

  const apply = (state: ViewerState): void => {
    if (state.engine !== engine) {
      stopStyling?.();
      stopStyling = undefined;
      engine = state.engine;
      last = undefined;
      if (engine) {
        const { setStyleOptions, setLegend } = store.getState();
        stopStyling = engine.onLayerStyling({
          onStyleOptions: ({ id, options }) => setStyleOptions(id, options),
          onLegend: ({ id, legend }) => setLegend(id, legend),
        });
      }
    }
    if (!engine) return;
    // Remember first: the engine answers some calls at once (a legend), which changes the store
    // and comes back here before this call returns.
    const previous = last;
    last = state;
    const { layers } = engine;
    if (state.addedLayers !== previous?.addedLayers) for (const layer of state.addedLayers) layers.addUrl(layer.id, layer.url);
    if (state.layerDisplay !== previous?.layerDisplay) {
      for (const [id, display] of Object.entries(state.layerDisplay)) if (previous?.layerDisplay[id] !== display) layers.setDisplay(id, display);
    }
    if (state.styles !== previous?.styles) {
      for (const [id, style] of Object.entries(state.styles)) if (!previous || previous.styles[id] !== style) layers.setStyle(id, style);
    }
  };

  apply(store.getState());
  const unsubscribe = store.subscribe(apply);
  return () => {
    unsubscribe();
    stopStyling?.();
  };
}
