import { useTranslation } from 'react-i18next';
import { sectionAroundView } from '../drawing/drawOnGround.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';

/** Puts a section box around where the camera looks, or takes it away. */
export function SectionToggle() {
  const { t } = useTranslation();
  const store = useViewerStoreApi();
  const on = useViewer((s) => s.section !== undefined);
  const hasView = useViewer((s) => s.view !== undefined);
  const toggle = (): void => {
    const state = store.getState();
    if (state.section) {
      if (state.drawing === 'section') state.engine?.cancelDrawing();
      state.setSection(undefined);
      return;
    }
    const box = sectionAroundView(store);
    if (box) state.setSection(box);
  };
  return (
    <button type="button" className="tool-button" aria-pressed={on} disabled={!on && !hasView} data-testid="section-toggle" onClick={toggle}>
      {t('tools.section')}
    </button>
  );
}
