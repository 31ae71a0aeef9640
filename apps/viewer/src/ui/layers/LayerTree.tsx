import type { CatalogEntry } from '@pengcheng/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addedLayerFromUrl } from '../../engine/layers/addedLayer.js';
import { DEFAULT_LAYER_DISPLAY, type LayerDisplay, type LayerState } from '../../engine/layers/layerState.js';
import { useViewer } from '../storeContext.js';
import { layerName } from './layerLabels.js';
import './layers.css';

type Kind = CatalogEntry['kind'];
/** Groups in the order a planner reads the city: above ground, below, the ground, the rest. */
const KIND_ORDER: readonly Kind[] = ['buildings', 'pipelines', '3d-tiles', 'imagery', 'vector'];

interface Row {
  readonly id: string;
  readonly kind: Kind;
  readonly name: string;
  readonly url: string | undefined;
  readonly state: LayerState | undefined;
  readonly display: LayerDisplay;
}

/** `belowShown`: the ground is translucent or cut open, so the pipelines can be drawn. */
function LayerRow({ row, belowShown }: { row: Row; belowShown: boolean }) {
  const { t } = useTranslation();
  const setLayerDisplay = useViewer((s) => s.setLayerDisplay);
  const drawn = row.kind !== 'vector';
  const phase = drawn ? (row.state?.phase ?? 'loading') : 'ready';
  const shown = row.state !== undefined && row.state.phase !== 'loading' && row.state.shown;
  const percent = Math.round(row.display.opacity * 100);
  const hint = !drawn ? t('layers.notDrawn') : row.kind === 'pipelines' && !belowShown ? t('layers.undergroundOnly') : undefined;
  return (
    <li className={`layer-row${shown ? '' : ' layer-row--hidden'}`} data-testid="layer-row" data-layer-id={row.id} data-phase={phase} data-shown={shown ? 'true' : 'false'}>
      <div className="layer-row__head">
        <label className="layer-row__toggle">
          <input
            type="checkbox"
            checked={drawn && row.display.visible}
            disabled={!drawn}
            data-testid="layer-visible"
            onChange={(event) => setLayerDisplay(row.id, { visible: event.target.checked })}
          />
          <span className="layer-row__name" title={row.url}>
            {row.name}
          </span>
        </label>
        {phase === 'loading' && <span className="layer-row__badge">{t('layers.loading')}</span>}
        {phase === 'error' && <span className="layer-row__badge layer-row__badge--error">{t('layers.error')}</span>}
      </div>
      {drawn && (
        <label className="layer-row__opacity">
          <span>{t('layers.opacity')}</span>
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={percent}
            aria-label={t('layers.opacityOf', { name: row.name })}
            data-testid="layer-opacity"
            onChange={(event) => setLayerDisplay(row.id, { opacity: Number(event.target.value) / 100 })}
          />
          <output>{t('layers.percent', { value: percent })}</output>
        </label>
      )}
      {hint && <p className="layer-row__hint">{hint}</p>}
      {row.state?.phase === 'error' && (
        <p className="layer-row__detail" role="alert" data-testid="layer-error">
          {t('layers.errorDetail', { detail: row.state.detail })}
        </p>
      )}
    </li>
  );
}

/** Adds a 3D Tiles layer by the URL of its tileset.json (relative to this page, or http/https). */
function AddLayerForm() {
  const { t } = useTranslation();
  const addLayer = useViewer((s) => s.addLayer);
  const inputId = useId();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const layer = addedLayerFromUrl(text, window.location.href);
    setInvalid(layer === undefined);
    if (!layer) return;
    addLayer(layer);
    setText('');
  };
  return (
    <form className="layer-add" data-testid="layer-add" onSubmit={submit} noValidate>
      <label className="layer-add__label" htmlFor={inputId}>
        {t('layers.add.label')}
      </label>
      <div className="layer-add__row">
        <input
          id={inputId}
          className="layer-add__input"
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder={t('layers.add.placeholder')}
          value={text}
          aria-invalid={invalid}
          onChange={(event) => {
            setText(event.target.value);
            setInvalid(false);
          }}
        />
        <button type="submit" className="tool-button layer-add__submit">
          {t('layers.add.submit')}
        </button>
      </div>
      {invalid && (
        <p className="layer-row__detail" role="alert">
          {t('layers.add.invalid')}
        </p>
      )}
    </form>
  );
}

/**
 * Every layer of the catalog and every layer added by URL, grouped by kind: visibility,
 * opacity, loading and error state. `data-shown-layers` lists the layers drawn now (tests and
 * the benchmark read it).
 */
export function LayerTree() {
  const { t } = useTranslation();
  const catalog = useViewer((s) => s.catalog);
  const added = useViewer((s) => s.addedLayers);
  const states = useViewer((s) => s.layers);
  const displays = useViewer((s) => s.layerDisplay);
  const belowShown = useViewer((s) => s.underground || s.section !== undefined);
  const language = useViewer((s) => s.language);
  const entries = catalog.phase === 'ready' ? catalog.entries : [];

  const rows: Row[] = [
    ...entries.map((entry) => ({ id: entry.id, kind: entry.kind, url: entry.url })),
    ...added.filter((layer) => !entries.some((e) => e.id === layer.id)).map((layer) => ({ id: layer.id, kind: '3d-tiles' as const, url: layer.url })),
  ].map((row) => ({
    ...row,
    name: layerName(row.id, entries, added, language),
    state: states[row.id],
    display: displays[row.id] ?? DEFAULT_LAYER_DISPLAY,
  }));
  const shown = rows.filter((row) => row.state && row.state.phase !== 'loading' && row.state.shown).map((row) => row.id);

  return (
    <section className="panel layer-tree" data-testid="layer-tree" data-shown-layers={shown.join(',')} aria-label={t('layers.title')}>
      <header className="panel__header">
        <h2 className="panel__title">{t('layers.title')}</h2>
      </header>
      {catalog.phase === 'loading' && <p className="layer-tree__note">{t('layers.catalogLoading')}</p>}
      {catalog.phase === 'error' && (
        <p className="layer-row__detail layer-tree__note" role="alert">
          {t('layers.catalogError', { detail: catalog.detail })}
        </p>
      )}
      <div className="layer-tree__groups">
        {KIND_ORDER.map((kind) => {
          const members = rows.filter((row) => row.kind === kind);
          if (!members.length) return null;
          return (
            <div className="layer-tree__group" key={kind}>
              <h3 className="layer-tree__kind">{t(`layers.kinds.${kind}`)}</h3>
              <ul className="layer-tree__list">
                {members.map((row) => (
                  <LayerRow key={row.id} row={row} belowShown={belowShown} />
                ))}
              </ul>
            </div>
          );
        })}
      </div>
      <AddLayerForm />
    </section>
  );
}
