import type { SensorKind, Unit } from '@pengcheng/protocol';

/** A colour of a scale at a value; `labelKey` names the band in the `traffic.heatmap` strings. */
export interface ColourStop {
  readonly value: number;
  readonly colour: string;
  readonly labelKey?: string;
}

export interface HeatmapScale {
  readonly min: number;
  readonly max: number;
  /** Ascending by value; default a ramp from blue (min) through yellow to red (max). */
  readonly colours?: readonly ColourStop[];
  /**
   * Bands instead of a ramp: a stop's colour holds for values above the previous stop's value
   * up to and including its own (AQI 0–50 is one colour, 51–100 the next).
   */
  readonly stepped?: boolean;
}

export type HeatmapQuantityId = 'noise' | 'air_quality';

export interface HeatmapQuantity {
  readonly id: HeatmapQuantityId;
  /** The sensor kinds and the quantity of each that feed the map. */
  readonly sources: readonly { readonly kind: SensorKind; readonly quantity: string }[];
  readonly unit: Unit;
  readonly scale: HeatmapScale;
}

/**
 * Noise, LAeq in dB(A), 35–85: a ramp with its yellow at 55 and orange at 65, the day limits
 * of the quiet and mixed zones of GB 3096-2008, red past 70 (the limit beside main roads).
 */
const NOISE_SCALE: HeatmapScale = {
  min: 35,
  max: 85,
  colours: [
    { value: 35, colour: '#1a9850' },
    { value: 45, colour: '#91cf60' },
    { value: 55, colour: '#fee08b' },
    { value: 65, colour: '#fc8d59' },
    { value: 75, colour: '#d73027' },
    { value: 85, colour: '#762a83' },
  ],
};

/** AQI 0–300 in the six bands and colours of HJ 633-2012 (优 to 严重污染). */
const AQI_SCALE: HeatmapScale = {
  min: 0,
  max: 300,
  stepped: true,
  colours: [
    { value: 50, colour: '#00e400', labelKey: 'aqi.good' },
    { value: 100, colour: '#ffff00', labelKey: 'aqi.moderate' },
    { value: 150, colour: '#ff7e00', labelKey: 'aqi.light' },
    { value: 200, colour: '#ff0000', labelKey: 'aqi.medium' },
    { value: 300, colour: '#99004c', labelKey: 'aqi.heavy' },
    { value: 500, colour: '#7e0023', labelKey: 'aqi.severe' },
  ],
};

/** The quantities the live view can draw as a heatmap. */
export const heatmapQuantities: readonly HeatmapQuantity[] = [
  {
    id: 'noise',
    sources: [
      { kind: 'noise', quantity: 'laeq' },
      { kind: 'smart_pole_environment', quantity: 'laeq' },
    ],
    unit: 'dB(A)',
    scale: NOISE_SCALE,
  },
  // Only the stations' own AQI: a pole's PM2.5 sub-index is not the AQI (which is the worst
  // of six sub-indices) and would draw clean air where the station reports ozone.
  { id: 'air_quality', sources: [{ kind: 'air_quality', quantity: 'aqi' }], unit: '1', scale: AQI_SCALE },
];

export function heatmapQuantity(id: HeatmapQuantityId): HeatmapQuantity {
  const found = heatmapQuantities.find((quantity) => quantity.id === id);
  if (!found) throw new Error(`no heatmap quantity ${id}`);
  return found;
}

type Rgb = readonly [number, number, number];

const parseHex = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;

/** The stops a scale is drawn with: its own, or the default ramp over [min, max]. */
export function scaleStops(scale: HeatmapScale): readonly ColourStop[] {
  if (scale.colours && scale.colours.length > 0) return scale.colours;
  return [
    { value: scale.min, colour: '#2c7bb6' },
    { value: (scale.min + scale.max) / 2, colour: '#ffffbf' },
    { value: scale.max, colour: '#d7191c' },
  ];
}

/**
 * A lookup from value to colour for one scale. A ramp blends between stops and holds the end
 * colours beyond them; bands pick the first stop whose value is not below the value.
 */
export function colourScale(scale: HeatmapScale): (value: number) => Rgb {
  const stops = scaleStops(scale).map((stop) => ({ value: stop.value, rgb: parseHex(stop.colour) }));
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) throw new Error('a heatmap scale needs a colour');
  if (scale.stepped) return (value) => (stops.find((stop) => value <= stop.value) ?? last).rgb;
  return (value) => {
    if (!(value > first.value)) return first.rgb;
    if (value >= last.value) return last.rgb;
    const upper = stops.findIndex((stop) => stop.value >= value);
    const a = stops[upper - 1] ?? first;
    const b = stops[upper] ?? last;
    const t = b.value > a.value ? (value - a.value) / (b.value - a.value) : 0;
    return [0, 1, 2].map((i) => Math.round((a.rgb[i] ?? 0) + ((b.rgb[i] ?? 0) - (a.rgb[i] ?? 0)) * t)) as unknown as Rgb;
  };
}
