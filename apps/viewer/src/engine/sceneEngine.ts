import { CesiumWidget, EllipsoidTerrainProvider, type ImageryLayer } from 'cesium';
import 'cesium/Build/Cesium/Widgets/widgets.css';
import type { CatalogEntry } from '@pengcheng/protocol';
import { applyCameraPose, readCameraPose, type CameraPose } from './camera/cameraPose.js';
import { flyToPose, flyToTarget, type FlyTarget } from './camera/flyTo.js';
import { captureScene, type CaptureOverlay } from './capture/captureScene.js';
import { applyOrbitView, PILOT_AREA_VIEW, type OrbitView } from './camera/initialView.js';
import { MORNING_SUN, lightWithFixedSun } from './lighting/fixedDaylight.js';
import { viewCentre, type ViewCentre } from './camera/viewCentre.js';
import { createEmitter } from './emitter.js';
import { createOfflineBaseLayer } from './imagery/offlineBaseLayer.js';
import { createCatalogLayers, createLayerStylingHub, deferLayerControls, type LayerControls, type LayerStylingEvents } from './layers/catalogLayers.js';
import type { LayerState } from './layers/layerState.js';
import { createPilotAreaOverlay, type PilotAreaLabels } from './overlays/pilotAreaOverlay.js';
import { createFeaturePicker, type PickedFeature } from './picking/featurePicker.js';
import { createReadinessTracker } from './readiness/readinessTracker.js';
import type { SceneContext, ScenePlugin } from './sceneContext.js';
import type { SceneStatus } from './sceneStatus.js';
import { drawRectangle, type RectangleDraw } from './drawing/rectangleDraw.js';
import type { GeoRect } from './drawing/geoRect.js';
import { createSectionClipping } from './section/sectionClipping.js';
import type { SectionBox } from './section/sectionBox.js';
import { setUndergroundView } from './underground/undergroundView.js';

export interface SceneEngineOptions {
  /** Place names drawn in the scene, in the UI's language. */
  readonly labels: PilotAreaLabels;
  /** Where the camera starts. [default: looking at the pilot area] */
  readonly initialView?: OrbitView;
  /** An exact starting camera, e.g. from a shared link; wins over `initialView`. */
  readonly initialCamera?: CameraPose;
}

export interface SceneEngine {
  /** Called with every status change, and at once with the current status. */
  onStatus(listener: (status: SceneStatus) => void): () => void;
  /** Called after every camera move, and once when the scene is ready. */
  onView(listener: (view: ViewCentre | undefined) => void): () => void;
  onLayerState(listener: (state: LayerState) => void): () => void;
  /** Called when the user picks a feature, or clicks on nothing (undefined). */
  onPick(listener: (picked: PickedFeature | undefined) => void): () => void;
  readonly status: SceneStatus;
  /**
   * Adds the catalog's layers. The scene is not ready before this is called once: pass an
   * empty list when the catalog could not be had, and the globe alone becomes ready.
   */
  addCatalog(entries: readonly CatalogEntry[], language: 'zh' | 'en'): void;
  /** Translucent ground with the pipelines: in `area` only, or (without) the whole ground, clearer near the camera. */
  setUnderground(on: boolean, area?: GeoRect): void;
  /** Cuts the scene to a section box (the pipelines show in it); undefined draws everything again. */
  setSection(box: SectionBox | undefined): void;
  /**
   * Lets the user draw an area on the ground (press, drag, release); the camera holds still
   * meanwhile. Resolves undefined when cancelled (Escape, `cancelDrawing`, another drawing).
   */
  drawArea(): Promise<GeoRect | undefined>;
  cancelDrawing(): void;
  /** Redraws the place names, e.g. after a language switch. */
  setLabels(labels: PilotAreaLabels): void;
  /**
   * Runs an add-on on the live scene and returns it; it is disposed with the engine (or earlier
   * by its own `dispose`). Undefined when there is no scene (WebGL failed to start).
   */
  attach<T extends ScenePlugin>(plugin: (context: SceneContext) => T): T | undefined;
  /** Per-layer visibility, opacity, thematic style, and tilesets added by URL (engine/layers). */
  readonly layers: LayerControls;
  /** The style options each layer's schema offers and each styled layer's legend, as they become known. */
  onLayerStyling(listener: LayerStylingEvents): () => void;
  /** Flies to look at a thing (a search result); resolves true on arrival, false if cut short. */
  flyTo(target: FlyTarget): Promise<boolean>;
  /** Flies to an exact camera pose (a bookmark); `durationS` 0 jumps. */
  flyToPose(pose: CameraPose, durationS?: number): Promise<boolean>;
  /** Where the camera is now; undefined without a scene. */
  cameraPose(): CameraPose | undefined;
  /**
   * Selects the feature whose `id` property is `id`, as a click on it would (highlight, then
   * `onPick` once a tile holding it is drawn). Undefined removes the highlight, reporting nothing.
   */
  selectFeature(id: string | undefined): void;
  /** A PNG of the scene at its full canvas resolution, with `overlay` drawn over it. */
  capture(overlay?: CaptureOverlay): Promise<Blob>;
  /** Releases the WebGL context, listeners and DOM the engine created. */
  dispose(): void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The 3D scene: a Cesium globe with offline imagery, the catalog's tilesets, the camera over the
 * pilot area, picking, and a readiness signal once the initial view is fully loaded. Knows
 * nothing of React or the store.
 */
export function createSceneEngine(container: HTMLElement, options: SceneEngineOptions): SceneEngine {
  const statusEvents = createEmitter<SceneStatus>();
  const viewEvents = createEmitter<ViewCentre | undefined>();
  const layerEvents = createEmitter<LayerState>();
  const pickEvents = createEmitter<PickedFeature | undefined>();
  const stylingEvents = createLayerStylingHub();
  let status: SceneStatus = { phase: 'loading', pendingTiles: 0 };
  const setStatus = (next: SceneStatus): void => {
    status = next;
    statusEvents.emit(status);
  };

  // Undone in reverse order of creation: listeners before the widget they listen to.
  const teardown: Array<() => void> = [statusEvents.clear, viewEvents.clear, layerEvents.clear, pickEvents.clear, stylingEvents.clear];
  let live: Pick<SceneEngine, 'addCatalog' | 'setUnderground' | 'setSection' | 'drawArea' | 'cancelDrawing' | 'setLabels'> & { reportView(): void; context: SceneContext; layers: LayerControls; selectFeature(id: string | undefined): void } | undefined;

  const engine: SceneEngine = {
    onStatus(listener) {
      const off = statusEvents.on(listener);
      listener(status);
      return off;
    },
    onView(listener) {
      const off = viewEvents.on(listener);
      live?.reportView();
      return off;
    },
    onLayerState: (listener) => layerEvents.on(listener),
    onPick: (listener) => pickEvents.on(listener),
    onLayerStyling: (listener) => stylingEvents.on(listener),
    layers: deferLayerControls(() => live?.layers),
    get status() {
      return status;
    },
    addCatalog: (entries, language) => live?.addCatalog(entries, language),
    setUnderground: (on, area) => live?.setUnderground(on, area),
    setSection: (box) => live?.setSection(box),
    drawArea: () => live?.drawArea() ?? Promise.resolve(undefined),
    cancelDrawing: () => live?.cancelDrawing(),
    setLabels: (labels) => live?.setLabels(labels),
    flyTo: (target) => (live ? flyToTarget(widget.scene.camera, target) : Promise.resolve(false)),
    flyToPose: (pose, durationS) => (live ? flyToPose(widget.scene.camera, pose, durationS === undefined ? {} : { durationS }) : Promise.resolve(false)),
    cameraPose: () => (live ? readCameraPose(widget.scene.camera) : undefined),
    selectFeature: (id) => live?.selectFeature(id),
    capture: (overlay) => (live ? captureScene(widget, overlay) : Promise.reject(new Error('there is no scene to capture'))),
    attach(plugin) {
      if (!live) return undefined;
      const attached = plugin(live.context);
      teardown.push(() => attached.dispose());
      return attached;
    },
    dispose() {
      for (const undo of teardown.splice(0).reverse()) undo();
      live = undefined;
    },
  };

  let baseLayer: ImageryLayer;
  let widget: CesiumWidget;
  try {
    baseLayer = createOfflineBaseLayer();
    widget = new CesiumWidget(container, {
      baseLayer,
      terrainProvider: new EllipsoidTerrainProvider(),
      // Render only when something changes: walls run for days, and software WebGL is slow.
      requestRenderMode: true,
      maximumRenderTimeChange: Number.POSITIVE_INFINITY,
      showRenderLoopErrors: false,
    });
  } catch (error) {
    setStatus({ phase: 'error', reason: 'webgl', detail: describe(error) });
    return engine;
  }
  teardown.push(() => {
    if (!widget.isDestroyed()) widget.destroy();
  });

  const { scene } = widget;
  lightWithFixedSun(scene, { ...PILOT_AREA_VIEW, ...MORNING_SUN });
  if (options.initialCamera) applyCameraPose(scene.camera, options.initialCamera);
  else applyOrbitView(scene.camera, options.initialView ?? PILOT_AREA_VIEW);
  const pilotArea = createPilotAreaOverlay(scene, options.labels);
  teardown.push(() => pilotArea.dispose());
  const layers = createCatalogLayers(scene, widget.creditDisplay, layerEvents.emit, stylingEvents.events);
  teardown.push(() => layers.dispose());
  const picker = createFeaturePicker(scene, (feature) => layers.idOf(feature.tileset), pickEvents.emit, () => layers.tilesets());
  teardown.push(() => picker.dispose());

  const section = createSectionClipping(scene, () => layers.tilesets());
  teardown.push(() => section.dispose());
  let drawing: RectangleDraw | undefined;
  teardown.push(() => drawing?.cancel());
  // Pipelines are below the ground: they show when it is translucent or cut open.
  const below = { underground: false, section: false };
  const showPipelines = (): void => layers.setKindVisible('pipelines', below.underground || below.section);

  let catalogKnown = false;
  const tracker = createReadinessTracker({
    isSettled: () => {
      if (!catalogKnown || layers.pending > 0) return false;
      if (!baseLayer.ready || !scene.globe.tilesLoaded) return false;
      for (const tileset of layers.tilesets()) if (tileset.show && !tileset.tilesLoaded) return false;
      return true;
    },
  });

  live = {
    addCatalog(entries, language) {
      catalogKnown = true;
      layers.add(entries, language);
    },
    setUnderground(on, area) {
      setUndergroundView(scene, on, area);
      below.underground = on;
      showPipelines();
    },
    setSection(box) {
      section.set(box);
      below.section = box !== undefined;
      showPipelines();
    },
    drawArea() {
      drawing?.cancel();
      const current = drawRectangle(scene);
      drawing = current;
      return current.result.finally(() => {
        if (drawing === current) drawing = undefined;
      });
    },
    cancelDrawing: () => drawing?.cancel(),
    setLabels: (labels) => pilotArea.setLabels(labels),
    reportView() {
      if (status.phase === 'ready') viewEvents.emit(viewCentre(scene));
    },
    context: { widget, scene, tilesets: () => layers.tilesets() },
    selectFeature: (id) => (id === undefined ? picker.clear() : picker.selectById(id)),
    layers,
  };

  teardown.push(
    scene.globe.tileLoadProgressEvent.addEventListener((pendingTiles: number) => {
      if (status.phase === 'loading') setStatus({ phase: 'loading', pendingTiles });
    }),
    scene.postRender.addEventListener(() => {
      if (tracker.ready) return;
      if (tracker.afterFrame()) {
        setStatus({ phase: 'ready' });
        live?.reportView();
      } else {
        // In request-render mode nothing draws unless asked: keep drawing until settled.
        scene.requestRender();
      }
    }),
    scene.camera.moveEnd.addEventListener(() => live?.reportView()),
    scene.renderError.addEventListener((_scene: unknown, error: unknown) => {
      setStatus({ phase: 'error', reason: 'render', detail: describe(error) });
    }),
    baseLayer.errorEvent.addEventListener((error: unknown) => {
      setStatus({ phase: 'error', reason: 'imagery', detail: describe(error) });
    }),
  );
  scene.requestRender();
  return engine;
}
