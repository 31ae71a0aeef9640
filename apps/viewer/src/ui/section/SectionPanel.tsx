import { useTranslation } from 'react-i18next';
import { drawOnGround, sectionAroundView } from '../drawing/drawOnGround.js';
import { rectSizeMetres } from '../../engine/drawing/geoRect.js';
import { SECTION_HEIGHT_LIMITS } from '../../engine/section/sectionBox.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import '../toolPanel.css';

/** Heights are kept at least this far apart, so the box never closes. */
const MIN_DEPTH_M = 5;

/**
 * The section box's controls: its size, its top and bottom, draw it anew on the ground, or put
 * it around the view again. Shown while there is a box.
 */
export function SectionPanel() {
  const { t } = useTranslation();
  const store = useViewerStoreApi();
  const section = useViewer((s) => s.section);
  const drawing = useViewer((s) => s.drawing === 'section');
  const setSection = useViewer((s) => s.setSection);
  if (!section) return null;

  const { eastM, northM } = rectSizeMetres(section);
  const setTop = (topM: number): void => setSection({ ...section, topM: Math.max(topM, section.bottomM + MIN_DEPTH_M) });
  const setBottom = (bottomM: number): void => setSection({ ...section, bottomM: Math.min(bottomM, section.topM - MIN_DEPTH_M) });
  const close = (): void => {
    if (drawing) store.getState().engine?.cancelDrawing();
    setSection(undefined);
  };
  const aroundView = (): void => {
    const box = sectionAroundView(store, section);
    if (box) setSection(box);
  };

  return (
    <section className="panel tool-panel" data-testid="section-panel" data-drawing={drawing ? 'true' : 'false'} aria-label={t('section.title')}>
      <header className="panel__header">
        <h2 className="panel__title">{t('section.title')}</h2>
        <button type="button" className="panel__close" aria-label={t('section.close')} onClick={close}>
          ×
        </button>
      </header>
      <div className="tool-panel__body">
        <p className="tool-panel__hint" role="status" data-testid="section-size">
          {drawing ? t('drawing.hint') : t('section.size', { east: Math.round(eastM), north: Math.round(northM), depth: Math.round(section.topM - section.bottomM) })}
        </p>
        <label className="tool-panel__range">
          <span>{t('section.top')}</span>
          <input
            type="range"
            min={0}
            max={SECTION_HEIGHT_LIMITS.maxM}
            step={5}
            value={section.topM}
            data-testid="section-top"
            onChange={(event) => setTop(Number(event.target.value))}
          />
          <output>{t('units.metres', { value: Math.round(section.topM) })}</output>
        </label>
        <label className="tool-panel__range">
          <span>{t('section.bottom')}</span>
          <input
            type="range"
            min={SECTION_HEIGHT_LIMITS.minM}
            max={0}
            step={1}
            value={section.bottomM}
            data-testid="section-bottom"
            onChange={(event) => setBottom(Number(event.target.value))}
          />
          <output>{t('units.metres', { value: Math.round(section.bottomM) })}</output>
        </label>
        <div className="tool-panel__actions">
          {drawing ? (
            <button type="button" className="tool-button" onClick={() => store.getState().engine?.cancelDrawing()}>
              {t('drawing.cancel')}
            </button>
          ) : (
            <button type="button" className="tool-button" data-testid="section-draw" onClick={() => void drawOnGround(store, 'section')}>
              {t('section.draw')}
            </button>
          )}
          <button type="button" className="tool-button" disabled={drawing} onClick={aroundView}>
            {t('section.aroundView')}
          </button>
        </div>
      </div>
    </section>
  );
}
