import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityReport } from '../engine/quality/adaptiveQuality.js';
import type { SceneHandle } from '../engine/recovery/sceneHandle.js';
import './DebugOverlay.css';

/** How often the overlay reads the controller: often enough to watch it step. */
const REFRESH_MS = 500;

const mb = (bytes: number | undefined): string => (bytes === undefined ? '–' : (bytes / 2 ** 20).toFixed(0));

/**
 * `?debug`: what the adaptive quality controller chose (resolution scale, screen-space error)
 * and why (frame time against its target), with memory and the tiles in the scene.
 */
export function DebugOverlay({ handle }: { handle: SceneHandle }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<QualityReport | undefined>(() => handle.quality?.report());
  const [recoveries, setRecoveries] = useState(handle.recoveries);
  useEffect(() => {
    const timer = setInterval(() => {
      setReport(handle.quality?.report());
      setRecoveries(handle.recoveries);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [handle]);

  const rows: [string, string][] = report
    ? [
        [t('modes.debug.quality'), t(report.adaptive ? 'modes.debug.adaptive' : 'modes.debug.fixed', { level: report.level })],
        [t('modes.debug.resolutionScale'), report.resolutionScale.toFixed(2)],
        [t('modes.debug.canvas'), `${report.canvasWidth}×${report.canvasHeight}`],
        [t('modes.debug.sse'), `${report.maximumScreenSpaceError?.toFixed(1) ?? '–'} (×${report.sseFactor})`],
        [t('modes.debug.frameTime'), `${report.frameMs?.toFixed(0) ?? '–'} / ${report.targetFrameMs.toFixed(0)} ms`],
        [t('modes.debug.heap'), `${mb(report.jsHeapBytes)} / ${mb(report.jsHeapLimitBytes)} MB`],
        [t('modes.debug.tiles'), `${mb(report.tileBytes)} / ${mb(report.cacheBytes)} MB`],
        [t('modes.debug.tilesets'), String(report.tilesetsShown)],
        [t('modes.debug.recoveries'), String(recoveries)],
      ]
    : [[t('modes.debug.quality'), t('modes.debug.noScene')]];

  return (
    <aside
      className="debug-overlay"
      data-testid="debug-overlay"
      data-resolution-scale={report?.resolutionScale}
      data-sse-factor={report?.sseFactor}
      data-frame-ms={report?.frameMs?.toFixed(1)}
      aria-label={t('modes.debug.title')}
    >
      <h2 className="debug-overlay__title">{t('modes.debug.title')}</h2>
      <dl className="debug-overlay__list">
        {rows.map(([label, value]) => (
          <div className="debug-overlay__row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
