import type { CatalogEntry } from '@pengcheng/protocol';
import { createStore } from 'zustand/vanilla';
import type { CameraPose } from '../engine/camera/cameraPose.js';
import type { ViewCentre } from '../engine/camera/viewCentre.js';
import type { LayerState } from '../engine/layers/layerState.js';
import type { PickedFeature } from '../engine/picking/featurePicker.js';
import type { SceneStatus } from '../engine/sceneStatus.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.js';

export type CatalogStatus =
  | { readonly phase: 'loading' }
  | { readonly phase: 'ready'; readonly entries: readonly CatalogEntry[] }
  | { readonly phase: 'error'; readonly detail: string };

export interface ViewerState {
  readonly scene: SceneStatus;
  readonly language: Language;
  /** The camera the page was opened with (a shared link), if any. */
  readonly initialCamera: CameraPose | undefined;
  /** Where the camera looks; undefined until the scene is ready, or when it looks at the sky. */
  readonly view: ViewCentre | undefined;
  readonly catalog: CatalogStatus;
  readonly layers: Readonly<Record<string, LayerState>>;
  /** The feature the user picked, with its metadata. */
  readonly selection: PickedFeature | undefined;
  readonly underground: boolean;
  setSceneStatus(status: SceneStatus): void;
  setLanguage(language: Language): void;
  setView(view: ViewCentre | undefined): void;
  setCatalog(catalog: CatalogStatus): void;
  setLayerState(state: LayerState): void;
  setSelection(selection: PickedFeature | undefined): void;
  setUnderground(on: boolean): void;
}

export type ViewerStore = ReturnType<typeof createViewerStore>;

/** The viewer's state; a plain store so the engine glue and tests use it without React. */
export function createViewerStore(initial: { language?: Language; camera?: CameraPose } = {}) {
  return createStore<ViewerState>()((set) => ({
    scene: { phase: 'loading', pendingTiles: 0 },
    language: initial.language ?? DEFAULT_LANGUAGE,
    initialCamera: initial.camera,
    view: undefined,
    catalog: { phase: 'loading' },
    layers: {},
    selection: undefined,
    underground: false,
    setSceneStatus: (scene) => set({ scene }),
    setLanguage: (language) => set({ language }),
    setView: (view) => set({ view }),
    setCatalog: (catalog) => set({ catalog }),
    setLayerState: (state) => set((s) => ({ layers: { ...s.layers, [state.id]: state } })),
    setSelection: (selection) => set({ selection }),
    setUnderground: (underground) => set({ underground }),
  }));
}
