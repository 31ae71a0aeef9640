import { elementAt } from '../tiles3d/elementAt.js';
import type { BuildingPartShape, BuildingRecord, PolygonRings } from './BuildingRecord.js';
import { repairPolygon } from './repairPolygon.js';
import { simplifyRing } from './simplifyRing.js';
import { unionPolygons } from './unionPolygons.js';

/** Simplified rings if they still form the same valid polygon (no ring lost or crossing); else the original. */
function simplifyPolygon(rings: PolygonRings, toleranceM: number): PolygonRings {
  const simplified = rings.map((ring) => simplifyRing(ring, toleranceM));
  if (simplified.every((ring, i) => ring.length === elementAt(rings, i).length)) return rings;
  const checked = repairPolygon(simplified.map((ring) => [...ring, ring[0]]));
  return checked.ok && checked.rings.length === rings.length ? checked.rings : rings;
}

/**
 * The parts to draw for a building in a tile whose geometric error is `toleranceM`, such that
 * nothing moves by more than that (Hausdorff distance to the full-detail model over the ground):
 *
 * - a building or part no taller than the tolerance is dropped (its roof is that far from the
 *   ground that replaces it);
 * - parts collapse into one prism over their merged footprint when every roof lies within the
 *   tolerance of the highest one and every part starts within it of the ground;
 * - footprints are simplified (Douglas–Peucker) by half the tolerance.
 *
 * An empty result means the building is not drawn at this level.
 */
export function simplifyBuilding(building: BuildingRecord, toleranceM: number): BuildingPartShape[] {
  if (building.heightM <= toleranceM) return [];
  let parts: BuildingPartShape[] = building.parts.filter((part) => part.heightM > toleranceM);
  if (parts.length > 1) {
    const top = Math.max(...parts.map((p) => p.heightM));
    const bottom = Math.min(...parts.map((p) => p.minHeightM));
    const collapseError = Math.max(...parts.map((p) => Math.max(top - p.heightM, p.minHeightM - bottom)));
    const merged = collapseError <= toleranceM ? unionPolygons(parts.map((p) => p.rings)) : undefined;
    if (merged) parts = merged.map((rings) => ({ rings, minHeightM: bottom, heightM: top }));
  }
  return parts.map((part) => ({ ...part, rings: simplifyPolygon(part.rings, toleranceM / 2) }));
}
