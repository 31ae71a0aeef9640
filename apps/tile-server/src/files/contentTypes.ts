import path from 'node:path';
import { contentType } from 'mime-types';

/** Content types of the formats 3D Tiles and imagery use, beyond what generic tables know. */
const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.b3dm': 'application/octet-stream',
  '.i3dm': 'application/octet-stream',
  '.pnts': 'application/octet-stream',
  '.cmpt': 'application/octet-stream',
  '.subtree': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ktx2': 'image/ktx2',
};

/** The 3D Tiles table first, then the web's usual types (the viewer's scripts, styles, fonts, wasm). */
export function contentTypeFor(file: string): string {
  const extension = path.extname(file).toLowerCase();
  return TYPES[extension] ?? (contentType(extension) || 'application/octet-stream');
}
