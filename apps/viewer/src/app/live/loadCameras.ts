import { fetchCameras } from '../../api/camerasClient.js';
import type { ViewerStore } from '../../state/viewerStore.js';

const OVERLAYS_ID = 'district-overlays';

/** Loads the district's cameras once the catalog names the overlays (the incident panel lists those nearby). */
export function startCameraLoad(store: ViewerStore): () => void {
  const abort = new AbortController();
  let started = false;
  const unsubscribe = store.subscribe((state) => {
    if (started || state.catalog.phase !== 'ready') return;
    const url = state.catalog.entries.find((entry) => entry.id === OVERLAYS_ID)?.url?.replace('layers.json', 'cameras.geojson');
    if (!url) return;
    started = true;
    fetchCameras(url, abort.signal).then(
      (cameras) => store.getState().setCameras(cameras),
      (error: unknown) => {
        if (!abort.signal.aborted) console.warn(`cameras not loaded: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  });
  return () => {
    abort.abort();
    unsubscribe();
  };
}
