import { addedLayerFromUrl, type AddedLayerRef } from '../engine/layers/addedLayer.js';

/** At most this many `?tileset=` layers from one link: each one loads a whole tileset. */
export const MAX_TILESET_PARAMS = 8;

/**
 * The layers `?tileset=<url>` asks for (the parameter may repeat), resolved against the page;
 * anything but an http(s) URL is dropped, and a URL given twice is one layer.
 */
export function parseTilesetParams(search: string, pageUrl: string): AddedLayerRef[] {
  const layers: AddedLayerRef[] = [];
  for (const raw of new URLSearchParams(search).getAll('tileset')) {
    const layer = addedLayerFromUrl(raw, pageUrl);
    if (layer && !layers.some((l) => l.id === layer.id)) layers.push(layer);
    if (layers.length === MAX_TILESET_PARAMS) break;
  }
  return layers;
}
