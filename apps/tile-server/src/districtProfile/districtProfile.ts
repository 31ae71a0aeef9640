import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BridgeProperties,
  BuildingProperties,
  CameraProperties,
  LowPointProperties,
  ParkingLotProperties,
  PILOT_AREA_BOUNDS,
  PipeNodeProperties,
  PipeSegmentProperties,
  RoadEdgeProperties,
  RoadNodeProperties,
  SmartPoleProperties,
  SquareProperties,
  UtilityTunnelProperties,
  WaterProperties,
  type BuildingUse,
  type DistrictPlace,
  type DistrictProfile,
  type GeoBounds,
  type PipeNetwork,
  type Sensor,
  type SensorKind,
} from '@pengcheng/protocol';
import { z, type ZodType } from 'zod';
import { loadSensorRegistry } from '../sensors/sensorRegistryFile.js';

export class DistrictProfileError extends Error {
  override readonly name = 'DistrictProfileError';
}

type Position = readonly [number, number];
const Coordinates = z.array(z.number().finite()).min(2).transform((c): Position => [c[0] as number, c[1] as number]);
const Ring = z.array(Coordinates).min(4);
const Point = z.object({ type: z.literal('Point'), coordinates: Coordinates });
const Line = z.object({ type: z.literal('LineString'), coordinates: z.array(Coordinates).min(2) });
const Area = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
type AreaGeometry = z.infer<typeof Area>;

interface Feature<G, P> {
  readonly geometry: G;
  readonly properties: P;
}

/** The district as the profile counts it: each source file's features, checked against the protocol. */
export interface DistrictSource {
  readonly buildings: readonly Feature<AreaGeometry, BuildingProperties>[];
  readonly pipeSegments: readonly Feature<unknown, PipeSegmentProperties>[];
  readonly pipeNodes: readonly Feature<unknown, PipeNodeProperties>[];
  readonly utilityTunnels: readonly Feature<unknown, UtilityTunnelProperties>[];
  readonly roadEdges: readonly Feature<unknown, RoadEdgeProperties>[];
  readonly roadNodes: readonly Feature<unknown, RoadNodeProperties>[];
  readonly bridges: readonly Feature<z.infer<typeof Line>, BridgeProperties>[];
  readonly cameras: readonly Feature<unknown, CameraProperties>[];
  readonly smartPoles: readonly Feature<unknown, SmartPoleProperties>[];
  readonly parkingLots: readonly Feature<unknown, ParkingLotProperties>[];
  readonly lowPoints: readonly Feature<unknown, LowPointProperties>[];
  readonly squares: readonly Feature<AreaGeometry, SquareProperties>[];
  readonly water: readonly Feature<AreaGeometry, WaterProperties>[];
  readonly sensors: readonly Pick<Sensor, 'kind' | 'public'>[];
}

async function readCollection<G extends ZodType, P extends ZodType>(dir: string, file: string, geometry: G, properties: P) {
  const where = path.join(dir, file);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(where, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DistrictProfileError(`district file ${where} ${code === 'ENOENT' ? 'does not exist' : code ? `cannot be read (${code})` : 'is not valid JSON'}`);
  }
  const parsed = z.object({ features: z.array(z.object({ geometry, properties })) }).safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new DistrictProfileError(`district file ${where}: ${first ? `${first.path.join('.')}: ${first.message}` : 'not a feature collection'}`);
  }
  return parsed.data.features;
}

/** Reads the district's source files and the sensor registry, each checked against its schema. */
export async function readDistrictSource(districtDir: string, sensorsFile: string): Promise<DistrictSource> {
  const any = z.unknown();
  const [buildings, pipeSegments, pipeNodes, utilityTunnels, roadEdges, roadNodes, bridges, cameras, smartPoles, parkingLots, lowPoints, squares, water, sensors] = await Promise.all([
    readCollection(districtDir, 'buildings.geojson', Area, BuildingProperties),
    readCollection(districtDir, 'pipe_segments.geojson', any, PipeSegmentProperties),
    readCollection(districtDir, 'pipe_nodes.geojson', any, PipeNodeProperties),
    readCollection(districtDir, 'utility_tunnel.geojson', any, UtilityTunnelProperties),
    readCollection(districtDir, 'road_edges.geojson', any, RoadEdgeProperties),
    readCollection(districtDir, 'road_nodes.geojson', any, RoadNodeProperties),
    readCollection(districtDir, 'bridges.geojson', Line, BridgeProperties),
    readCollection(districtDir, 'cameras.geojson', Point, CameraProperties),
    readCollection(districtDir, 'smart_poles.geojson', Point, SmartPoleProperties),
    readCollection(districtDir, 'parking_lots.geojson', Area, ParkingLotProperties),
    readCollection(districtDir, 'low_points.geojson', Point, LowPointProperties),
    readCollection(districtDir, 'squares.geojson', Area, SquareProperties),
    readCollection(districtDir, 'water.geojson', Area, WaterProperties),
    loadSensorRegistry(sensorsFile).catch((error: unknown) => {
      throw new DistrictProfileError(error instanceof Error ? error.message : String(error));
    }),
  ]);
  return { buildings, pipeSegments, pipeNodes, utilityTunnels, roadEdges, roadNodes, bridges, cameras, smartPoles, parkingLots, lowPoints, squares, water, sensors };
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** East/north metres of `p` from `origin`: exact to centimetres over the district's 4 km. */
function localMetres(p: Position, origin: Position): [number, number] {
  return [(p[0] - origin[0]) * RAD * EARTH_RADIUS_M * Math.cos(origin[1] * RAD), (p[1] - origin[1]) * RAD * EARTH_RADIUS_M];
}

/** Area of a ring in square metres (shoelace in local metres; orientation ignored). */
export function ringAreaM2(ring: readonly Position[]): number {
  const origin = ring[0];
  if (!origin || ring.length < 4) return 0;
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = localMetres(ring[i] as Position, origin);
    const [x2, y2] = localMetres(ring[i + 1] as Position, origin);
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

/** A polygon's area: its outer ring less its holes. */
function polygonAreaM2(rings: readonly (readonly Position[])[]): number {
  const [outer, ...holes] = rings;
  return Math.max(0, ringAreaM2(outer ?? []) - holes.reduce((sum, hole) => sum + ringAreaM2(hole), 0));
}

function polygonsOf(geometry: AreaGeometry): readonly (readonly (readonly Position[])[])[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Gross floor area: each footprint polygon times its storeys. A part of a MultiPolygon gets the
 * share of the building's storeys its own height span is of the whole height.
 */
export function floorAreaM2(building: Feature<AreaGeometry, BuildingProperties>): number {
  const { floors, heightM, parts } = building.properties;
  return polygonsOf(building.geometry).reduce((sum, polygon, i) => {
    const part = parts?.[i];
    const storeys = part ? Math.max(1, Math.round((floors * (part.heightM - part.minHeightM)) / heightM)) : floors;
    return sum + polygonAreaM2(polygon) * storeys;
  }, 0);
}

/** The mean of the outer rings' corners and the farthest corner's distance from it. */
function centreAndRadius(points: readonly Position[]): { centre: Position; radiusM: number } {
  const n = Math.max(1, points.length);
  const centre: Position = [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
  const radiusM = points.reduce((r, p) => Math.max(r, Math.hypot(...localMetres(p, centre))), 0);
  return { centre, radiusM };
}

function outerCorners(geometry: AreaGeometry): Position[] {
  return polygonsOf(geometry).flatMap((polygon) => (polygon[0] ?? []).slice(0, -1));
}

/** Uses whose named buildings are landmarks a visitor would know; homes and plant rooms are not. */
const LANDMARK_USES: ReadonlySet<BuildingUse> = new Set(['government', 'cultural', 'sports', 'hospital', 'mixed', 'hotel', 'office', 'commercial', 'school']);
/** How many landmarks of one use: the tallest of each, so one kind of place cannot crowd the rest out. */
const LANDMARKS_PER_USE = 2;
/** Lower named buildings (tea houses, piers) are too small to frame from a tour's height. */
const LANDMARK_MIN_HEIGHT_M = 15;

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

function placesOf(source: DistrictSource): DistrictPlace[] {
  const place = (id: string, kind: DistrictPlace['kind'], category: string, name: DistrictPlace['name'], corners: readonly Position[], heightM: number): DistrictPlace => {
    const { centre, radiusM } = centreAndRadius(corners);
    return { id, kind, category, name, longitude: round(centre[0], 7), latitude: round(centre[1], 7), heightM: round(heightM, 1), radiusM: round(radiusM, 1) };
  };
  const byUse = new Map<BuildingUse, Feature<AreaGeometry, BuildingProperties>[]>();
  for (const building of source.buildings) {
    const { use, name, heightM } = building.properties;
    if (!name || !LANDMARK_USES.has(use) || heightM < LANDMARK_MIN_HEIGHT_M) continue;
    byUse.set(use, [...(byUse.get(use) ?? []), building]);
  }
  const landmarks = [...byUse.values()].flatMap((list) =>
    [...list].sort((a, b) => b.properties.heightM - a.properties.heightM || a.properties.id.localeCompare(b.properties.id)).slice(0, LANDMARKS_PER_USE),
  );
  return [
    ...landmarks
      .sort((a, b) => a.properties.id.localeCompare(b.properties.id))
      .map((b) => place(b.properties.id, 'building', b.properties.use, b.properties.name ?? b.properties.address, outerCorners(b.geometry), b.properties.heightM)),
    ...source.squares.map((s) => place(s.properties.id, 'square', 'square', s.properties.name, outerCorners(s.geometry), 0)),
    ...source.water.map((w) => place(w.properties.id, 'water', w.properties.kind, w.properties.name, outerCorners(w.geometry), 0)),
    ...source.bridges.map((b) => place(b.properties.id, 'bridge', 'bridge', b.properties.name, b.geometry.coordinates, b.properties.deckHeightM)),
  ];
}

function boundsAreaKm2(bounds: GeoBounds): number {
  const corners: Position[] = [
    [bounds.west, bounds.south],
    [bounds.east, bounds.south],
    [bounds.east, bounds.north],
    [bounds.west, bounds.north],
    [bounds.west, bounds.south],
  ];
  return ringAreaM2(corners) / 1e6;
}

/** The district in figures, from its source; `version` hashes the figures themselves. */
export function computeDistrictProfile(source: DistrictSource): DistrictProfile {
  const byUse: Partial<Record<BuildingUse, { count: number; floorAreaM2: number }>> = {};
  let floorArea = 0;
  let tallest = 0;
  for (const building of source.buildings) {
    const area = floorAreaM2(building);
    const entry = (byUse[building.properties.use] ??= { count: 0, floorAreaM2: 0 });
    entry.count++;
    entry.floorAreaM2 += area;
    floorArea += area;
    tallest = Math.max(tallest, building.properties.heightM);
  }
  for (const entry of Object.values(byUse)) entry.floorAreaM2 = Math.round(entry.floorAreaM2);

  const byNetwork: Partial<Record<PipeNetwork, { lengthKm: number; segments: number }>> = {};
  let pipeMetres = 0;
  for (const { properties } of source.pipeSegments) {
    const entry = (byNetwork[properties.network] ??= { lengthKm: 0, segments: 0 });
    entry.lengthKm += properties.lengthM;
    entry.segments++;
    pipeMetres += properties.lengthM;
  }
  for (const entry of Object.values(byNetwork)) entry.lengthKm = round(entry.lengthKm / 1000, 2);

  const byKind: Partial<Record<SensorKind, number>> = {};
  for (const sensor of source.sensors) byKind[sensor.kind] = (byKind[sensor.kind] ?? 0) + 1;

  const figures: Omit<DistrictProfile, 'version'> = {
    areaKm2: round(boundsAreaKm2(PILOT_AREA_BOUNDS), 2),
    buildings: { count: source.buildings.length, floorAreaM2: Math.round(floorArea), tallestM: round(tallest, 1), byUse },
    pipelines: {
      lengthKm: round(pipeMetres / 1000, 2),
      byNetwork,
      valves: source.pipeNodes.filter((n) => n.properties.kind === 'valve').length,
      manholes: source.pipeNodes.filter((n) => n.properties.kind === 'manhole').length,
      utilityTunnelKm: round(source.utilityTunnels.reduce((sum, t) => sum + t.properties.lengthM, 0) / 1000, 2),
    },
    roads: {
      lengthKm: round(source.roadEdges.reduce((sum, e) => sum + e.properties.lengthM, 0) / 1000, 2),
      signalizedJunctions: source.roadNodes.filter((n) => n.properties.signalized).length,
      bridges: source.bridges.length,
    },
    sensors: { count: source.sensors.length, publicCount: source.sensors.filter((s) => s.public).length, byKind },
    facilities: {
      cameras: source.cameras.length,
      smartPoles: source.smartPoles.length,
      parkingLots: source.parkingLots.length,
      parkingSpaces: source.parkingLots.reduce((sum, p) => sum + p.properties.capacity, 0),
      lowPoints: source.lowPoints.length,
    },
    places: placesOf(source),
  };
  const version = createHash('sha256').update(JSON.stringify(figures)).digest('base64url').slice(0, 16);
  return { version, ...figures };
}
