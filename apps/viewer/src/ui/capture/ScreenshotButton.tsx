import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { drawAttribution } from '../../engine/capture/captureScene.js';
import { drawLegends } from '../../engine/styling/drawLegend.js';
import type { ViewerState } from '../../state/viewerStore.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import { legendViews } from '../layers/layerLabels.js';

type Phase = 'idle' | 'busy' | 'failed';

/** The sources of what is shown now: each visible layer's attribution, once. */
function attributionLines(state: ViewerState, language: string): string[] {
  if (state.catalog.phase !== 'ready') return [];
  const lines = state.catalog.entries
    .filter((entry) => state.layerDisplay[entry.id]?.visible !== false && (entry.kind !== 'pipelines' || state.underground) && entry.kind !== 'vector')
    .map((entry) => (language === 'en' ? (entry.attribution.en ?? entry.attribution.zh) : entry.attribution.zh));
  return [...new Set(lines)];
}

function fileStamp(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/**
 * Screenshot: the scene as a PNG at its full canvas resolution, with the legends of the styled
 * layers (bottom left, as the page shows them), the sources' attribution (bottom right) and a
 * caption with the time (top left), downloaded.
 */
export function ScreenshotButton() {
  const { t, i18n } = useTranslation();
  const store = useViewerStoreApi();
  const hasScene = useViewer((s) => s.engine !== undefined && s.scene.phase !== 'error');
  const [phase, setPhase] = useState<Phase>('idle');

  const take = async (): Promise<void> => {
    const state = store.getState();
    if (!state.engine) return;
    setPhase('busy');
    const language = i18n.language;
    const now = new Date();
    // The legends the page shows: those of styled layers drawn now (ui/layers/Legend.tsx).
    const shown = Object.values(state.legends).filter((legend) => {
      const layer = state.layers[legend.layerId];
      return layer !== undefined && layer.phase !== 'loading' && layer.shown;
    });
    const views = legendViews(shown, state.catalog.phase === 'ready' ? state.catalog.entries : [], t, language, state.addedLayers);
    const caption = t('capture.caption', {
      title: t('app.title'),
      time: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(now),
    });
    const lines = attributionLines(state, language);
    try {
      const blob = await state.engine.capture((ctx, size) => {
        drawLegends(ctx, views, { left: 12 * size.scale, bottom: size.height - 12 * size.scale, scale: size.scale });
        drawAttribution(ctx, size, { lines, caption });
      });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${t('capture.fileName')}-${fileStamp(now)}.png`;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own copy once it started.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setPhase('idle');
    } catch (error) {
      console.error('screenshot failed', error);
      setPhase('failed');
    }
  };

  return (
    <button
      type="button"
      className="tool-button"
      data-testid="screenshot-button"
      data-state={phase}
      disabled={!hasScene || phase === 'busy'}
      title={phase === 'failed' ? t('capture.failed') : undefined}
      onClick={() => void take()}
    >
      {phase === 'busy' ? t('capture.busy') : t('capture.button')}
    </button>
  );
}
