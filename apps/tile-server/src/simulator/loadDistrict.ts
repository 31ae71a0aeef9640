import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BridgeProperties,
  BuildingProperties,
  LowPointProperties,
  ParkingLotProperties,
  PipeNodeProperties,
  PipeSegmentProperties,
  RoadEdgeProperties,
  RoadNodeProperties,
  SmartPoleProperties,
} from '@pengcheng/protocol';
import { z, type ZodType } from 'zod';
import type { LonLat } from './polyline.js';
import type { SimDistrict } from './simDistrict.js';

export class DistrictLoadError extends Error {
  override readonly name = 'DistrictLoadError';
}

const Position = z.array(z.number().finite()).min(2).max(3).transform((c): LonLat => [c[0] as number, c[1] as number]);
const Ring = z.array(Position).min(4);
const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });
const LineGeometry = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) });
const AreaGeometry = z.union([z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }), z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) })]);

const collection = <G extends ZodType, P extends ZodType>(geometry: G, properties: P) =>
  z.object({ type: z.literal('FeatureCollection'), features: z.array(z.object({ type: z.literal('Feature'), geometry, properties })) });

async function readCollection<G extends ZodType, P extends ZodType>(dir: string, file: string, geometry: G, properties: P) {
  const where = path.join(dir, file);
  let text: string;
  try {
    text = await readFile(where, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DistrictLoadError(code === 'ENOENT' ? `district file ${where} does not exist` : `district file ${where} cannot be read (${code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DistrictLoadError(`district file ${where} is not valid JSON`);
  }
  const parsed = collection(geometry, properties).safeParse(json);
  if (!parsed.success) {
    const reasons = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new DistrictLoadError(`district file ${where}: ${reasons.join('; ')}`);
  }
  return parsed.data.features;
}

/** The average of a ring's corners: near enough to a footprint's centre for a report's place. */
function ringCentre(ring: readonly LonLat[]): LonLat {
  const corners = ring.slice(0, -1);
  return [corners.reduce((s, p) => s + p[0], 0) / corners.length, corners.reduce((s, p) => s + p[1], 0) / corners.length];
}
const outerRing = (g: z.infer<typeof AreaGeometry>): readonly LonLat[] => (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0]?.[0]) ?? [];
const middle = (line: readonly LonLat[]): LonLat => line[Math.floor((line.length - 1) / 2)] as LonLat;

/** Reads the district's source files (`DISTRICT_DIR`), each checked against the protocol's schema. */
export async function loadDistrict(dir: string): Promise<SimDistrict> {
  const [nodes, edges, buildings, parking, lowPoints, segments, pipeNodes, bridges, poles] = await Promise.all([
    readCollection(dir, 'road_nodes.geojson', PointGeometry, RoadNodeProperties),
    readCollection(dir, 'road_edges.geojson', LineGeometry, RoadEdgeProperties),
    readCollection(dir, 'buildings.geojson', AreaGeometry, BuildingProperties),
    readCollection(dir, 'parking_lots.geojson', AreaGeometry, ParkingLotProperties),
    readCollection(dir, 'low_points.geojson', PointGeometry, LowPointProperties),
    readCollection(dir, 'pipe_segments.geojson', LineGeometry, PipeSegmentProperties),
    readCollection(dir, 'pipe_nodes.geojson', PointGeometry, PipeNodeProperties),
    readCollection(dir, 'bridges.geojson', LineGeometry, BridgeProperties),
    readCollection(dir, 'smart_poles.geojson', PointGeometry, SmartPoleProperties),
  ]);
  const assetPositions = new Map<string, LonLat>();
  for (const f of [...nodes, ...lowPoints, ...pipeNodes, ...poles]) assetPositions.set(f.properties.id, f.geometry.coordinates);
  for (const f of [...edges, ...segments, ...bridges]) assetPositions.set(f.properties.id, middle(f.geometry.coordinates));
  const buildingList = buildings.map((f) => ({ id: f.properties.id, use: f.properties.use, address: f.properties.address, point: ringCentre(outerRing(f.geometry)) }));
  for (const b of buildingList) assetPositions.set(b.id, b.point);
  for (const f of parking) assetPositions.set(f.properties.id, ringCentre(outerRing(f.geometry)));
  return {
    roadNodes: nodes.map((f) => ({ point: f.geometry.coordinates, props: f.properties })),
    roadEdges: edges.map((f) => ({ line: f.geometry.coordinates, props: f.properties })),
    buildings: buildingList,
    parkingLots: new Map(parking.map((f) => [f.properties.id, f.properties])),
    lowPoints: lowPoints.map((f) => ({ point: f.geometry.coordinates, props: f.properties })),
    pipeSegments: new Map(segments.map((f) => [f.properties.id, f.properties])),
    pipeNodes: new Map(pipeNodes.map((f) => [f.properties.id, f.properties])),
    assetPositions,
  };
}
