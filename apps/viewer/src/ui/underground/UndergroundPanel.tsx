import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { drawOnGround } from '../drawing/drawOnGround.js';
import { rectSizeMetres } from '../../engine/drawing/geoRect.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import { ToolPanel } from '../ToolPanel.js';

/**
 * Where the ground is translucent in underground mode: all of it, clearer near the camera
 * (around the view), or only in an area drawn on the ground. Shown while underground is on.
 */
export function UndergroundPanel() {
  const { t } = useTranslation();
  const store = useViewerStoreApi();
  const underground = useViewer((s) => s.underground);
  const area = useViewer((s) => s.undergroundArea);
  const drawing = useViewer((s) => s.drawing === 'underground-area');
  const setUnderground = useViewer((s) => s.setUnderground);
  const setUndergroundArea = useViewer((s) => s.setUndergroundArea);
  const name = useId();
  if (!underground) return null;

  const cancel = (): void => store.getState().engine?.cancelDrawing();
  const draw = (): void => void drawOnGround(store, 'underground-area');
  const aroundView = (): void => {
    if (drawing) cancel();
    setUndergroundArea(undefined);
  };
  const close = (): void => {
    if (drawing) cancel();
    setUnderground(false);
  };
  const size = area && rectSizeMetres(area);
  let hint = t('underground.aroundHint');
  if (drawing) hint = t('drawing.hint');
  else if (size) hint = t('underground.areaSize', { east: Math.round(size.eastM), north: Math.round(size.northM) });

  return (
    <ToolPanel title={t('underground.title')} closeLabel={t('underground.close')} onClose={close} testId="underground-panel" drawing={drawing}>
      <fieldset className="tool-panel__choices">
        <legend className="tool-panel__legend">{t('underground.where')}</legend>
        <label>
          <input type="radio" name={name} checked={!area && !drawing} data-testid="underground-around" onChange={aroundView} />
          {t('underground.aroundView')}
        </label>
        <label>
          <input type="radio" name={name} checked={area !== undefined || drawing} data-testid="underground-in-area" onChange={() => !area && draw()} />
          {t('underground.inArea')}
        </label>
      </fieldset>
      <p className="tool-panel__hint" role="status" data-testid="underground-hint">
        {hint}
      </p>
      {(area || drawing) && (
        <div className="tool-panel__actions">
          {drawing ? (
            <button type="button" className="tool-button" onClick={cancel}>
              {t('drawing.cancel')}
            </button>
          ) : (
            <button type="button" className="tool-button" data-testid="underground-draw" onClick={draw}>
              {t('underground.redraw')}
            </button>
          )}
        </div>
      )}
    </ToolPanel>
  );
}
