import type { CatalogEntry } from '@pengcheng/protocol';
import type { TFunction } from 'i18next';
import { addedLayerName } from '../../engine/layers/addedLayer.js';
import type { LegendView } from '../../engine/styling/drawLegend.js';
import type { StyleOption } from '../../engine/styling/styleOptions.js';
import type { Legend, LegendItem } from '../../engine/styling/styleRule.js';
import type { AddedLayer } from '../../state/viewerStore.js';

/** A key part i18next can look up as it is (no `.` or `:` that it would read as nesting). */
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

export function layerName(id: string, catalog: readonly CatalogEntry[], added: readonly AddedLayer[], language: string): string {
  const entry = catalog.find((e) => e.id === id);
  if (entry) return language === 'en' ? (entry.name.en ?? entry.name.zh) : entry.name.zh;
  const layer = added.find((l) => l.id === id);
  return layer ? addedLayerName(layer.url) : id;
}

/** A property's label: the app's translation of the district's ids, else the schema's own name, else the id. */
export function propertyLabel(t: TFunction, property: string, schemaName: string | undefined): string {
  const fallback = schemaName ?? property;
  return PLAIN_KEY.test(property) ? t(`attributes.keys.${property}`, { defaultValue: fallback }) : fallback;
}

export function optionLabel(t: TFunction, option: StyleOption): string {
  return propertyLabel(t, option.property, option.text.name);
}

/** Plain digits (a year is 2010, not 2,010), at most one decimal unless the value is small. */
export function formatNumber(value: number, language: string): string {
  const digits = value !== 0 && Math.abs(value) < 1 ? 2 : 1;
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits, useGrouping: false }).format(value);
}

function itemLabel(legend: Legend, item: LegendItem, t: TFunction, language: string): string {
  switch (item.kind) {
    case 'category': {
      if (item.value === 'true' || item.value === 'false') return t(`layers.legend.${item.value}`);
      const fallback = item.description ?? item.value;
      return PLAIN_KEY.test(item.value) && PLAIN_KEY.test(legend.property)
        ? t(`attributes.values.${legend.property}.${item.value}`, { defaultValue: fallback })
        : fallback;
    }
    case 'value':
      return formatNumber(item.value, language);
    case 'range':
      return t('layers.legend.range', { from: formatNumber(item.from, language), to: formatNumber(item.to, language) });
    case 'other':
      return t('layers.legend.other');
    case 'noData':
      return t('layers.legend.noData');
  }
}

/**
 * The legends in words: "layer · property" and a label per colour, in the UI's language. The
 * page's legend and the screenshot's (engine/styling/drawLegend.ts) both come from this.
 */
export function legendViews(
  legends: readonly Legend[],
  catalog: readonly CatalogEntry[],
  t: TFunction,
  language: string,
  added: readonly AddedLayer[] = [],
): LegendView[] {
  return legends.map((legend) => ({
    layerId: legend.layerId,
    title: t('layers.legend.heading', {
      layer: layerName(legend.layerId, catalog, added, language),
      property: propertyLabel(t, legend.property, legend.text.name),
    }),
    entries: legend.entries.map((e) => ({ colour: e.colour, label: itemLabel(legend, e.item, t, language) })),
  }));
}
