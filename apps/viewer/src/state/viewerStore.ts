import { createStore } from 'zustand/vanilla';
import type { ViewCentre } from '../engine/camera/viewCentre.js';
import type { SceneStatus } from '../engine/sceneStatus.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.js';

export interface ViewerState {
  readonly scene: SceneStatus;
  readonly language: Language;
  /** Where the camera looks; undefined until the scene is ready, or when it looks at the sky. */
  readonly view: ViewCentre | undefined;
  setSceneStatus(status: SceneStatus): void;
  setLanguage(language: Language): void;
  setView(view: ViewCentre | undefined): void;
}

export type ViewerStore = ReturnType<typeof createViewerStore>;

/** The viewer's state; a plain store so the engine glue and tests use it without React. */
export function createViewerStore(initial: { language?: Language } = {}) {
  return createStore<ViewerState>()((set) => ({
    scene: { phase: 'loading', pendingTiles: 0 },
    language: initial.language ?? DEFAULT_LANGUAGE,
    view: undefined,
    setSceneStatus: (scene) => set({ scene }),
    setLanguage: (language) => set({ language }),
    setView: (view) => set({ view }),
  }));
}
