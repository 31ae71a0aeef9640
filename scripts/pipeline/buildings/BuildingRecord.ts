import type { BuildingUse } from '@pengcheng/protocol';

/** Longitude, latitude in WGS84 degrees. */
export type LonLat = readonly [number, number];

/** A ring without its closing point: at least 3 distinct vertices. */
export type Ring = readonly [LonLat, LonLat, LonLat, ...LonLat[]];

/**
 * A repaired polygon: the outer ring counter-clockwise seen from above, then holes clockwise,
 * each hole inside the outer ring and no ring crossing itself or another.
 */
export type PolygonRings = readonly [Ring, ...Ring[]];

/** Whether a list of vertices has enough of them to be a ring. */
export function isRing(points: readonly LonLat[]): points is Ring {
  return points.length >= 3;
}

/** One vertical prism of a building: a footprint extruded between two heights above ground. */
export interface BuildingPartShape {
  readonly rings: PolygonRings;
  readonly minHeightM: number;
  readonly heightM: number;
}

/** A name or address in Chinese and/or English (foreign sources may have either). */
export interface Names {
  readonly zh?: string;
  readonly en?: string;
}

/**
 * A building ready for tiling, whatever the source format: our BuildingProperties, with the
 * geometry attached as parts and the fields a foreign source may lack made optional.
 */
export interface BuildingRecord {
  readonly id: string;
  readonly name?: Names;
  readonly use?: BuildingUse;
  /** Height of the building, metres above ground: no part reaches higher. */
  readonly heightM: number;
  readonly floors?: number;
  readonly yearBuilt?: number;
  readonly address?: Names;
  readonly parts: readonly BuildingPartShape[];
}

/** What a normalizer made of a source file. */
export interface NormalizedBuildings {
  readonly buildings: readonly BuildingRecord[];
  /** Source features read. */
  readonly read: number;
  /** Source features dropped (invalid, duplicate, not a footprint); each was reported through `log`. */
  readonly skipped: number;
  /** Source features that needed a repair and were kept. */
  readonly repaired: number;
}
