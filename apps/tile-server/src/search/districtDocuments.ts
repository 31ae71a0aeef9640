import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BridgeProperties,
  BuildingProperties,
  CameraProperties,
  LowPointProperties,
  ParkingLotProperties,
  PipeNodeProperties,
  PipeSegmentProperties,
  RoadEdgeProperties,
  SmartPoleProperties,
  SquareProperties,
  UtilityTunnelProperties,
  WaterProperties,
  type LocalizedName,
  type SearchKind,
  type SearchResult,
} from '@pengcheng/protocol';
import { z, type ZodType } from 'zod';
import { BUILDING_USE_LABELS, KIND_LABELS, NETWORK_LABELS, NODE_KIND_LABELS } from './searchLabels.js';

/** One searchable thing: what a result shows, and the text it is found by. */
export interface SearchDocument {
  readonly result: SearchResult;
  /** Extra words it is found by besides its name, address and id: its kind, its use. */
  readonly keywords: string;
  /** How much it stands out among equal matches (a tall landmark before a shed), 1 to 2. */
  readonly prominence: number;
  /**
   * False for names made from the kind (燃气阀门 for each of hundreds of valves): the index then
   * holds only the kind words, which find them as well, at a fraction of the terms.
   */
  readonly nameIndexed: boolean;
}

/** The catalog ids the asset pipeline gives the district's tilesets. */
export const DISTRICT_LAYERS = { buildings: 'district-buildings', pipelines: 'district-pipelines' } as const;

type Position = readonly [number, number];
const Coordinate = z.array(z.number().finite()).min(2).max(3).transform((c): Position => [c[0] as number, c[1] as number]);
/** Any GeoJSON geometry's coordinates, as nested arrays of positions. */
const Geometry = z.object({
  type: z.enum(['Point', 'LineString', 'Polygon', 'MultiPolygon', 'MultiLineString']),
  coordinates: z.unknown(),
});
const Feature = z.object({ type: z.literal('Feature'), geometry: Geometry, properties: z.unknown() });
const Collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

function positionsOf(coordinates: unknown, out: Position[] = []): Position[] {
  if (!Array.isArray(coordinates)) return out;
  const point = Coordinate.safeParse(coordinates);
  if (point.success) out.push(point.data);
  else for (const inner of coordinates) positionsOf(inner, out);
  return out;
}

const METRES_PER_DEGREE = 111_320;

/** The centre of a set of positions' bounding box and the half diagonal of that box, metres. */
function footprint(positions: readonly Position[]): { lon: number; lat: number; halfDiagonalM: number } {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [lon, lat] of positions) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const lat = (south + north) / 2;
  const widthM = (east - west) * METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const depthM = (north - south) * METRES_PER_DEGREE;
  return { lon: (west + east) / 2, lat, halfDiagonalM: Math.hypot(widthM, depthM) / 2 };
}

export interface ReadReport {
  /** Files that were missing or not a FeatureCollection. */
  readonly missing: string[];
  /** Features left out because their properties do not match the protocol. */
  skipped: number;
}

async function readFeatures<P extends ZodType>(dir: string, file: string, properties: P, report: ReadReport) {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
  } catch {
    report.missing.push(file);
    return [];
  }
  const collection = Collection.safeParse(json);
  if (!collection.success) {
    report.missing.push(file);
    return [];
  }
  const out: Array<{ positions: Position[]; properties: z.infer<P> }> = [];
  for (const raw of collection.data.features) {
    const feature = Feature.safeParse(raw);
    const parsed = feature.success ? properties.safeParse(feature.data.properties) : undefined;
    const positions = feature.success ? positionsOf(feature.data.geometry.coordinates) : [];
    if (!parsed?.success || positions.length === 0) {
      report.skipped++;
      continue;
    }
    out.push({ positions, properties: parsed.data as z.infer<P> });
  }
  return out;
}

type Attributes = Record<string, string | number | boolean>;

/** Drops absent values, so a result carries only what the thing has. */
function attributes(entries: Record<string, string | number | boolean | undefined>): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

const named = (name: LocalizedName | undefined) => ({ name: name?.zh, nameEn: name?.en });

interface Draft {
  readonly id: string;
  readonly kind: SearchKind;
  readonly name: LocalizedName;
  readonly address?: LocalizedName;
  readonly positions: readonly Position[];
  /** Metres above the ground of the thing's middle; negative below it. */
  readonly heightM: number;
  /** Half the thing's vertical extent, metres. */
  readonly halfHeightM?: number;
  readonly minRadiusM: number;
  readonly layerId?: string;
  readonly properties: Attributes;
  readonly keywords?: readonly (LocalizedName | undefined)[];
  readonly prominence?: number;
  /** The name is made from the kind and the keywords say the same: leave it out of the index. */
  readonly madeUpName?: boolean;
}

function documentOf(draft: Draft): SearchDocument {
  const { lon, lat, halfDiagonalM } = footprint(draft.positions);
  const radiusM = Math.max(draft.minRadiusM, Math.hypot(halfDiagonalM, draft.halfHeightM ?? 0));
  // A made-up name is all kind words: it stands for them (燃气阀门 holds 燃气 and 阀门, and 气阀).
  const kind = draft.madeUpName ? draft.name : KIND_LABELS[draft.kind];
  const words = [kind, ...(draft.keywords ?? [])].flatMap((label) => (label ? [label.zh, label.en ?? ''] : []));
  const result: SearchResult = {
    id: draft.id,
    kind: draft.kind,
    name: draft.name,
    ...(draft.address ? { address: draft.address } : {}),
    position: { lon: round(lon, 7), lat: round(lat, 7), height: round(draft.heightM, 2) },
    radiusM: round(radiusM, 1),
    ...(draft.layerId ? { layerId: draft.layerId } : {}),
    properties: draft.properties,
  };
  return { result, keywords: words.join(' ').trim(), prominence: Math.min(2, Math.max(1, draft.prominence ?? 1)), nameIndexed: !draft.madeUpName };
}

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

const ROAD_PROMINENCE: Record<string, number> = { trunk: 1.6, primary: 1.45, secondary: 1.3, tertiary: 1.2, residential: 1.05, service: 1 };

/**
 * Reads the district's source files (`DISTRICT_DIR`) into search documents. A missing file or a
 * feature that does not match the protocol is left out and counted in the report, so a server
 * with other tilesets and no district still starts; its search then finds less.
 */
export async function readDistrictDocuments(dir: string): Promise<{ documents: SearchDocument[]; report: ReadReport }> {
  const report: ReadReport = { missing: [], skipped: 0 };
  const [buildings, edges, bridges, squares, water, parking, lowPoints, cameras, poles, tunnels, segments, nodes] = await Promise.all([
    readFeatures(dir, 'buildings.geojson', BuildingProperties, report),
    readFeatures(dir, 'road_edges.geojson', RoadEdgeProperties, report),
    readFeatures(dir, 'bridges.geojson', BridgeProperties, report),
    readFeatures(dir, 'squares.geojson', SquareProperties, report),
    readFeatures(dir, 'water.geojson', WaterProperties, report),
    readFeatures(dir, 'parking_lots.geojson', ParkingLotProperties, report),
    readFeatures(dir, 'low_points.geojson', LowPointProperties, report),
    readFeatures(dir, 'cameras.geojson', CameraProperties, report),
    readFeatures(dir, 'smart_poles.geojson', SmartPoleProperties, report),
    readFeatures(dir, 'utility_tunnel.geojson', UtilityTunnelProperties, report),
    readFeatures(dir, 'pipe_segments.geojson', PipeSegmentProperties, report),
    readFeatures(dir, 'pipe_nodes.geojson', PipeNodeProperties, report),
  ]);
  const drafts: Draft[] = [];

  for (const { positions, properties: b } of buildings) {
    drafts.push({
      id: b.id,
      kind: 'building',
      // An unnamed building is known by its address.
      name: b.name ?? b.address,
      address: b.address,
      positions,
      heightM: b.heightM / 2,
      halfHeightM: b.heightM / 2,
      minRadiusM: 10,
      layerId: DISTRICT_LAYERS.buildings,
      properties: attributes({ id: b.id, ...named(b.name), use: b.use, heightM: b.heightM, floors: b.floors, yearBuilt: b.yearBuilt, address: b.address.zh, addressEn: b.address.en }),
      keywords: [BUILDING_USE_LABELS[b.use]],
      // Named landmarks and tall buildings first among equal matches.
      prominence: (b.name ? 1.3 : 1) + Math.min(b.heightM, 150) / 300,
    });
  }

  // A road is many edges of one name: one result for the whole road.
  const roads = new Map<string, { name: LocalizedName; ids: string[]; positions: Position[]; lengthM: number; className: string }>();
  for (const { positions, properties: e } of edges) {
    const road = roads.get(e.name.zh) ?? { name: e.name, ids: [], positions: [], lengthM: 0, className: e.class };
    road.ids.push(e.id);
    road.positions.push(...positions);
    road.lengthM += e.lengthM;
    if ((ROAD_PROMINENCE[e.class] ?? 1) > (ROAD_PROMINENCE[road.className] ?? 1)) road.className = e.class;
    roads.set(e.name.zh, road);
  }
  for (const road of roads.values()) {
    const id = [...road.ids].sort()[0] as string;
    drafts.push({
      id,
      kind: 'road',
      name: road.name,
      positions: road.positions,
      heightM: 0,
      minRadiusM: 50,
      properties: attributes({ id, ...named(road.name), class: road.className, lengthM: round(road.lengthM, 1), edges: road.ids.length }),
      prominence: ROAD_PROMINENCE[road.className] ?? 1,
    });
  }

  for (const { positions, properties: p } of bridges) {
    drafts.push({
      id: p.id,
      kind: 'bridge',
      name: p.name,
      positions,
      heightM: p.deckHeightM,
      minRadiusM: 30,
      properties: attributes({ id: p.id, ...named(p.name), lengthM: p.lengthM, deckHeightM: p.deckHeightM, yearBuilt: p.yearBuilt }),
      prominence: 1.3,
    });
  }
  for (const { positions, properties: p } of squares) {
    drafts.push({ id: p.id, kind: 'square', name: p.name, positions, heightM: 0, minRadiusM: 30, properties: attributes({ id: p.id, ...named(p.name) }), prominence: 1.4 });
  }
  for (const { positions, properties: p } of water) {
    drafts.push({ id: p.id, kind: 'water', name: p.name, positions, heightM: 0, minRadiusM: 50, properties: attributes({ id: p.id, ...named(p.name), kind: p.kind }), prominence: 1.5 });
  }
  for (const { positions, properties: p } of parking) {
    drafts.push({
      id: p.id,
      kind: 'parking_lot',
      name: p.name,
      positions,
      heightM: 0,
      minRadiusM: 20,
      properties: attributes({ id: p.id, ...named(p.name), kind: p.kind, capacity: p.capacity }),
      prominence: 1.1,
    });
  }
  for (const { positions, properties: p } of lowPoints) {
    drafts.push({
      id: p.id,
      kind: 'low_point',
      name: p.name,
      positions,
      heightM: 0,
      minRadiusM: 30,
      properties: attributes({ id: p.id, ...named(p.name), roadEdgeId: p.roadEdgeId, groundElevationM: p.groundElevationM, warningDepthCm: p.warningDepthCm }),
      prominence: 1.1,
    });
  }
  for (const { positions, properties: p } of cameras) {
    drafts.push({
      id: p.id,
      kind: 'camera',
      name: p.name,
      positions,
      heightM: p.mountHeightM,
      minRadiusM: 15,
      properties: attributes({ id: p.id, ...named(p.name), headingDeg: p.headingDeg, fovDeg: p.fovDeg, mountHeightM: p.mountHeightM, poleId: p.poleId }),
    });
  }
  for (const { positions, properties: p } of poles) {
    drafts.push({
      id: p.id,
      kind: 'smart_pole',
      name: KIND_LABELS.smart_pole,
      positions,
      heightM: p.heightM / 2,
      minRadiusM: p.heightM,
      properties: attributes({ id: p.id, heightM: p.heightM, functions: p.functions.join(','), roadEdgeId: p.roadEdgeId }),
      madeUpName: true,
    });
  }
  for (const { positions, properties: p } of tunnels) {
    drafts.push({
      id: p.id,
      kind: 'utility_tunnel',
      name: p.name,
      positions,
      heightM: -p.depthM,
      minRadiusM: 30,
      layerId: DISTRICT_LAYERS.pipelines,
      properties: attributes({ id: p.id, ...named(p.name), widthM: p.widthM, heightM: p.heightM, depthM: p.depthM, networks: p.networks.join(','), lengthM: p.lengthM }),
      prominence: 1.5,
    });
  }
  for (const { positions, properties: p } of segments) {
    const network = NETWORK_LABELS[p.network];
    drafts.push({
      id: p.id,
      kind: 'pipe_segment',
      name: { zh: `${network.zh}管线 DN${p.diameterMm}`, en: `${network.en} line DN ${p.diameterMm}` },
      positions,
      heightM: -p.depthM,
      minRadiusM: 5,
      layerId: DISTRICT_LAYERS.pipelines,
      properties: attributes({
        id: p.id,
        network: p.network,
        material: p.material,
        diameterMm: p.diameterMm,
        depthM: p.depthM,
        pressureClass: p.pressureClass,
        installYear: p.installYear,
        fromNode: p.fromNode,
        toNode: p.toNode,
        lengthM: p.lengthM,
        inTunnel: p.inTunnel ? 1 : 0,
        roadEdgeId: p.roadEdgeId,
      }),
      keywords: [KIND_LABELS.pipe_segment],
      madeUpName: true,
    });
  }
  for (const { positions, properties: p } of nodes) {
    const network = NETWORK_LABELS[p.network];
    const kind = NODE_KIND_LABELS[p.kind];
    drafts.push({
      id: p.id,
      kind: 'pipe_node',
      name: { zh: `${network.zh}${kind.zh}`, en: `${network.en} ${kind.en}` },
      positions,
      heightM: -p.depthM,
      minRadiusM: 4,
      layerId: DISTRICT_LAYERS.pipelines,
      properties: attributes({ id: p.id, network: p.network, kind: p.kind, depthM: p.depthM }),
      madeUpName: true,
    });
  }
  return { documents: drafts.map(documentOf), report };
}
