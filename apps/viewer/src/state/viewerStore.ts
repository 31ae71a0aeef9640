import type { CatalogEntry, LocalizedName } from '@pengcheng/protocol';
import { createStore } from 'zustand/vanilla';
import type { CameraPose } from '../engine/camera/cameraPose.js';
import type { ViewCentre } from '../engine/camera/viewCentre.js';
import type { GeoRect } from '../engine/drawing/geoRect.js';
import type { SectionBox } from '../engine/section/sectionBox.js';
import type { HeatmapQuantityId } from '../engine/live/heatmap/heatmapScale.js';
import type { AddedLayerRef } from '../engine/layers/addedLayer.js';
import type { LayerDisplay, LayerState, LayerStyle } from '../engine/layers/layerState.js';
import type { StyleOption } from '../engine/styling/styleOptions.js';
import type { Legend } from '../engine/styling/styleRule.js';
import type { PickedFeature } from '../engine/picking/featurePicker.js';
import type { SceneStatus } from '../engine/sceneStatus.js';
import type { SceneEngine } from '../engine/sceneEngine.js';
import { INITIAL_LIVE, type LiveSlice } from './liveSlice.js';
import { IDLE_SEARCH, type SearchAnswer } from './searchState.js';
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
  /** The live scene's commands (fly to, select, capture); a rebuilt scene is a new engine. */
  readonly engine: SceneEngine | undefined;
  /** What the search box holds (trimmed), and the server's answer to it. */
  readonly searchQuery: string;
  readonly searchAnswer: SearchAnswer;
  readonly underground: boolean;
  /** Where the ground is translucent in underground mode; undefined = the whole ground, clearer near the camera. */
  readonly undergroundArea: GeoRect | undefined;
  /** The section box the scene is cut to, if any. */
  readonly section: SectionBox | undefined;
  /** What an area being drawn on the ground is for, while one is. */
  readonly drawing: DrawingPurpose | undefined;
  /** Per layer: what the user chose (visible, opacity); a layer without an entry is visible and opaque. */
  readonly layerDisplay: Readonly<Record<string, LayerDisplay>>;
  /** Per layer: the property it is coloured by (a share link carries it); undefined = its own look. */
  readonly styles: Readonly<Record<string, LayerStyle | undefined>>;
  /** 3D Tiles layers a planner added by URL (or `?tileset=`), in the order added. */
  readonly addedLayers: readonly AddedLayer[];
  /** Per layer: the properties its schema offers for colouring (from the engine). */
  readonly styleOptions: Readonly<Record<string, readonly StyleOption[]>>;
  /** Per styled layer: its legend (from the engine). */
  readonly legends: Readonly<Record<string, Legend>>;
  /** The live data the screen's token may see (app/live keeps it current). */
  readonly live: LiveSlice;
  /** The district's cameras (for the incidents nearby); empty until loaded. */
  readonly cameras: readonly { readonly id: string; readonly name: LocalizedName; readonly lon: number; readonly lat: number }[];
  /** The quantity the live heatmap shows, if any. */
  readonly heatmap: HeatmapQuantityId | undefined;
  setSceneStatus(status: SceneStatus): void;
  setLanguage(language: Language): void;
  setView(view: ViewCentre | undefined): void;
  setCatalog(catalog: CatalogStatus): void;
  setLayerState(state: LayerState): void;
  setSelection(selection: PickedFeature | undefined): void;
  setEngine(engine: SceneEngine | undefined): void;
  setSearchQuery(query: string): void;
  setSearchAnswer(answer: SearchAnswer): void;
  setUnderground(on: boolean): void;
  setUndergroundArea(area: GeoRect | undefined): void;
  setSection(box: SectionBox | undefined): void;
  setDrawing(purpose: DrawingPurpose | undefined): void;
  setLayerDisplay(id: string, change: Partial<LayerDisplay>): void;
  setLayerStyle(id: string, style: LayerStyle | undefined): void;
  /** Adds a layer by URL, once per URL. */
  addLayer(layer: AddedLayer): void;
  setStyleOptions(id: string, options: readonly StyleOption[]): void;
  setLegend(id: string, legend: Legend | undefined): void;
  setLive(change: Partial<LiveSlice>): void;
  setHeatmap(quantity: HeatmapQuantityId | undefined): void;
  setCameras(cameras: ViewerState['cameras']): void;
}

/** An area drawn on the ground becomes the translucent area or the section box's footprint. */
export type DrawingPurpose = 'underground-area' | 'section';

/** A 3D Tiles layer added by the URL of its tileset.json; `id` derives from the URL. */
export type AddedLayer = AddedLayerRef;

export type ViewerStore = ReturnType<typeof createViewerStore>;

/** The viewer's state; a plain store so the engine glue and tests use it without React. */
export function createViewerStore(initial: { language?: Language; camera?: CameraPose; addedLayers?: readonly AddedLayer[] } = {}) {
  return createStore<ViewerState>()((set) => ({
    scene: { phase: 'loading', pendingTiles: 0 },
    language: initial.language ?? DEFAULT_LANGUAGE,
    initialCamera: initial.camera,
    view: undefined,
    catalog: { phase: 'loading' },
    layers: {},
    selection: undefined,
    engine: undefined,
    searchQuery: '',
    searchAnswer: IDLE_SEARCH,
    underground: false,
    undergroundArea: undefined,
    section: undefined,
    drawing: undefined,
    layerDisplay: {},
    styles: {},
    addedLayers: initial.addedLayers ?? [],
    styleOptions: {},
    legends: {},
    live: INITIAL_LIVE,
    heatmap: undefined,
    cameras: [],
    setSceneStatus: (scene) => set({ scene }),
    setLanguage: (language) => set({ language }),
    setView: (view) => set({ view }),
    setCatalog: (catalog) => set({ catalog }),
    setLayerState: (state) => set((s) => ({ layers: { ...s.layers, [state.id]: state } })),
    setSelection: (selection) => set({ selection }),
    setEngine: (engine) => set({ engine }),
    setSearchQuery: (searchQuery) => set({ searchQuery: searchQuery.trim() }),
    setSearchAnswer: (searchAnswer) => set({ searchAnswer }),
    setUnderground: (underground) => set({ underground }),
    setUndergroundArea: (undergroundArea) => set({ undergroundArea }),
    setSection: (section) => set({ section }),
    setDrawing: (drawing) => set({ drawing }),
    setLayerDisplay: (id, change) =>
      set((s) => ({ layerDisplay: { ...s.layerDisplay, [id]: { ...(s.layerDisplay[id] ?? { visible: true, opacity: 1 }), ...change } } })),
    setLayerStyle: (id, style) => set((s) => ({ styles: { ...s.styles, [id]: style } })),
    addLayer: (layer) => set((s) => (s.addedLayers.some((l) => l.id === layer.id || l.url === layer.url) ? {} : { addedLayers: [...s.addedLayers, layer] })),
    setStyleOptions: (id, options) => set((s) => ({ styleOptions: { ...s.styleOptions, [id]: options } })),
    setLegend: (id, legend) =>
      set((s) => ({ legends: legend ? { ...s.legends, [id]: legend } : Object.fromEntries(Object.entries(s.legends).filter(([key]) => key !== id)) })),
    setLive: (change) => set((s) => ({ live: { ...s.live, ...change } })),
    setHeatmap: (heatmap) => set({ heatmap }),
    setCameras: (cameras) => set({ cameras }),
  }));
}
