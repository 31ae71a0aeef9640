import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../storeContext.js';
import { legendViews } from './layerLabels.js';
import './layers.css';

/** The legend of each styled layer that is drawn now. */
export function Legend() {
  const { t, i18n } = useTranslation();
  const legends = useViewer((s) => s.legends);
  const states = useViewer((s) => s.layers);
  const catalog = useViewer((s) => s.catalog);
  const added = useViewer((s) => s.addedLayers);
  const views = useMemo(() => {
    const shown = Object.values(legends).filter((legend) => {
      const state = states[legend.layerId];
      return state !== undefined && state.phase !== 'loading' && state.shown;
    });
    return legendViews(shown, catalog.phase === 'ready' ? catalog.entries : [], t, i18n.language, added);
  }, [legends, states, catalog, added, t, i18n.language]);
  if (views.length === 0) return null;

  return (
    <section className="panel legend" data-testid="legend" aria-label={t('layers.legend.title')}>
      {views.map((view) => (
        <div className="legend__block" key={view.layerId} data-layer-id={view.layerId}>
          <h3 className="legend__title">{view.title}</h3>
          <ul className="legend__entries">
            {view.entries.map((entry) => (
              <li className="legend__entry" key={`${entry.colour}${entry.label}`}>
                <span className="legend__swatch" style={{ background: entry.colour }} data-colour={entry.colour} aria-hidden="true" />
                <span>{entry.label}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
