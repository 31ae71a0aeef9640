import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { createSceneEngine } from '../engine/sceneEngine.js';
import { useViewer } from './storeContext.js';

/**
 * The element the 3D scene draws into. It owns the engine's lifetime (create on mount,
 * dispose on unmount) and marks itself `data-ready` once the initial view is fully loaded.
 */
export function SceneView() {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const setSceneStatus = useViewer((s) => s.setSceneStatus);
  const phase = useViewer((s) => s.scene.phase);

  useEffect(() => {
    if (!container.current) return undefined;
    const engine = createSceneEngine(container.current);
    const unsubscribe = engine.onStatus(setSceneStatus);
    return () => {
      unsubscribe();
      engine.dispose();
    };
  }, [setSceneStatus]);

  return (
    <div
      ref={container}
      className="scene"
      data-testid="scene"
      data-ready={phase === 'ready' ? 'true' : 'false'}
      role="img"
      aria-label={t('scene.label')}
      aria-busy={phase === 'loading'}
    />
  );
}
