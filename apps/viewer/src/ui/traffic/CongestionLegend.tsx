import { useTranslation } from 'react-i18next';
import { CONGESTION_COLOURS, CONGESTION_LEVELS, NO_DATA_ALPHA, NO_DATA_COLOUR } from '../../engine/live/links/linkPalette.js';
import './traffic.css';

/** The road colours of the live view: the four congestion levels and the grey of no data. */
export function CongestionLegend() {
  const { t } = useTranslation();
  return (
    <section className="traffic-legend" data-testid="congestion-legend" aria-label={t('traffic.congestion.title')}>
      <h3 className="traffic-legend__title">{t('traffic.congestion.title')}</h3>
      <ul className="traffic-legend__levels">
        {CONGESTION_LEVELS.map((level) => (
          <li className="traffic-legend__level" key={level} data-level={level}>
            <span className="traffic-legend__road" style={{ background: CONGESTION_COLOURS[level] }} aria-hidden="true" />
            <span>{t(`traffic.congestion.level${level}`)}</span>
          </li>
        ))}
        <li className="traffic-legend__level traffic-legend__level--none" data-level="none">
          <span className="traffic-legend__road" style={{ background: NO_DATA_COLOUR, opacity: NO_DATA_ALPHA }} aria-hidden="true" />
          <span>{t('traffic.congestion.noData')}</span>
        </li>
      </ul>
    </section>
  );
}
