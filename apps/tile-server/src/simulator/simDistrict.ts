import type { BuildingUse, LocalizedName, LowPointProperties, ParkingLotProperties, PipeNodeProperties, PipeSegmentProperties, RoadEdgeProperties, RoadNodeProperties } from '@pengcheng/protocol';
import type { LonLat } from './polyline.js';

/** The parts of the district (assets/source) the simulator drives and places things on. */
export interface SimDistrict {
  readonly roadNodes: readonly { readonly point: LonLat; readonly props: RoadNodeProperties }[];
  readonly roadEdges: readonly { readonly line: readonly LonLat[]; readonly props: RoadEdgeProperties }[];
  /** Footprint centres, for the places of hotline reports. */
  readonly buildings: readonly { readonly id: string; readonly use: BuildingUse; readonly address: LocalizedName; readonly point: LonLat }[];
  readonly parkingLots: ReadonlyMap<string, ParkingLotProperties>;
  readonly lowPoints: readonly { readonly point: LonLat; readonly props: LowPointProperties }[];
  readonly pipeSegments: ReadonlyMap<string, PipeSegmentProperties>;
  readonly pipeNodes: ReadonlyMap<string, PipeNodeProperties>;
  /** Where every asset a drill may start at lies: its point, a line's middle, a footprint's centre. */
  readonly assetPositions: ReadonlyMap<string, LonLat>;
}
