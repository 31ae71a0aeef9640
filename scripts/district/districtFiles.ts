import {
  BridgeProperties,
  BuildingProperties,
  CameraProperties,
  GreenProperties,
  LowPointProperties,
  ParkingLotProperties,
  PipeNodeProperties,
  PipeSegmentProperties,
  RoadEdgeProperties,
  RoadNodeProperties,
  RoadSurfaceProperties,
  SmartPoleProperties,
  SquareProperties,
  UtilityTunnelProperties,
  WaterProperties,
} from '@pengcheng/protocol';
import type { FeatureCollection, Geometry } from 'geojson';
import type { ZodType } from 'zod';

interface FileSpec {
  readonly schema: ZodType;
  readonly geometry: readonly Geometry['type'][];
}

const AREA: readonly Geometry['type'][] = ['Polygon', 'MultiPolygon'];

/** Every file of `assets/source/`, the schema of its properties and the geometry it holds. */
export const DISTRICT_FILES = {
  'buildings.geojson': { schema: BuildingProperties, geometry: AREA },
  'road_nodes.geojson': { schema: RoadNodeProperties, geometry: ['Point'] },
  'road_edges.geojson': { schema: RoadEdgeProperties, geometry: ['LineString'] },
  'road_surfaces.geojson': { schema: RoadSurfaceProperties, geometry: AREA },
  'bridges.geojson': { schema: BridgeProperties, geometry: ['LineString'] },
  'water.geojson': { schema: WaterProperties, geometry: AREA },
  'green.geojson': { schema: GreenProperties, geometry: AREA },
  'squares.geojson': { schema: SquareProperties, geometry: ['Polygon'] },
  'pipe_segments.geojson': { schema: PipeSegmentProperties, geometry: ['LineString'] },
  'pipe_nodes.geojson': { schema: PipeNodeProperties, geometry: ['Point'] },
  'utility_tunnel.geojson': { schema: UtilityTunnelProperties, geometry: ['LineString'] },
  'smart_poles.geojson': { schema: SmartPoleProperties, geometry: ['Point'] },
  'cameras.geojson': { schema: CameraProperties, geometry: ['Point'] },
  'parking_lots.geojson': { schema: ParkingLotProperties, geometry: ['Polygon'] },
  'low_points.geojson': { schema: LowPointProperties, geometry: ['Point'] },
} as const satisfies Record<string, FileSpec>;

export type DistrictFileName = keyof typeof DISTRICT_FILES;
export type DistrictFiles = Readonly<Record<DistrictFileName, FeatureCollection>>;
export const DISTRICT_FILE_NAMES = Object.keys(DISTRICT_FILES) as DistrictFileName[];

/** Keys of `input` that parsing dropped: a property the schema does not know. */
function droppedKeys(input: unknown, parsed: unknown, path: string): string[] {
  if (Array.isArray(input) && Array.isArray(parsed)) return input.flatMap((v, i) => droppedKeys(v, parsed[i], `${path}[${i}]`));
  if (input === null || typeof input !== 'object' || parsed === null || typeof parsed !== 'object') return [];
  return Object.entries(input).flatMap(([k, v]) => (k in parsed ? droppedKeys(v, (parsed as Record<string, unknown>)[k], `${path}.${k}`) : [`${path}.${k}`]));
}

/**
 * Throws, naming the feature and the rule, unless every feature has the file's geometry, properties
 * its schema accepts as they are (nothing unknown, nothing dropped), and a unique id in order.
 */
export function validateDistrictFile(file: DistrictFileName, collection: FeatureCollection): void {
  const spec: FileSpec = DISTRICT_FILES[file];
  let previous = '';
  for (const feature of collection.features) {
    const id = String(feature.id);
    if (!spec.geometry.includes(feature.geometry.type)) throw new Error(`${file} ${id}: ${feature.geometry.type} is not one of ${spec.geometry.join(', ')}`);
    const result = spec.schema.safeParse(feature.properties);
    if (!result.success) throw new Error(`${file} ${id}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const dropped = droppedKeys(feature.properties, result.data, 'properties');
    if (dropped.length > 0) throw new Error(`${file} ${id}: not in the schema: ${dropped.join(', ')}`);
    if (feature.properties?.['id'] !== id) throw new Error(`${file} ${id}: the feature id and properties.id differ`);
    if (id <= previous) throw new Error(`${file} ${id}: ids must be unique and sorted (after ${previous})`);
    previous = id;
  }
}
