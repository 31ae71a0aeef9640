import type { RoadClass } from '@pengcheng/protocol';

/** An axis-aligned box in unit world coordinates (see webMercator). */
export interface WorldBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** A flat run of world coordinates, x0 y0 x1 y1 ...: compact, and fast to walk per tile. */
export type WorldPath = Float64Array;

/** Polygons, each an outer ring followed by its holes. */
export type WorldPolygons = readonly (readonly WorldPath[])[];

export type AreaLayer = 'green' | 'square' | 'parking' | 'water';

export interface AreaFeature {
  readonly layer: AreaLayer;
  /** The source `kind` (lake, park, surface...), for the style; empty when the layer has none. */
  readonly variant: string;
  readonly polygons: WorldPolygons;
  /** Painted lines inside the area (parking stalls), as segments: x0 y0 x1 y1 per segment. */
  readonly lines?: WorldPath;
  readonly box: WorldBox;
}

export interface RoadSurface {
  readonly roadClass: RoadClass;
  readonly unitsPerMetre: number;
  readonly polygons: WorldPolygons;
  readonly box: WorldBox;
}

/** A painted line: the yellow centre line, a dashed white lane divider, a solid white edge line. */
export interface LaneMarking {
  readonly kind: 'centre' | 'divider' | 'edge';
  readonly path: WorldPath;
}

export interface RoadLine {
  readonly roadClass: RoadClass;
  /** Carriageway width in world units (`widthM` at the road's latitude). */
  readonly width: number;
  /** World units per metre where the road is, for dash lengths given in metres. */
  readonly unitsPerMetre: number;
  /** Drawn after the bridge decks, so the deck's parapet frames it. */
  readonly onBridge: boolean;
  readonly path: WorldPath;
  readonly markings: readonly LaneMarking[];
  readonly box: WorldBox;
}

export interface BridgeDeck {
  /** Deck width in world units. */
  readonly width: number;
  readonly unitsPerMetre: number;
  readonly path: WorldPath;
  readonly box: WorldBox;
}

/**
 * Everything the base map draws, projected once to world coordinates. Areas are in drawing
 * order; roads are ordered minor class first so major roads paint over junctions.
 */
export interface GroundScene {
  readonly areas: readonly AreaFeature[];
  readonly surfaces: readonly RoadSurface[];
  readonly roads: readonly RoadLine[];
  readonly bridges: readonly BridgeDeck[];
}
