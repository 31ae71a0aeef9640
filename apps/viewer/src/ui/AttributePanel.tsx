import { useTranslation } from 'react-i18next';
import { useViewer } from './storeContext.js';

/** Properties shown first, in this order; any others follow as the data names them. */
const ORDER = ['name', 'nameEn', 'id', 'use', 'heightM', 'floors', 'yearBuilt', 'address', 'addressEn', 'network', 'material', 'diameterMm', 'depthM', 'pressureClass', 'installYear', 'kind'];
/** Properties whose values are codes with a translated label. */
const CODED = new Set(['use', 'network', 'material', 'pressureClass', 'kind']);
const UNITS: Record<string, string> = { heightM: 'units.metres', depthM: 'units.metres', diameterMm: 'units.millimetres' };

/** The picked feature's metadata, labelled in the UI's language. */
export function AttributePanel() {
  const { t, i18n } = useTranslation();
  const selection = useViewer((s) => s.selection);
  const setSelection = useViewer((s) => s.setSelection);
  if (!selection) return null;

  const { properties } = selection;
  const keys = Object.keys(properties).filter((k) => properties[k] !== null && properties[k] !== '');
  keys.sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const title = String(i18n.language === 'en' ? (properties.nameEn ?? properties.name ?? properties.id ?? '') : (properties.name ?? properties.id ?? ''));

  const format = (key: string, value: string | number | boolean | null): string => {
    if (typeof value === 'number') {
      const number = Number.isInteger(value) ? String(value) : value.toFixed(1);
      const unit = UNITS[key];
      return unit ? t(unit, { value: number }) : number;
    }
    if (CODED.has(key)) return t(`attributes.values.${key}.${String(value)}`, { defaultValue: String(value) });
    return String(value);
  };

  return (
    <aside
      className="panel attributes"
      data-testid="attribute-panel"
      data-feature-id={typeof properties.id === 'string' ? properties.id : undefined}
      data-in-scene={selection.inScene ? 'true' : 'false'}
      aria-label={t('attributes.title')}
    >
      <header className="panel__header">
        <h2 className="panel__title">{title}</h2>
        <button type="button" className="panel__close" aria-label={t('attributes.close')} onClick={() => setSelection(undefined)}>
          ×
        </button>
      </header>
      <dl className="attributes__list">
        {keys.map((key) => (
          <div className="attributes__row" key={key}>
            <dt>{t(`attributes.keys.${key}`, { defaultValue: key })}</dt>
            <dd>{format(key, properties[key] ?? null)}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
