import { useTranslation } from 'react-i18next';
import { drawOnGround, sectionAroundView } from '../drawing/drawOnGround.js';
import { rectSizeMetres } from '../../engine/drawing/geoRect.js';
import { SECTION_HEIGHT_LIMITS } from '../../engine/section/sectionBox.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import { ToolPanel } from '../ToolPanel.js';

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
    <ToolPanel title={t('section.title')} closeLabel={t('section.close')} onClose={close} testId="section-panel" drawing={drawing}>
      <p className="tool-panel__hint" role="status" data-testid="section-size">
        {drawing ? t('drawing.hint') : t('section.size', { east: Math.round(eastM), north: Math.round(northM), depth: Math.round(section.topM - section.bottomM) })}
      </p>
      <HeightSlider label={t('section.top')} value={section.topM} min={0} max={SECTION_HEIGHT_LIMITS.maxM} step={5} testId="section-top" onChange={setTop} />
      <HeightSlider label={t('section.bottom')} value={section.bottomM} min={SECTION_HEIGHT_LIMITS.minM} max={0} step={1} testId="section-bottom" onChange={setBottom} />
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
    </ToolPanel>
  );
}

interface HeightSliderProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly testId: string;
  readonly onChange: (metres: number) => void;
}

/** One of the box's heights, in metres above the ground. */
function HeightSlider({ label, value, min, max, step, testId, onChange }: HeightSliderProps) {
  const { t } = useTranslation();
  return (
    <label className="tool-panel__range">
      <span>{label}</span>
      <input type="range" min={min} max={max} step={step} value={value} data-testid={testId} onChange={(event) => onChange(Number(event.target.value))} />
      <output>{t('units.metres', { value: Math.round(value) })}</output>
    </label>
  );
}
