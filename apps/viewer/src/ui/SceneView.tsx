import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { createSceneEngine, type SceneEngine } from '../engine/sceneEngine.js';
import { useViewer } from './storeContext.js';

/**
 * The element the 3D scene draws into. It owns the engine's lifetime (create on mount,
 * dispose on unmount) and marks itself `data-ready` once the initial view is fully loaded.
 */
export function SceneView() {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const setSceneStatus = useViewer((s) => s.setSceneStatus);
  const setView = useViewer((s) => s.setView);
  const setLayerState = useViewer((s) => s.setLayerState);
  const setSelection = useViewer((s) => s.setSelection);
  const catalog = useViewer((s) => s.catalog);
  const underground = useViewer((s) => s.underground);
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
  const initialCamera = useRef(useViewer((s) => s.initialCamera));

  useEffect(() => {
    if (!container.current) return undefined;
    const created = createSceneEngine(container.current, {
      labels: initialLabels.current,
      initialCamera: initialCamera.current,
    });
    engine.current = created;
    const unsubscribeStatus = created.onStatus(setSceneStatus);
    const unsubscribers = [
      created.onView(setView),
      created.onLayerState(setLayerState),
      created.onPick(setSelection),
    ];
    return () => {
      unsubscribeStatus();
      for (const unsubscribe of unsubscribers) unsubscribe();
      created.dispose();
      engine.current = null;
    };
  }, [setSceneStatus, setView, setLayerState, setSelection]);

  // The catalog arrives once; the engine keeps layers it already has.
  useEffect(() => {
    if (catalog.phase === 'loading') return;
    engine.current?.addCatalog(catalog.phase === 'ready' ? catalog.entries : [], language === 'zh-CN' ? 'zh' : 'en');
  }, [catalog, language]);

  useEffect(() => {
    engine.current?.setUnderground(underground);
  }, [underground]);

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
