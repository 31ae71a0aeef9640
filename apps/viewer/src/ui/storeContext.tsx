import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ViewerState, ViewerStore } from '../state/viewerStore.js';

const StoreContext = createContext<ViewerStore | null>(null);

export function StoreProvider({ store, children }: { store: ViewerStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for handlers that read and change several slices at once. */
export function useViewerStoreApi(): ViewerStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useViewer must be used inside <StoreProvider>');
  return store;
}

/** Reads one slice of the viewer state; re-renders only when that slice changes. */
export function useViewer<T>(selector: (state: ViewerState) => T): T {
  return useStore(useViewerStoreApi(), selector);
}
