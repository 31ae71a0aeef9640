import type { FeatureCollection } from 'geojson';

/** One feature per line: small diffs when the district is regenerated, and still plain JSON. */
export function serializeFeatureCollection(collection: FeatureCollection): string {
  const lines = collection.features.map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}
