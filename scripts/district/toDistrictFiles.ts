import { length as turfLength, lineString } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString, MultiPolygon, Point, Polygon as GeoPolygon, Position } from 'geojson';
import type { Bridge, RoadNetwork } from './buildRoadNetwork.js';
import { TUNNEL_NETWORKS, type PipeNetworks } from './buildPipeNetworks.js';
import type { RoadSurface } from './buildRoadSurfaces.js';
import type { UtilityTunnel } from './buildUtilityTunnel.js';
import type { BuildingDraft, GreenDraft, ParkingDraft, SquareDraft, WaterDraft } from './districtModel.js';
import { validateDistrictFile, type DistrictFileName, type DistrictFiles } from './districtFiles.js';
import { toLonLat } from './localFrame.js';
import type { LowPoint } from './placeLowPoints.js';
import type { Camera, SmartPole } from './placeStreetFurniture.js';
import { orientPolygon, round, type Polygon, type Vec } from './planarGeometry.js';

export interface DistrictDraft {
  readonly buildings: readonly BuildingDraft[];
  readonly network: RoadNetwork;
  readonly surfaces: readonly RoadSurface[];
  readonly water: readonly WaterDraft[];
  readonly greens: readonly GreenDraft[];
  readonly squares: readonly SquareDraft[];
  readonly pipes: PipeNetworks;
  readonly tunnel: UtilityTunnel;
  readonly poles: readonly SmartPole[];
  readonly cameras: readonly Camera[];
  readonly parking: readonly ParkingDraft[];
  readonly lowPoints: readonly LowPoint[];
}

/** Positions in degrees without the repeats that rounding to 7 decimals can leave. */
function positions(points: readonly Vec[]): Position[] {
  const out: Position[] = [];
  for (const p of points) {
    const q = toLonLat(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

function rings(polygon: Polygon): Position[][] {
  return orientPolygon(polygon).map((ring) => {
    const open = positions(ring);
    const first = open[0] as Position;
    const last = open[open.length - 1] as Position;
    if (first[0] === last[0] && first[1] === last[1]) open.pop();
    return [...open, first];
  });
}

function area(polygons: readonly Polygon[]): GeoPolygon | MultiPolygon {
  return polygons.length === 1 ? { type: 'Polygon', coordinates: rings(polygons[0] as Polygon) } : { type: 'MultiPolygon', coordinates: polygons.map(rings) };
}

const line = (points: readonly Vec[]): LineString => ({ type: 'LineString', coordinates: positions(points) });
const point = (p: Vec): Point => ({ type: 'Point', coordinates: toLonLat(p) });

/** Geodesic length of a line as written, to the decimetre. */
const lengthM = (geometry: LineString): number => round(turfLength(lineString(geometry.coordinates), { units: 'kilometers' }) * 1000, 1);

const numbered = (prefix: string, width: number) => (i: number) => `${prefix}-${String(i + 1).padStart(width, '0')}`;

function collection(file: DistrictFileName, features: Feature[]): FeatureCollection {
  const fc: FeatureCollection = { type: 'FeatureCollection', features: [...features].sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0)) };
  validateDistrictFile(file, fc);
  return fc;
}

function feature<G extends Geometry>(id: string, properties: Record<string, unknown>, geometry: G): Feature<G> {
  return { type: 'Feature', id, properties: { id, ...properties }, geometry };
}

/** Ids, degrees, geodesic lengths; every file validated against its schema on the way out. */
export function toDistrictFiles(draft: DistrictDraft): DistrictFiles {
  const { network } = draft;
  const bldId = numbered('BLD', 6);
  const edges = network.edges.map((e) => {
    const geometry = line(e.points);
    return feature(
      e.id,
      {
        name: e.spec.name,
        class: e.spec.class,
        lanes: e.spec.lanes,
        widthM: e.spec.widthM,
        speedLimitKmh: e.spec.speedLimitKmh,
        oneway: e.spec.oneway,
        fromNode: e.fromNode,
        toNode: e.toNode,
        lengthM: lengthM(geometry),
        ...(e.bridgeId ? { bridgeId: e.bridgeId } : {}),
      },
      geometry,
    );
  });
  const bridge = (b: Bridge): Feature => {
    const geometry = line(b.points);
    return feature(b.id, { name: b.name, edgeIds: b.edgeIds, lengthM: lengthM(geometry), deckHeightM: b.deckHeightM, yearBuilt: b.yearBuilt }, geometry);
  };

  return {
    'buildings.geojson': collection(
      'buildings.geojson',
      draft.buildings.map((b, i) =>
        feature(
          bldId(i),
          {
            ...(b.name ? { name: b.name } : {}),
            use: b.use,
            heightM: b.heightM,
            floors: b.floors,
            yearBuilt: b.yearBuilt,
            address: b.address,
            ...(b.parts && b.polygons.length > 1 ? { parts: b.parts } : {}),
          },
          area(b.polygons),
        ),
      ),
    ),
    'road_nodes.geojson': collection(
      'road_nodes.geojson',
      network.nodes.map((nd) => feature(nd.id, { kind: nd.kind, signalized: nd.signalized }, point(nd.point))),
    ),
    'road_edges.geojson': collection('road_edges.geojson', edges),
    'road_surfaces.geojson': collection(
      'road_surfaces.geojson',
      draft.surfaces.map((s) => feature(s.id, { edgeId: s.edgeId, class: s.class }, area([s.polygon]))),
    ),
    'bridges.geojson': collection('bridges.geojson', network.bridges.map(bridge)),
    'water.geojson': collection(
      'water.geojson',
      draft.water.map((w, i) => feature(numbered('WTR', 3)(i), { kind: w.kind, name: w.name }, area([w.polygon]))),
    ),
    'green.geojson': collection(
      'green.geojson',
      draft.greens.filter((g) => g.polygons.length > 0).map((g, i) => feature(numbered('GRN', 5)(i), { kind: g.kind, ...(g.name ? { name: g.name } : {}) }, area(g.polygons))),
    ),
    'squares.geojson': collection(
      'squares.geojson',
      draft.squares.map((s, i) => feature(numbered('SQR', 3)(i), { name: s.name }, area([s.polygon]))),
    ),
    'pipe_segments.geojson': collection(
      'pipe_segments.geojson',
      draft.pipes.segments.map((s) => {
        const geometry = line(s.points);
        const { id, ...rest } = s.properties;
        return feature(id, { ...rest, lengthM: lengthM(geometry) }, geometry);
      }),
    ),
    'pipe_nodes.geojson': collection(
      'pipe_nodes.geojson',
      draft.pipes.nodes.map((nd) => {
        const { id, ...rest } = nd.properties;
        return feature(id, rest, point(nd.point));
      }),
    ),
    'utility_tunnel.geojson': collection('utility_tunnel.geojson', [
      (() => {
        const geometry = line(draft.tunnel.points);
        return feature(
          'UTN-001',
          {
            name: draft.tunnel.name,
            widthM: draft.tunnel.widthM,
            heightM: draft.tunnel.heightM,
            depthM: draft.tunnel.depthM,
            networks: [...TUNNEL_NETWORKS],
            lengthM: lengthM(geometry),
          },
          geometry,
        );
      })(),
    ]),
    'smart_poles.geojson': collection(
      'smart_poles.geojson',
      draft.poles.map((p) => {
        const { id, ...rest } = p.properties;
        return feature(id, rest, point(p.point));
      }),
    ),
    'cameras.geojson': collection(
      'cameras.geojson',
      draft.cameras.map((c) => {
        const { id, ...rest } = c.properties;
        return feature(id, rest, point(c.point));
      }),
    ),
    'parking_lots.geojson': collection(
      'parking_lots.geojson',
      draft.parking.map((p, i) => feature(numbered('PRK', 4)(i), { name: p.name, kind: p.kind, capacity: p.capacity }, area([p.polygon]))),
    ),
    'low_points.geojson': collection(
      'low_points.geojson',
      draft.lowPoints.map((lp) => {
        const { id, ...rest } = lp.properties;
        return feature(id, rest, point(lp.point));
      }),
    ),
  };
}
