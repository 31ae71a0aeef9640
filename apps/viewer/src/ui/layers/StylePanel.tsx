import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { StyleOption } from '../../engine/styling/styleOptions.js';
import { useViewer } from '../storeContext.js';
import { layerName, optionLabel } from './layerLabels.js';
import './layers.css';

function StyleRow({ id, name, options }: { id: string; name: string; options: readonly StyleOption[] }) {
  const { t } = useTranslation();
  const selectId = useId();
  const style = useViewer((s) => s.styles[id]);
  const setLayerStyle = useViewer((s) => s.setLayerStyle);
  return (
    <div className="style-panel__row">
      <label className="style-panel__layer" htmlFor={selectId}>
        {name}
      </label>
      <select
        id={selectId}
        className="style-panel__select"
        data-testid={`style-select-${id}`}
        value={style?.property ?? ''}
        onChange={(event) => setLayerStyle(id, event.target.value ? { property: event.target.value } : undefined)}
      >
        <option value="">{t('layers.style.none')}</option>
        {options.map((option) => (
          <option key={option.property} value={option.property}>
            {optionLabel(t, option)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Thematic colouring: for each layer whose schema offers properties, a choice of the property
 * to colour it by. The choices come from the tileset's own metadata schema, nothing is listed
 * here by hand.
 */
export function StylePanel() {
  const { t } = useTranslation();
  const styleOptions = useViewer((s) => s.styleOptions);
  const catalog = useViewer((s) => s.catalog);
  const added = useViewer((s) => s.addedLayers);
  const language = useViewer((s) => s.language);
  const entries = catalog.phase === 'ready' ? catalog.entries : [];
  const order = [...entries.map((e) => e.id), ...added.map((l) => l.id)];
  const layers = Object.entries(styleOptions)
    .filter(([, options]) => options.length > 0)
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));

  return (
    <section className="panel style-panel" data-testid="style-panel" aria-label={t('layers.style.title')}>
      <header className="panel__header">
        <h2 className="panel__title">{t('layers.style.title')}</h2>
      </header>
      {layers.length === 0 ? (
        <p className="layer-tree__note">{t('layers.style.empty')}</p>
      ) : (
        layers.map(([id, options]) => <StyleRow key={id} id={id} name={layerName(id, entries, added, language)} options={options} />)
      )}
    </section>
  );
}
