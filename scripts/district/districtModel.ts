import type { BuildingPart, BuildingUse, GreenProperties, LocalizedName, ParkingLotProperties, RoadClass, WaterProperties } from '@pengcheng/protocol';
import type { Polygon, Vec } from './planarGeometry.js';

/** The drafts the layout produces in the local metric frame, before ids and degrees. */

/** One road as planned: a polyline that the network builder later cuts into edges at junctions. */
export interface RoadSpec {
  readonly name: LocalizedName;
  readonly class: RoadClass;
  readonly lanes: number;
  readonly widthM: number;
  readonly speedLimitKmh: number;
  readonly oneway: boolean;
  readonly points: readonly Vec[];
  /**
   * Distance along the whole named road at `points[0]`, for house numbers; absent on roads that
   * give no addresses (compound lanes, drop-off loops).
   */
  readonly addressBaseM?: number;
}

export interface BuildingDraft {
  /** One polygon per part; a single polygon is a building in one piece. */
  readonly polygons: readonly Polygon[];
  /** Parts stack like OSM building:part: the n-th polygon rises from minHeightM to heightM. */
  readonly parts?: readonly BuildingPart[];
  readonly use: BuildingUse;
  readonly heightM: number;
  readonly floors: number;
  readonly yearBuilt: number;
  readonly name?: LocalizedName;
  readonly address: LocalizedName;
}

export interface GreenDraft {
  readonly kind: GreenProperties['kind'];
  readonly name?: LocalizedName;
  readonly polygons: readonly Polygon[];
}

export interface WaterDraft {
  readonly kind: WaterProperties['kind'];
  readonly name: LocalizedName;
  readonly polygon: Polygon;
}

export interface SquareDraft {
  readonly name: LocalizedName;
  readonly polygon: Polygon;
}

export interface ParkingDraft {
  readonly name: LocalizedName;
  readonly kind: ParkingLotProperties['kind'];
  readonly capacity: number;
  readonly polygon: Polygon;
}
