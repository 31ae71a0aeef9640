import { type Mode, type ModeSettings } from '../ui/layouts/modeSettings.js';

export { MODES, type Mode, type ModeSettings } from '../ui/layouts/modeSettings.js';

/** `/wall`, `/desk`, `/kiosk` (with or without a trailing slash); anything else is the desk. */
export function modeFromPath(pathname: string): Mode {
  const match = /^\/(wall|desk|kiosk)\/?$/.exec(pathname);
  return (match?.[1] as Mode | undefined) ?? 'desk';
}

/** Kiosk default: three minutes without a touch. */
export const DEFAULT_IDLE_S = 180;
const MIN_IDLE_S = 2;
const MAX_IDLE_S = 3600;

/** `?idle=<seconds>` within 2 s – 1 h; anything else is the default. */
export function idleSecondsFromSearch(search: string): number {
  const raw = new URLSearchParams(search).get('idle');
  if (raw === null || !/^\d+(\.\d+)?$/.test(raw.trim())) return DEFAULT_IDLE_S;
  const seconds = Number(raw);
  return seconds >= MIN_IDLE_S && seconds <= MAX_IDLE_S ? seconds : DEFAULT_IDLE_S;
}

/** The mode and its settings from the page's path and query. */
export function modeSettings(location: { readonly pathname: string; readonly search: string }): ModeSettings {
  const mode = modeFromPath(location.pathname);
  const params = new URLSearchParams(location.search);
  const quality = params.get('quality');
  return {
    mode,
    debug: params.has('debug') && params.get('debug') !== '0',
    idleMs: idleSecondsFromSearch(location.search) * 1000,
    adaptiveQuality: quality === 'auto' ? true : quality === 'full' ? false : mode !== 'desk',
  };
}
