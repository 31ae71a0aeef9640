import { boxOf, boxesOverlap, ringsWithin, type Box, type Ring } from './planarGeometry.js';

export type ObstacleLayer = 'building' | 'road' | 'water' | 'square' | 'parking' | 'green';

interface Entry {
  readonly ring: Ring;
  readonly box: Box;
  readonly layer: ObstacleLayer;
}

const CELL_M = 64;

/**
 * What already occupies the ground, bucketed on a 64 m grid, so a new footprint is checked
 * only against its neighbours.
 */
export class SpatialIndex {
  private readonly cells = new Map<string, Entry[]>();

  insert(ring: Ring, layer: ObstacleLayer): void {
    const entry: Entry = { ring, box: boxOf(ring), layer };
    for (const key of this.keysFor(entry.box, 0)) {
      const list = this.cells.get(key);
      if (list) list.push(entry);
      else this.cells.set(key, [entry]);
    }
  }

  /** True when `ring` comes closer to something than that layer's clearance (a missing layer is ignored). */
  conflicts(ring: Ring, clearance: Readonly<Partial<Record<ObstacleLayer, number>>>): boolean {
    const box = boxOf(ring);
    const margin = Math.max(0, ...Object.values(clearance));
    const seen = new Set<Entry>();
    for (const key of this.keysFor(box, margin)) {
      for (const entry of this.cells.get(key) ?? []) {
        if (seen.has(entry)) continue;
        seen.add(entry);
        const c = clearance[entry.layer];
        if (c === undefined || !boxesOverlap(box, entry.box, c)) continue;
        if (ringsWithin(ring, entry.ring, c)) return true;
      }
    }
    return false;
  }

  private *keysFor(box: Box, margin: number): Generator<string> {
    const x0 = Math.floor((box.minX - margin) / CELL_M);
    const x1 = Math.floor((box.maxX + margin) / CELL_M);
    const y0 = Math.floor((box.minY - margin) / CELL_M);
    const y1 = Math.floor((box.maxY + margin) / CELL_M);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield `${x},${y}`;
  }
}
