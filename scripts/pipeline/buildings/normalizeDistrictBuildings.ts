import { BuildingProperties } from '@pengcheng/protocol';
import type { BuildingPartShape, BuildingRecord, NormalizedBuildings } from './BuildingRecord.js';
import { repairPolygon } from './repairPolygon.js';

/**
 * Reads our own buildings.geojson (BuildingProperties, see @pengcheng/protocol): a Polygon is one
 * part from the ground to `heightM`; the n-th polygon of a MultiPolygon is `parts[n]` (or, without
 * `parts`, another prism to `heightM`). Features with invalid properties, a repeated id or no
 * usable polygon are skipped; repairs and skips are logged per feature.
 */
export function normalizeDistrictBuildings(geojson: unknown, log: (message: string) => void): NormalizedBuildings {
  const features = (geojson as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) throw new Error('not a GeoJSON FeatureCollection');
  const buildings: BuildingRecord[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let repaired = 0;

  for (const [index, feature] of features.entries()) {
    const raw = (feature as { properties?: unknown } | null)?.properties;
    const rawId = (raw as { id?: unknown } | null)?.id;
    const label = typeof rawId === 'string' ? rawId : `feature ${index}`;
    const skip = (reason: string): void => {
      log(`${label}: skipped: ${reason}`);
      skipped++;
    };

    const parsed = BuildingProperties.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skip(`invalid properties: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem'}`);
      continue;
    }
    const properties = parsed.data;
    if (seen.has(properties.id)) {
      skip('another feature already has this id');
      continue;
    }
    const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } | null }).geometry;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') {
      skip(`geometry is ${String(geometry?.type ?? 'missing')}, not a Polygon or MultiPolygon`);
      continue;
    }
    const polygons: unknown[] = geometry.type === 'Polygon' ? [geometry.coordinates] : Array.isArray(geometry.coordinates) ? geometry.coordinates : [];
    if (properties.parts && properties.parts.length !== polygons.length) {
      skip(`${properties.parts.length} parts for ${polygons.length} polygon(s)`);
      continue;
    }

    const parts: BuildingPartShape[] = [];
    const notes: string[] = [];
    for (const [n, coordinates] of polygons.entries()) {
      const heights = properties.parts?.[n] ?? { minHeightM: 0, heightM: properties.heightM };
      const result = repairPolygon(coordinates);
      if (!result.ok) {
        notes.push(`dropped polygon ${n}: ${result.reason}`);
        continue;
      }
      notes.push(...result.repairs.map((r) => (polygons.length > 1 ? `polygon ${n}: ${r}` : r)));
      parts.push({ rings: result.rings, minHeightM: heights.minHeightM, heightM: heights.heightM });
    }
    if (parts.length === 0) {
      skip(`no usable polygon (${notes.join('; ')})`);
      continue;
    }
    if (notes.length) {
      log(`${label}: repaired: ${notes.join('; ')}`);
      repaired++;
    }
    seen.add(properties.id);
    buildings.push({
      id: properties.id,
      name: properties.name,
      use: properties.use,
      heightM: properties.heightM,
      floors: properties.floors,
      yearBuilt: properties.yearBuilt,
      address: properties.address,
      parts,
    });
  }
  return { buildings, read: features.length, skipped, repaired };
}
