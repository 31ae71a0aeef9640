/**
 * The bands the Chinese standards read these figures in: AQI by HJ 633-2012 (its six categories
 * and their prescribed colours), the traffic index by the common 0–10 scale in five bands
 * (DB11/T 785). A figure on a boundary belongs to the better band, as the standards count.
 */

export const AQI_BANDS = ['excellent', 'good', 'lightlyPolluted', 'moderatelyPolluted', 'heavilyPolluted', 'severelyPolluted'] as const;
export type AqiBand = (typeof AQI_BANDS)[number];

/** Upper AQI of each band, and its colour (HJ 633-2012, table 2); the last band is open. */
interface AqiLimit {
  readonly band: AqiBand;
  readonly upTo: number;
  readonly colour: string;
}
const SEVERE: AqiLimit = { band: 'severelyPolluted', upTo: Infinity, colour: '#7e0023' };
const AQI_LIMITS: readonly AqiLimit[] = [
  { band: 'excellent', upTo: 50, colour: '#00e400' },
  { band: 'good', upTo: 100, colour: '#ffff00' },
  { band: 'lightlyPolluted', upTo: 150, colour: '#ff7e00' },
  { band: 'moderatelyPolluted', upTo: 200, colour: '#ff0000' },
  { band: 'heavilyPolluted', upTo: 300, colour: '#99004c' },
  SEVERE,
];

/** Text on a band's colour: dark on the bright ones, white on red, purple and maroon. */
const DARK_INK = '#04101f';
const LIGHT_INK = '#ffffff';
const LIGHT_INK_BANDS: readonly AqiBand[] = ['moderatelyPolluted', 'heavilyPolluted', 'severelyPolluted'];

/** The top of the AQI scale: the gauge's end; values beyond it are pinned there. */
export const AQI_MAX = 500;

export interface BandOf<B> {
  readonly band: B;
  readonly colour: string;
  /** The text colour that reads on `colour`. */
  readonly ink: string;
}

/** AQI is published as a whole number; the band follows the number shown. */
export function aqiBand(aqi: number): BandOf<AqiBand> {
  const shown = Math.round(aqi);
  const limit = AQI_LIMITS.find((l) => shown <= l.upTo) ?? SEVERE;
  return { band: limit.band, colour: limit.colour, ink: LIGHT_INK_BANDS.includes(limit.band) ? LIGHT_INK : DARK_INK };
}

/** The AQI scale as gauge stops: `[share of AQI_MAX, colour]` at each band's upper edge. */
export function aqiGaugeStops(): [number, string][] {
  return AQI_LIMITS.map((l) => [Math.min(l.upTo, AQI_MAX) / AQI_MAX, l.colour]);
}

export const TRAFFIC_BANDS = ['smooth', 'basicallySmooth', 'lightCongestion', 'moderateCongestion', 'severeCongestion'] as const;
export type TrafficBand = (typeof TRAFFIC_BANDS)[number];

/** Green to red, as congestion maps colour roads, bright enough on the wall's dark panels. */
const TRAFFIC_COLOURS: Readonly<Record<TrafficBand, string>> = {
  smooth: '#3ddc84',
  basicallySmooth: '#a8e05f',
  lightCongestion: '#f5c242',
  moderateCongestion: '#ff8c1a',
  severeCongestion: '#ff4d4f',
};

/** 0–2 畅通, 2–4 基本畅通, 4–6 轻度拥堵, 6–8 中度拥堵, 8–10 严重拥堵. */
export function trafficBand(index: number): BandOf<TrafficBand> {
  const band = TRAFFIC_BANDS[Math.min(TRAFFIC_BANDS.length - 1, Math.max(0, Math.ceil(index / 2) - 1))] ?? 'severeCongestion';
  return { band, colour: TRAFFIC_COLOURS[band], ink: DARK_INK };
}
