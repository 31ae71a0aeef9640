import { scaleStops, type HeatmapScale } from '../../engine/live/heatmap/heatmapScale.js';

/** One band of a stepped scale: its colour, its range and the key of its name. */
export interface LegendBand {
  readonly colour: string;
  /** Bands hold whole index values: a band after the first starts one above the last one's top. */
  readonly from: number;
  /** Undefined for the last band when it runs past the scale's top: it reads "over `from`". */
  readonly to: number | undefined;
  readonly labelKey: string | undefined;
}

export type ScaleLegend =
  | { readonly kind: 'bands'; readonly bands: readonly LegendBand[] }
  | { readonly kind: 'ramp'; readonly gradient: string; readonly ticks: readonly { readonly value: number; readonly at: number }[] };

/** What the legend of a scale shows: its bands with their ranges, or its ramp with ticks. */
export function scaleLegend(scale: HeatmapScale): ScaleLegend {
  const stops = scaleStops(scale);
  if (scale.stepped) {
    return {
      kind: 'bands',
      bands: stops.map((stop, i) => {
        const below = i === 0 ? undefined : stops[i - 1]?.value;
        const open = i === stops.length - 1 && stop.value > scale.max;
        return {
          colour: stop.colour,
          from: below === undefined ? scale.min : open ? below : Math.floor(below) + 1,
          to: open ? undefined : stop.value,
          labelKey: stop.labelKey,
        };
      }),
    };
  }
  const span = scale.max - scale.min || 1;
  const at = (value: number) => Math.min(100, Math.max(0, ((value - scale.min) / span) * 100));
  return {
    kind: 'ramp',
    gradient: `linear-gradient(to right, ${stops.map((stop) => `${stop.colour} ${at(stop.value).toFixed(1)}%`).join(', ')})`,
    ticks: stops.map((stop) => ({ value: stop.value, at: at(stop.value) })),
  };
}
