import path from 'node:path';
import { ROAD_CLASSES, type RoadClass } from '@pengcheng/protocol';
import type { Feature } from 'geojson';
import type { AreaFeature, AreaLayer, BridgeDeck, GroundScene, RoadLine, RoadSurface, WorldBox, WorldPath } from './groundScene.js';
import { laneMarkings } from './laneMarkings.js';
import { parkingStalls } from './parkingStalls.js';
import { projectPath } from './projectPath.js';
import { projectPolygons } from './projectPolygons.js';
import { readFeatureCollection } from './readFeatureCollection.js';
import { webMercator } from './webMercator.js';
import { worldBoxOf } from './worldBoxOf.js';

/** The source files, in the order their areas are painted (later on top). */
export const GROUND_SOURCES = {
  green: 'green.geojson',
  square: 'squares.geojson',
  parking: 'parking_lots.geojson',
  water: 'water.geojson',
  surfaces: 'road_surfaces.geojson',
  roads: 'road_edges.geojson',
  bridges: 'bridges.geojson',
} as const;

const AREA_LAYERS: readonly AreaLayer[] = ['green', 'square', 'parking', 'water'];

/** Deck width when none of a bridge's edges can be found. */
const FALLBACK_BRIDGE_WIDTH_M = 20;

/** Room left between the junction box and the end of the lane markings (stop line, crossing). */
const JUNCTION_CLEARANCE_M = 4;

export interface LoadedGroundScene {
  readonly scene: GroundScene;
  /** Features that will be drawn. */
  readonly features: number;
  /** Features skipped, each explained through `log`. */
  readonly skipped: number;
}

interface Properties {
  readonly [key: string]: unknown;
}

const classRank = (roadClass: RoadClass): number => ROAD_CLASSES.length - ROAD_CLASSES.indexOf(roadClass);
const isRoadClass = (value: unknown): value is RoadClass => (ROAD_CLASSES as readonly unknown[]).includes(value);
const overlaps = (a: WorldBox, b: WorldBox): boolean => a.minX < b.maxX && a.maxX > b.minX && a.minY < b.maxY && a.maxY > b.minY;
const endpointKey = (path: WorldPath, index: number): string => `${(path[index] as number).toFixed(10)} ${(path[index + 1] as number).toFixed(10)}`;

/** World units per metre at the middle of a box (the scale changes by < 0.2 % across the district). */
function unitsPerMetreAt(box: WorldBox): number {
  const { latitude } = webMercator.unproject({ x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 });
  return 1 / webMercator.metresPerUnit(latitude);
}

interface RoadSource {
  readonly id: string;
  readonly roadClass: RoadClass;
  readonly widthM: number;
  readonly lanes: number;
  readonly oneway: boolean;
  readonly onBridge: boolean;
  readonly path: WorldPath;
  readonly box: WorldBox;
}

/**
 * Reads the district's ground layers from `sourceDir` and projects them once to world
 * coordinates. Features that cannot be drawn (bad geometry or properties) or lie wholly outside
 * `area` are skipped and logged.
 */
export async function loadGroundScene(sourceDir: string, area: WorldBox, log: (message: string) => void): Promise<LoadedGroundScene> {
  let features = 0;
  let skipped = 0;
  const skip = (file: string, feature: Feature, index: number, why: string): void => {
    skipped++;
    const id = (feature.properties as Properties | null)?.id;
    log(`${file}: feature ${typeof id === 'string' ? id : `#${index}`} skipped: ${why}`);
  };
  const read = async (file: string): Promise<Feature[]> => readFeatureCollection(path.join(sourceDir, file), log);
  const inArea = (file: string, feature: Feature, index: number, box: WorldBox): boolean => {
    if (overlaps(box, area)) return true;
    skip(file, feature, index, 'outside the pilot area');
    return false;
  };

  const areas: AreaFeature[] = [];
  let belowOrAbove = 0;
  for (const layer of AREA_LAYERS) {
    const file = GROUND_SOURCES[layer];
    (await read(file)).forEach((feature, index) => {
      const kind = (feature.properties as Properties | null)?.kind;
      if (layer === 'parking' && kind !== undefined && kind !== 'surface') {
        belowOrAbove++;
        return;
      }
      const polygons = projectPolygons(feature.geometry);
      if (!polygons) return skip(file, feature, index, 'geometry is not a valid Polygon or MultiPolygon');
      const box = worldBoxOf(polygons.flat());
      if (!inArea(file, feature, index, box)) return;
      const ring = polygons.length === 1 && polygons[0]?.length === 1 ? polygons[0][0] : undefined;
      const lines = layer === 'parking' && ring ? parkingStalls(ring, unitsPerMetreAt(box)) : null;
      areas.push({ layer, variant: typeof kind === 'string' ? kind : '', polygons, box, ...(lines ? { lines } : {}) });
      features++;
    });
  }

  // Underground garages lie below buildings and squares, multi-storey ones are buildings (3D).
  if (belowOrAbove > 0) log(`${GROUND_SOURCES.parking}: ${belowOrAbove} underground or multi-storey lots are not ground and not drawn`);

  const surfaces: RoadSurface[] = [];
  (await read(GROUND_SOURCES.surfaces)).forEach((feature, index) => {
    const roadClass = (feature.properties as Properties | null)?.class;
    if (!isRoadClass(roadClass)) return skip(GROUND_SOURCES.surfaces, feature, index, `unknown road class ${String(roadClass)}`);
    const polygons = projectPolygons(feature.geometry);
    if (!polygons) return skip(GROUND_SOURCES.surfaces, feature, index, 'geometry is not a valid Polygon or MultiPolygon');
    const box = worldBoxOf(polygons.flat());
    if (!inArea(GROUND_SOURCES.surfaces, feature, index, box)) return;
    surfaces.push({ roadClass, unitsPerMetre: unitsPerMetreAt(box), polygons, box });
    features++;
  });

  const sources: RoadSource[] = [];
  (await read(GROUND_SOURCES.roads)).forEach((feature, index) => {
    const props = (feature.properties ?? {}) as Properties;
    if (!isRoadClass(props.class)) return skip(GROUND_SOURCES.roads, feature, index, `unknown road class ${String(props.class)}`);
    if (typeof props.widthM !== 'number' || !(props.widthM > 0)) return skip(GROUND_SOURCES.roads, feature, index, 'widthM is not a positive number');
    const line = feature.geometry?.type === 'LineString' ? projectPath(feature.geometry.coordinates, 2) : null;
    if (!line) return skip(GROUND_SOURCES.roads, feature, index, 'geometry is not a valid LineString');
    const box = worldBoxOf([line]);
    if (!inArea(GROUND_SOURCES.roads, feature, index, box)) return;
    sources.push({
      id: typeof props.id === 'string' ? props.id : `#${index}`,
      roadClass: props.class,
      widthM: props.widthM,
      lanes: typeof props.lanes === 'number' && Number.isInteger(props.lanes) ? props.lanes : 0,
      oneway: props.oneway === true,
      onBridge: typeof props.bridgeId === 'string',
      path: line,
      box,
    });
    features++;
  });

  // Markings stop before junctions (three or more ends meeting), clear of the widest crossing road.
  const ends = new Map<string, RoadSource[]>();
  for (const road of sources) {
    for (const key of [endpointKey(road.path, 0), endpointKey(road.path, road.path.length - 2)]) ends.set(key, [...(ends.get(key) ?? []), road]);
  }
  const trimAt = (road: RoadSource, key: string): number => {
    const meeting = ends.get(key) ?? [];
    if (meeting.length < 3) return 0;
    return Math.max(...meeting.filter((other) => other !== road).map((other) => other.widthM)) / 2 + JUNCTION_CLEARANCE_M;
  };
  const roads: RoadLine[] = sources
    .map((road) => {
      const unitsPerMetre = unitsPerMetreAt(road.box);
      const markings = laneMarkings(road.path, {
        widthM: road.widthM,
        lanes: road.lanes,
        oneway: road.oneway,
        unitsPerMetre,
        trimStartM: trimAt(road, endpointKey(road.path, 0)),
        trimEndM: trimAt(road, endpointKey(road.path, road.path.length - 2)),
      });
      return { roadClass: road.roadClass, width: road.widthM * unitsPerMetre, unitsPerMetre, onBridge: road.onBridge, path: road.path, markings, box: road.box };
    })
    .sort((a, b) => classRank(a.roadClass) - classRank(b.roadClass));
  surfaces.sort((a, b) => classRank(a.roadClass) - classRank(b.roadClass));

  const widthById = new Map(sources.map((road) => [road.id, road.widthM]));
  const bridges: BridgeDeck[] = [];
  (await read(GROUND_SOURCES.bridges)).forEach((feature, index) => {
    const props = (feature.properties ?? {}) as Properties;
    const line = feature.geometry?.type === 'LineString' ? projectPath(feature.geometry.coordinates, 2) : null;
    if (!line) return skip(GROUND_SOURCES.bridges, feature, index, 'geometry is not a valid LineString');
    const box = worldBoxOf([line]);
    if (!inArea(GROUND_SOURCES.bridges, feature, index, box)) return;
    const edgeWidths = (Array.isArray(props.edgeIds) ? props.edgeIds : []).map((id) => widthById.get(String(id))).filter((w): w is number => w !== undefined);
    if (edgeWidths.length === 0) log(`${GROUND_SOURCES.bridges}: bridge ${String(props.id ?? `#${index}`)} has no known edge; drawn ${FALLBACK_BRIDGE_WIDTH_M} m wide`);
    const widthM = edgeWidths.length > 0 ? Math.max(...edgeWidths) : FALLBACK_BRIDGE_WIDTH_M;
    const unitsPerMetre = unitsPerMetreAt(box);
    bridges.push({ width: widthM * unitsPerMetre, unitsPerMetre, path: line, box });
    features++;
  });

  return { scene: { areas, surfaces, roads, bridges }, features, skipped };
}
