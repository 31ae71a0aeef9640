import { useTranslation } from 'react-i18next';
import { useViewer } from './storeContext.js';

/** Product name, the place, and the language switch. */
export function TopBar() {
  const { t } = useTranslation();
  const language = useViewer((s) => s.language);
  const setLanguage = useViewer((s) => s.setLanguage);

  return (
    <header className="topbar">
      <div className="topbar__titles">
        <h1 className="topbar__title">{t('app.title')}</h1>
        <p className="topbar__subtitle">{t('app.subtitle')}</p>
      </div>
      <button
        type="button"
        className="tool-button topbar__language"
        aria-label={t('language.switchLabel')}
        onClick={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
      >
        {t('language.switchTo')}
      </button>
    </header>
  );
}
