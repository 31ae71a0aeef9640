import { useTranslation } from 'react-i18next';
import { useViewer } from './storeContext.js';

/** Tells a person the scene is still coming (and how much is left), or why it failed. */
export function LoadingOverlay() {
  const { t } = useTranslation();
  const scene = useViewer((s) => s.scene);

  if (scene.phase === 'ready') return null;
  if (scene.phase === 'error') {
    return (
      <div className="overlay overlay--error" role="alert" data-testid="scene-error">
        <p>{t(`scene.error.${scene.reason}`)}</p>
      </div>
    );
  }
  return (
    <div className="overlay" role="status" aria-live="polite" data-testid="scene-loading">
      <div className="spinner" aria-hidden="true" />
      <p>{t('scene.loading')}</p>
      {scene.pendingTiles > 0 && (
        <p className="overlay__detail">{t('scene.pendingTiles', { count: scene.pendingTiles })}</p>
      )}
    </div>
  );
}
