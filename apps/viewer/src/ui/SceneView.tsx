import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraPose } from '../engine/camera/cameraPose.js';
import type { OrbitView } from '../engine/camera/initialView.js';
import { createSceneEngine, type SceneEngine } from '../engine/sceneEngine.js';
import { useViewer } from './storeContext.js';

export interface SceneViewProps {
  /** Where the camera starts when no shared link says otherwise (a mode's own framing). */
  readonly initialView?: OrbitView;
  /** An exact start camera; wins over the store's (a scene rebuilt where the last one was). */
  readonly initialCamera?: CameraPose;
  /** Called with each engine created; its undo runs before the engine is disposed. */
  readonly onEngine?: (engine: SceneEngine) => () => void;
}

/**
 * The element the 3D scene draws into. It owns the engine's lifetime (create on mount,
 * dispose on unmount) and marks itself `data-ready` once the initial view is fully loaded.
 */
export function SceneView({ initialView, initialCamera: cameraOverride, onEngine }: SceneViewProps = {}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const setSceneStatus = useViewer((s) => s.setSceneStatus);
  const setView = useViewer((s) => s.setView);
  const setLayerState = useViewer((s) => s.setLayerState);
  const setSelection = useViewer((s) => s.setSelection);
  const setEngine = useViewer((s) => s.setEngine);
  const hasSelection = useViewer((s) => s.selection !== undefined);
  const catalog = useViewer((s) => s.catalog);
  const underground = useViewer((s) => s.underground);
  const undergroundArea = useViewer((s) => s.undergroundArea);
  const section = useViewer((s) => s.section);
  const language = useViewer((s) => s.language);
  const phase = useViewer((s) => s.scene.phase);
  const view = useViewer((s) => s.view);

  const engine = useRef<SceneEngine | null>(null);
  const labels = useMemo(
    () => ({ pilotArea: t('scene.places.pilotArea'), administrativeCentre: t('scene.places.administrativeCentre') }),
    [t],
  );
  // The engine is created once; later label changes go through setLabels, not a new engine.
  const initialLabels = useRef(labels);
  const storedCamera = useViewer((s) => s.initialCamera);
  const initialCamera = useRef(cameraOverride ?? storedCamera);
  // Read once, at creation, like the camera: a mode's framing does not rebuild the scene.
  const startView = useRef(initialView);
  const engineCallback = useRef(onEngine);

  useEffect(() => {
    if (!container.current) return undefined;
    const created = createSceneEngine(container.current, {
      labels: initialLabels.current,
      initialCamera: initialCamera.current,
      ...(startView.current ? { initialView: startView.current } : {}),
    });
    engine.current = created;
    setEngine(created);
    const undoOnEngine = engineCallback.current?.(created);
    const unsubscribeStatus = created.onStatus(setSceneStatus);
    const unsubscribers = [
      created.onView(setView),
      created.onLayerState(setLayerState),
      created.onPick(setSelection),
    ];
    return () => {
      undoOnEngine?.();
      unsubscribeStatus();
      for (const unsubscribe of unsubscribers) unsubscribe();
      setEngine(undefined);
      created.dispose();
      engine.current = null;
    };
  }, [setSceneStatus, setView, setLayerState, setSelection, setEngine]);

  // A selection closed anywhere (the attribute panel's ×) takes its highlight with it.
  useEffect(() => {
    if (!hasSelection) engine.current?.selectFeature(undefined);
  }, [hasSelection]);

  // The catalog arrives once; the engine keeps layers it already has.
  useEffect(() => {
    if (catalog.phase === 'loading') return;
    engine.current?.addCatalog(catalog.phase === 'ready' ? catalog.entries : [], language === 'zh-CN' ? 'zh' : 'en');
  }, [catalog, language]);

  useEffect(() => {
    engine.current?.setUnderground(underground, undergroundArea);
  }, [underground, undergroundArea]);

  useEffect(() => {
    engine.current?.setSection(section);
  }, [section]);

  useEffect(() => {
    engine.current?.setLabels(labels);
  }, [labels]);

  return (
    <div
      ref={container}
      className="scene"
      data-testid="scene"
      data-ready={phase === 'ready' ? 'true' : 'false'}
      data-view-centre={view ? `${view.longitude.toFixed(5)},${view.latitude.toFixed(5)}` : undefined}
      role="img"
      aria-label={t('scene.label')}
      aria-busy={phase === 'loading'}
    />
  );
}
