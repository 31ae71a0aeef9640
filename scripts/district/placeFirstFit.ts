import type { BuildingDraft } from './districtModel.js';
import type { LayoutContext } from './layoutContext.js';
import type { Box, Polygon, Vec } from './planarGeometry.js';

export function insideBox(polygon: Polygon, box: Box): boolean {
  return (polygon[0] ?? []).every(([x, y]) => x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY);
}

/** Tries the centres of a grid over `zone`, nearest `preferred` first, until `tryAt` accepts one. */
export function firstFit(zone: Box, stepM: number, preferred: Vec, tryAt: (centre: Vec) => boolean): Vec | null {
  const candidates: Vec[] = [];
  for (let x = zone.minX; x <= zone.maxX; x += stepM) for (let y = zone.minY; y <= zone.maxY; y += stepM) candidates.push([x, y]);
  const d = (p: Vec): number => Math.hypot(p[0] - preferred[0], p[1] - preferred[1]);
  candidates.sort((a, b) => d(a) - d(b) || a[0] - b[0] || a[1] - b[1]);
  return candidates.find(tryAt) ?? null;
}

/** Places the first building that fits inside the zone and clear of everything; returns where, or null. */
export function placeFirstFit(ctx: LayoutContext, zone: Box, stepM: number, preferred: Vec, make: (centre: Vec) => BuildingDraft): Vec | null {
  return firstFit(zone, stepM, preferred, (centre) => {
    const draft = make(centre);
    return draft.polygons.every((p) => insideBox(p, zone)) && ctx.addBuilding(draft);
  });
}
