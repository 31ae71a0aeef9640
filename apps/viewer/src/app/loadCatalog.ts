import { fetchCatalog } from '../api/catalogClient.js';
import type { ViewerStore } from '../state/viewerStore.js';

/** Fetches the catalog once into the store; a failure is shown, the globe still comes up. */
export async function loadCatalog(store: ViewerStore, signal?: AbortSignal): Promise<void> {
  try {
    store.getState().setCatalog({ phase: 'ready', entries: await fetchCatalog(signal) });
  } catch (error) {
    if (signal?.aborted) return;
    store.getState().setCatalog({ phase: 'error', detail: error instanceof Error ? error.message : String(error) });
  }
}
