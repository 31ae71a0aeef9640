import type { CameraPose } from '../engine/camera/cameraPose.js';
import { isValidRect, type GeoRect } from '../engine/drawing/geoRect.js';
import type { LayerDisplay, LayerStyle } from '../engine/layers/layerState.js';
import { SECTION_HEIGHT_LIMITS, type SectionBox } from '../engine/section/sectionBox.js';

/**
 * What a shared link carries besides the mode (the path) and the language (`lang`):
 *
 * - `camera=lon,lat,height,heading,pitch[,roll]`: degrees and metres above the ellipsoid, to
 *   1e-7° (about 1 cm), 1 cm and 0.001° (under 10 cm at 5 km), so the view comes back within a
 *   metre; roll only when the camera is not level.
 * - `layers=!district-ground,district-buildings:0.5`: the layers that differ from visible and
 *   opaque; `!` hidden, `:opacity` from 0 to 1.
 * - `style=district-buildings:use`: the property each layer is coloured by.
 * - `select=BLD-000001`: the selected feature's `id`.
 * - `underground=1`: the translucent ground with the pipelines; `underground=west,south,east,north`
 *   (degrees): translucent in that area only.
 * - `section=west,south,east,north,bottom,top`: the section box, degrees and metres above the
 *   ellipsoid (the ground is at 0).
 *
 * Reading never throws: a piece that is not understood is left out, and the rest still counts.
 */
export interface ShareState {
  readonly camera: CameraPose | undefined;
  /** Only layers that are not visible-and-opaque. */
  readonly layers: Readonly<Record<string, LayerDisplay>>;
  readonly styles: Readonly<Record<string, LayerStyle>>;
  readonly selection: string | undefined;
  readonly underground: boolean;
  /** The translucent area in underground mode; undefined = the whole ground. */
  readonly undergroundArea?: GeoRect | undefined;
  readonly section?: SectionBox | undefined;
}

export const EMPTY_SHARE_STATE: ShareState = { camera: undefined, layers: {}, styles: {}, selection: undefined, underground: false };

/** The query parameters this module owns; everything else in a URL is left as it is. */
export const SHARE_PARAMS = ['camera', 'layers', 'style', 'select', 'underground', 'section'] as const;

const NUMBER = /^-?\d{1,9}(\.\d{1,12})?$/;
const LAYER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** 3D Tiles metadata property ids are identifiers. */
const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_ENTRIES = 64;
const MAX_SELECTION_LENGTH = 128;
/** No control characters, nothing a URL would have to hide. */
const SELECTION = /^[^\p{Cc}]+$/u;

const CAMERA_DECIMALS = [7, 7, 2, 3, 3, 3] as const;
/** 1e-6° is 0.1 m on the ground; heights to the centimetre. */
const RECT_DECIMALS = 6;
const HEIGHT_DECIMALS = 2;

/** Degrees into (-180, 180]. */
function signedDegrees(value: number): number {
  const wrapped = ((((value + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 ? 180 : wrapped;
}

/** Writes a pose as `camera=` carries it; heading in [0, 360), roll left out when level. */
export function formatCamera(pose: CameraPose): string {
  const heading = (((pose.headingDeg % 360) + 360) % 360);
  const roll = signedDegrees(pose.rollDeg ?? 0);
  const values = [pose.longitude, pose.latitude, pose.heightM, heading, pose.pitchDeg];
  if (Math.abs(roll) >= 0.0005) values.push(roll);
  return values.map((value, i) => trim(value.toFixed(CAMERA_DECIMALS[i] ?? 3))).join(',');
}

/** "12.3400000" → "12.34", "-0.000" → "0": shorter links, same numbers. */
function trim(fixed: string): string {
  const short = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return short === '-0' ? '0' : short;
}

export function parseCamera(raw: string | null): CameraPose | undefined {
  if (!raw) return undefined;
  const parts = raw.split(',').map((p) => p.trim());
  if ((parts.length !== 5 && parts.length !== 6) || parts.some((p) => !NUMBER.test(p))) return undefined;
  const [longitude, latitude, heightM, headingDeg, pitchDeg, rollDeg = 0] = parts.map(Number) as [number, number, number, number, number, number?];
  const valid =
    Math.abs(longitude) <= 180 &&
    Math.abs(latitude) <= 90 &&
    heightM >= -1000 &&
    heightM <= 50_000_000 &&
    Math.abs(headingDeg) <= 360 &&
    Math.abs(pitchDeg) <= 90 &&
    Math.abs(rollDeg) <= 180;
  if (!valid) return undefined;
  return { longitude, latitude, heightM, headingDeg, pitchDeg, rollDeg };
}

function formatOpacity(opacity: number): string {
  return trim(Math.min(1, Math.max(0, opacity)).toFixed(3));
}

function formatLayers(layers: Readonly<Record<string, LayerDisplay>>): string | undefined {
  const entries = Object.entries(layers)
    .filter(([id, d]) => LAYER_ID.test(id) && (!d.visible || d.opacity < 1))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, d]) => `${d.visible ? '' : '!'}${id}${d.opacity < 1 ? `:${formatOpacity(d.opacity)}` : ''}`);
  return entries.length > 0 ? entries.join(',') : undefined;
}

function parseLayers(raw: string | null): Record<string, LayerDisplay> {
  const out: Record<string, LayerDisplay> = {};
  if (!raw) return out;
  for (const entry of raw.split(',').slice(0, MAX_ENTRIES)) {
    const match = /^(!?)([^:!]+)(?::(\d(?:\.\d{1,6})?))?$/.exec(entry.trim());
    if (!match) continue;
    const [, hidden, id = '', opacityText] = match;
    const opacity = opacityText === undefined ? 1 : Number(opacityText);
    if (!LAYER_ID.test(id) || !(opacity >= 0 && opacity <= 1)) continue;
    if (!hidden && opacity === 1) continue;
    out[id] = { visible: !hidden, opacity };
  }
  return out;
}

function formatStyles(styles: Readonly<Record<string, LayerStyle | undefined>>): string | undefined {
  const entries = Object.entries(styles)
    .flatMap(([id, style]) => (style && LAYER_ID.test(id) && PROPERTY.test(style.property) ? [`${id}:${style.property}`] : []))
    .sort();
  return entries.length > 0 ? entries.join(',') : undefined;
}

function parseStyles(raw: string | null): Record<string, LayerStyle> {
  const out: Record<string, LayerStyle> = {};
  if (!raw) return out;
  for (const entry of raw.split(',').slice(0, MAX_ENTRIES)) {
    const [id = '', property = '', extra] = entry.trim().split(':');
    if (extra === undefined && LAYER_ID.test(id) && PROPERTY.test(property)) out[id] = { property };
  }
  return out;
}

function parseSelection(raw: string | null): string | undefined {
  const id = raw?.trim();
  return id && id.length <= MAX_SELECTION_LENGTH && SELECTION.test(id) ? id : undefined;
}

function formatRect(rect: GeoRect): string {
  return [rect.west, rect.south, rect.east, rect.north].map((value) => trim(value.toFixed(RECT_DECIMALS))).join(',');
}

function parseNumbers(raw: string | null, count: number): number[] | undefined {
  const parts = raw?.split(',').map((p) => p.trim());
  if (parts?.length !== count || parts.some((p) => !NUMBER.test(p))) return undefined;
  return parts.map(Number);
}

function parseRect(numbers: readonly number[]): GeoRect | undefined {
  const [west = NaN, south = NaN, east = NaN, north = NaN] = numbers;
  const rect = { west, south, east, north };
  return isValidRect(rect) ? rect : undefined;
}

export function formatSection(box: SectionBox): string {
  return `${formatRect(box)},${[box.bottomM, box.topM].map((h) => trim(h.toFixed(HEIGHT_DECIMALS))).join(',')}`;
}

export function parseSection(raw: string | null): SectionBox | undefined {
  const numbers = parseNumbers(raw, 6);
  const rect = numbers && parseRect(numbers);
  const [bottomM = NaN, topM = NaN] = numbers?.slice(4) ?? [];
  const { minM, maxM } = SECTION_HEIGHT_LIMITS;
  if (!rect || !(bottomM >= minM && topM <= maxM && bottomM < topM)) return undefined;
  return { ...rect, bottomM, topM };
}

/** `1` or an area: on; anything else: off. */
function parseUnderground(raw: string | null): { on: boolean; area: GeoRect | undefined } {
  if (raw === '1') return { on: true, area: undefined };
  const numbers = parseNumbers(raw, 4);
  const area = numbers && parseRect(numbers);
  return area ? { on: true, area } : { on: false, area: undefined };
}

/** The shared state in a query string (`location.search`); defaults for whatever is missing or wrong. */
export function decodeShareState(search: string): ShareState {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return EMPTY_SHARE_STATE;
  }
  const underground = parseUnderground(params.get('underground'));
  return {
    camera: parseCamera(params.get('camera')),
    layers: parseLayers(params.get('layers')),
    styles: parseStyles(params.get('style')),
    selection: parseSelection(params.get('select')),
    underground: underground.on,
    undergroundArea: underground.area,
    section: parseSection(params.get('section')),
  };
}

/** The parameter values for a state; undefined for a parameter the state leaves at its default. */
export function shareParams(state: ShareState): Record<(typeof SHARE_PARAMS)[number], string | undefined> {
  const selection = parseSelection(state.selection ?? null);
  return {
    camera: state.camera ? formatCamera(state.camera) : undefined,
    layers: formatLayers(state.layers),
    style: formatStyles(state.styles),
    select: selection,
    underground: state.underground ? (state.undergroundArea && isValidRect(state.undergroundArea) ? formatRect(state.undergroundArea) : '1') : undefined,
    section: state.section && parseSection(formatSection(state.section)) ? formatSection(state.section) : undefined,
  };
}

/**
 * A query string with the state's parameters set and every other parameter kept in its place
 * (`lang`, `tileset`, `debug`…). Commas, colons and `!` stay readable: they need no escaping
 * in a query.
 */
export function withShareState(search: string, state: ShareState, extra: Readonly<Record<string, readonly string[]>> = {}): string {
  const params = new URLSearchParams(search);
  const values: Record<string, string | undefined> = shareParams(state);
  for (const key of SHARE_PARAMS) {
    const value = values[key];
    if (value === undefined) params.delete(key);
    else params.set(key, value);
  }
  for (const [key, list] of Object.entries(extra)) {
    params.delete(key);
    for (const value of list) params.append(key, value);
  }
  const query = [...params].map(([key, value]) => `${escape(key)}=${escape(value)}`).join('&');
  return query ? `?${query}` : '';
}

function escape(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}
