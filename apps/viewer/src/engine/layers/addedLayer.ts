/** A 3D Tiles layer a planner adds by the URL of its tileset.json. */
export interface AddedLayerRef {
  /** Derived from the URL, so the same URL is the same layer (in a share link too). */
  readonly id: string;
  /** Absolute http(s) URL. */
  readonly url: string;
}

/** Longer than any sensible tileset URL; keeps a pasted blob out of ids and share links. */
export const MAX_URL_LENGTH = 2048;

/** 32-bit FNV-1a: short, stable ids; collisions only cost a layer that is not added twice. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The layer for a URL typed or passed in `?tileset=`: resolved against the page (so
 * `/tiles/x/tileset.json` works), accepted only for http and https (no `javascript:`, `data:`,
 * `file:`), without credentials in it. Undefined when the text is not such a URL.
 */
export function addedLayerFromUrl(input: string, base: string): AddedLayerRef | undefined {
  const text = input.trim();
  if (text === '' || text.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  url.hash = '';
  const href = url.toString();
  return { id: `url-${fnv1a(href)}`, url: href };
}

/** A short name for the layer tree: the folder holding tileset.json, else the host. */
export function addedLayerName(url: string): string {
  try {
    const parsed = new URL(url);
    const parts = parsed.pathname.split('/').filter(Boolean);
    const file = parts[parts.length - 1] ?? '';
    const folder = /\.json$/i.test(file) ? parts[parts.length - 2] : file;
    return decodeURIComponent(folder || parsed.host);
  } catch {
    return url;
  }
}
