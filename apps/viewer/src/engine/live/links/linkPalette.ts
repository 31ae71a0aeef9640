/** 0 畅通, 1 基本畅通, 2 拥堵, 3 严重拥堵: the levels of `LinkState.congestion`. */
export type Congestion = 0 | 1 | 2 | 3;

export const CONGESTION_LEVELS: readonly Congestion[] = [0, 1, 2, 3];

/**
 * Green, yellow, orange, deep red: the colours Chinese traffic maps (高德, 百度, city traffic
 * indices) give the four levels, so the wall reads the way people already read a road map.
 */
export const CONGESTION_COLOURS: Readonly<Record<Congestion, string>> = {
  0: '#2fc25b',
  1: '#ffd60a',
  2: '#ff7a1a',
  3: '#c40d1e',
};

/** A link without a state yet: a faint grey, so the network reads before the first interval. */
export const NO_DATA_COLOUR = '#9aa5b1';
export const NO_DATA_ALPHA = 0.45;

/** The level a state's number stands for; undefined for anything but 0, 1, 2 or 3. */
export function asCongestion(value: number): Congestion | undefined {
  return value === 0 || value === 1 || value === 2 || value === 3 ? value : undefined;
}

/** The colour a link is drawn in, by its level (undefined: no state yet). */
export function congestionColour(level: Congestion | undefined): string {
  return level === undefined ? NO_DATA_COLOUR : CONGESTION_COLOURS[level];
}

/**
 * Line width in pixels: wider roads a little wider, never so much that a trunk road hides
 * the junctions beside it.
 */
export function linkWidthPx(lanes: number | undefined, basePx: number): number {
  const factor = lanes === undefined ? 1 : lanes >= 6 ? 1.6 : lanes >= 4 ? 1.3 : 1;
  return Math.round(basePx * factor * 10) / 10;
}
