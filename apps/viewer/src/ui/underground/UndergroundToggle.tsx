import { useTranslation } from 'react-i18next';
import { useViewer } from '../storeContext.js';

/** Makes the ground translucent so the pipelines below it show. */
export function UndergroundToggle() {
  const { t } = useTranslation();
  const underground = useViewer((s) => s.underground);
  const setUnderground = useViewer((s) => s.setUnderground);
  return (
    <button
      type="button"
      className="tool-button"
      aria-pressed={underground}
      data-testid="underground-toggle"
      onClick={() => setUnderground(!underground)}
    >
      {t('tools.underground')}
    </button>
  );
}
