import { readFile } from 'node:fs/promises';
import type { Feature } from 'geojson';

/**
 * The features of a GeoJSON FeatureCollection file, or none when the file does not exist (every
 * layer is optional: the map is drawn without it). A file that exists but is not a
 * FeatureCollection is a broken build input, so it throws.
 */
export async function readFeatureCollection(file: string, log: (message: string) => void): Promise<Feature[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    log(`${file}: not found, drawing the map without it`);
    return [];
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || (parsed as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray((parsed as { features?: unknown }).features)) {
    throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  }
  return (parsed as { features: Feature[] }).features;
}
