import { Cesium3DTileset, CesiumWidget, EllipsoidTerrainProvider, type ImageryLayer } from 'cesium';
import 'cesium/Build/Cesium/Widgets/widgets.css';
import { applyOrbitView, PILOT_AREA_VIEW, type OrbitView } from './camera/initialView.js';
import { viewCentre, type ViewCentre } from './camera/viewCentre.js';
import { createOfflineBaseLayer } from './imagery/offlineBaseLayer.js';
import { createPilotAreaOverlay, type PilotAreaLabels } from './overlays/pilotAreaOverlay.js';
import { createReadinessTracker } from './readiness/readinessTracker.js';
import type { SceneStatus } from './sceneStatus.js';

export interface SceneEngineOptions {
  /** Place names drawn in the scene, in the UI's language. */
  readonly labels: PilotAreaLabels;
  /** Where the camera starts. [default: the pilot area] */
  readonly initialView?: OrbitView;
}

export interface SceneEngine {
  /** Called with every status change, and once at once with the current status. */
  onStatus(listener: (status: SceneStatus) => void): () => void;
  readonly status: SceneStatus;
  /** Called after every camera move, and once when the scene is ready. */
  onView(listener: (view: ViewCentre | undefined) => void): () => void;
  /** Redraws the place names, e.g. after a language switch. */
  setLabels(labels: PilotAreaLabels): void;
  /** Releases the WebGL context, listeners and DOM the engine created. */
  dispose(): void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The 3D scene: a Cesium globe with offline imagery, the camera over the pilot area, and a
 * readiness signal once the initial view is fully loaded. Knows nothing of React or the store.
 */
export function createSceneEngine(container: HTMLElement, options: SceneEngineOptions): SceneEngine {
  const listeners = new Set<(status: SceneStatus) => void>();
  const viewListeners = new Set<(view: ViewCentre | undefined) => void>();
  let reportView: () => void = () => undefined;
  let status: SceneStatus = { phase: 'loading', pendingTiles: 0 };
  const setStatus = (next: SceneStatus): void => {
    status = next;
    for (const listener of listeners) listener(status);
  };

  const teardown: Array<() => void> = [() => listeners.clear(), () => viewListeners.clear()];
  let applyLabels: (labels: PilotAreaLabels) => void = () => undefined;
  const engine: SceneEngine = {
    onStatus(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    get status() {
      return status;
    },
    onView(listener) {
      viewListeners.add(listener);
      reportView();
      return () => viewListeners.delete(listener);
    },
    setLabels(labels) {
      applyLabels(labels);
    },
    dispose() {
      // Undo in reverse order of creation: listeners before the widget they listen to.
      for (const undo of teardown.splice(0).reverse()) undo();
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
  applyOrbitView(scene.camera, options.initialView ?? PILOT_AREA_VIEW);
  reportView = () => {
    if (status.phase !== 'ready') return;
    const view = viewCentre(scene);
    for (const listener of viewListeners) listener(view);
  };
  const pilotArea = createPilotAreaOverlay(scene, options.labels);
  applyLabels = (labels) => pilotArea.setLabels(labels);
  teardown.push(() => pilotArea.dispose());

  const tracker = createReadinessTracker({
    isSettled: () => {
      if (!baseLayer.ready || !scene.globe.tilesLoaded) return false;
      for (let i = 0; i < scene.primitives.length; i++) {
        const primitive: unknown = scene.primitives.get(i);
        if (primitive instanceof Cesium3DTileset && primitive.show && !primitive.tilesLoaded) return false;
      }
      return true;
    },
  });

  teardown.push(
    scene.globe.tileLoadProgressEvent.addEventListener((pendingTiles: number) => {
      if (status.phase === 'loading') setStatus({ phase: 'loading', pendingTiles });
    }),
    scene.postRender.addEventListener(() => {
      if (tracker.ready) return;
      if (tracker.afterFrame()) {
        setStatus({ phase: 'ready' });
        reportView();
      } else {
        // In request-render mode nothing draws unless asked: keep drawing until settled.
        scene.requestRender();
      }
    }),
    scene.camera.moveEnd.addEventListener(() => reportView()),
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
