import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { heatmapQuantities, heatmapQuantity, type HeatmapQuantityId } from '../../engine/live/heatmap/heatmapScale.js';
import { scaleLegend } from './heatmapLegend.js';
import './traffic.css';

/** No heatmap, or the quantity drawn. */
export type HeatmapChoice = 'none' | HeatmapQuantityId;

export interface HeatmapControlProps {
  readonly value: HeatmapChoice;
  readonly onChange: (choice: HeatmapChoice) => void;
  /** Only the legend of the chosen quantity (the wall, which nobody clicks). */
  readonly legendOnly?: boolean;
}

const CHOICES: readonly HeatmapChoice[] = ['none', ...heatmapQuantities.map((quantity) => quantity.id)];

/** Picks the heatmap's quantity (none, noise, air quality) and shows the scale it is drawn in. */
export function HeatmapControl({ value, onChange, legendOnly = false }: HeatmapControlProps) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <section className="traffic-legend heatmap-control" data-testid="heatmap-control" aria-label={t('traffic.heatmap.title')}>
      <h3 className="traffic-legend__title">{t('traffic.heatmap.title')}</h3>
      {!legendOnly && (
        <div className="heatmap-control__choices" role="radiogroup" aria-label={t('traffic.heatmap.title')}>
          {CHOICES.map((choice) => (
            <label className="heatmap-control__choice" key={choice} data-choice={choice}>
              <input type="radio" name={name} value={choice} checked={value === choice} onChange={() => onChange(choice)} />
              <span>{t(`traffic.heatmap.${choice}`)}</span>
            </label>
          ))}
        </div>
      )}
      {value !== 'none' && <ScaleLegendView id={value} />}
    </section>
  );
}

function ScaleLegendView({ id }: { readonly id: HeatmapQuantityId }) {
  const { t } = useTranslation();
  const legend = scaleLegend(heatmapQuantity(id).scale);
  const unit = t(id === 'noise' ? 'traffic.heatmap.unitNoise' : 'traffic.heatmap.unitAqi');
  if (legend.kind === 'bands') {
    return (
      <div className="heatmap-scale" data-testid="heatmap-scale" data-quantity={id}>
        <div className="heatmap-scale__unit">{unit}</div>
        <ul className="heatmap-scale__bands">
          {legend.bands.map((band) => (
            <li className="heatmap-scale__band" key={band.from}>
              <span className="heatmap-scale__swatch" style={{ background: band.colour }} aria-hidden="true" />
              <span className="heatmap-scale__range">{band.to === undefined ? t('traffic.heatmap.above', { value: band.from }) : `${band.from}–${band.to}`}</span>
              {band.labelKey && <span>{t(`traffic.heatmap.${band.labelKey}`)}</span>}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="heatmap-scale" data-testid="heatmap-scale" data-quantity={id}>
      <div className="heatmap-scale__unit">{unit}</div>
      <div className="heatmap-scale__ramp" style={{ background: legend.gradient }} aria-hidden="true" />
      <div className="heatmap-scale__ticks">
        {legend.ticks.map((tick) => (
          <span className="heatmap-scale__tick" key={tick.value} style={{ left: `${tick.at}%` }}>
            {tick.value}
          </span>
        ))}
      </div>
    </div>
  );
}
