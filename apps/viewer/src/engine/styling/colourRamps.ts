/**
 * Colours for thematic styling, chosen to read on the dark command-centre theme and on lit,
 * shaded 3D geometry: no near-black, no colour close to the grey of "no data".
 */

/** Categories, in order; distinct in hue first, then in lightness. */
export const CATEGORY_PALETTE = [
  '#3b8bff',
  '#ff9f1c',
  '#e84a5f',
  '#2ec4b6',
  '#8bd346',
  '#ffd23f',
  '#b388eb',
  '#ff70a6',
  '#c08552',
  '#5ad1ff',
  '#f4845f',
  '#d4e157',
  '#7e57c2',
  '#26a69a',
] as const;

/** Features without a value. */
export const NO_DATA_COLOUR = '#5b6472';
/** Categories beyond the palette. */
export const OTHER_COLOUR = '#a3acb9';

/** Low → high: cool blue through teal and yellow to red; every step visible on dark ground. */
const RAMP_STOPS = ['#2b6cf6', '#1fb5c9', '#7fd35b', '#f7d038', '#f28c28', '#e0393e'] as const;

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex([r, g, b]: readonly [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

/** The ramp at t ∈ [0, 1], interpolated between stops in sRGB. */
export function rampColour(t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const position = clamped * (RAMP_STOPS.length - 1);
  const i = Math.min(RAMP_STOPS.length - 2, Math.floor(position));
  const f = position - i;
  const a = channels(RAMP_STOPS[i] ?? RAMP_STOPS[0]);
  const b = channels(RAMP_STOPS[i + 1] ?? RAMP_STOPS[0]);
  return hex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** `count` colours spread over the whole ramp, low to high. */
export function rampColours(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [rampColour(0.5)];
  return Array.from({ length: count }, (_, i) => rampColour(i / (count - 1)));
}

/** The palette colour of the category at `index`, or the "other" colour past its end. */
export function categoryColour(index: number): string {
  return CATEGORY_PALETTE[index] ?? OTHER_COLOUR;
}
