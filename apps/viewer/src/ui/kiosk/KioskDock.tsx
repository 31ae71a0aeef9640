import { useTranslation } from 'react-i18next';
import type { TourStop } from '../../engine/tour/tourStops.js';
import type { Language } from '../../i18n/languages.js';

export interface KioskDockProps {
  readonly stops: readonly TourStop[];
  readonly language: Language;
  onHome(): void;
  onTour(): void;
  onPlace(stop: TourStop): void;
  onLanguage(): void;
}

/**
 * The kiosk's controls, all at the bottom within a standing visitor's reach, each a large touch
 * target: the district's places to fly to, and home, the tour and the language.
 */
export function KioskDock({ stops, language, onHome, onTour, onPlace, onLanguage }: KioskDockProps) {
  const { t } = useTranslation();
  return (
    <nav className="kiosk__dock" aria-label={t('modes.kiosk.controls')}>
      {stops.length > 0 && (
        <section className="kiosk__places" aria-label={t('modes.kiosk.places')}>
          <h2 className="kiosk__places-title">{t('modes.kiosk.places')}</h2>
          <ul className="kiosk__place-list">
            {stops.map((stop) => (
              <li key={stop.id}>
                <button type="button" className="kiosk-button kiosk-button--place" data-kiosk-control="place" data-place={stop.id} onClick={() => onPlace(stop)}>
                  {language === 'en' ? (stop.name.en ?? stop.name.zh) : stop.name.zh}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="kiosk__actions">
        <button type="button" className="kiosk-button kiosk-button--primary" data-kiosk-control="home" onClick={onHome}>
          <span aria-hidden="true" className="kiosk-button__icon">⌂</span>
          {t('modes.kiosk.home')}
        </button>
        <button type="button" className="kiosk-button" data-kiosk-control="tour" onClick={onTour} disabled={stops.length === 0}>
          <span aria-hidden="true" className="kiosk-button__icon">▶</span>
          {t('modes.kiosk.tour')}
        </button>
        <button type="button" className="kiosk-button" data-kiosk-control="language" lang={language === 'zh-CN' ? 'en' : 'zh-CN'} aria-label={t('language.switchLabel')} onClick={onLanguage}>
          {t('language.switchTo')}
        </button>
      </div>
    </nav>
  );
}
