import type { PipeNodeProperties, PipeSegmentProperties, UtilityTunnelProperties } from '@pengcheng/protocol';
import type { Feature, FeatureCollection } from 'geojson';
import { elementAt } from '../tiles3d/elementAt.js';
import { localMetres, type LonLatDeg } from '../tiles3d/localMetres.js';

/** Near the district's administrative centre. */
const ORIGIN: LonLatDeg = [117.28, 34.205];
const [KX, KY] = localMetres(ORIGIN)([ORIGIN[0] + 1, ORIGIN[1] + 1]);

/** WGS84 degrees of a point x metres east and y metres north of the origin, rounded as the source files are (7 decimals). */
export const at = (x: number, y: number): LonLatDeg => [+(ORIGIN[0] + x / KX).toFixed(7), +(ORIGIN[1] + y / KY).toFixed(7)];

type Xy = readonly [number, number];

interface NetworkPlan {
  readonly network: PipeSegmentProperties['network'];
  readonly code: string;
  readonly material: PipeSegmentProperties['material'];
  readonly diameterMm: number;
  readonly depthM: number;
  readonly pressureClass?: PipeSegmentProperties['pressureClass'];
  /** What the nodes between pieces are (ends are ends). */
  readonly kind: PipeNodeProperties['kind'];
  /** Metres east and north of the street grid, so networks run side by side. */
  readonly offsetM: number;
}

const NETWORKS: readonly NetworkPlan[] = [
  { network: 'storm_drainage', code: 'SD', material: 'concrete', diameterMm: 1000, depthM: 2.6, kind: 'manhole', offsetM: -9 },
  { network: 'sewage', code: 'SW', material: 'pvc', diameterMm: 400, depthM: 3.4, kind: 'manhole', offsetM: -6 },
  { network: 'water_supply', code: 'WS', material: 'ductile_iron', diameterMm: 300, depthM: 1.5, pressureClass: 'medium', kind: 'valve', offsetM: 3 },
  { network: 'gas', code: 'GS', material: 'pe', diameterMm: 160, depthM: 1.1, pressureClass: 'low', kind: 'valve', offsetM: 6 },
  { network: 'power', code: 'PW', material: 'copper_cable', diameterMm: 200, depthM: 1.2, kind: 'junction', offsetM: 9 },
  { network: 'telecom', code: 'TC', material: 'fibre_duct', diameterMm: 110, depthM: 0.9, kind: 'junction', offsetM: 12 },
];

/** Streets, metres: a 240 × 120 m block cut in two, and a spur ending at (300, 0). */
const STREETS: readonly (readonly Xy[])[] = [
  [[0, 0], [60, 0], [120, 0], [180, 0], [240, 0]],
  [[0, 120], [60, 120], [120, 120], [180, 120], [240, 120]],
  [[0, 0], [0, 60], [0, 120]],
  [[120, 0], [120, 60], [120, 120]],
  [[240, 0], [240, 60], [240, 120]],
  [[240, 0], [300, 0]],
];

export interface PipeFixture {
  readonly segments: FeatureCollection;
  readonly nodes: FeatureCollection;
  readonly tunnel: FeatureCollection;
  /** Valid features written by the stage. */
  readonly validSegments: number;
  readonly validNodes: number;
  /** Features to be skipped: invalid, or a second feature with an id already taken. */
  readonly skipped: number;
  /** Ids of invalid features, which no tile may contain. */
  readonly invalidIds: readonly string[];
  /** A telecom segment that bends sharply (90°) then gently (45°). */
  readonly bentSegmentId: string;
}

const feature = (properties: object, geometry: Feature['geometry']): Feature => ({ type: 'Feature', properties: { ...properties }, geometry });
const line = (points: readonly Xy[]): Feature['geometry'] => ({ type: 'LineString', coordinates: points.map(([x, y]) => [...at(x, y)]) });
const point = ([x, y]: Xy): Feature['geometry'] => ({ type: 'Point', coordinates: [...at(x, y)] });

/**
 * A small district for the stage's tests: six networks along a street grid with manholes, valves,
 * junctions and ends; pipes of one network at slightly different depths from street to street
 * (so risers are needed); a bent cable; a utility tunnel with a bend; and a few invalid features.
 */
export function pipeFixture(): PipeFixture {
  const segments: Feature[] = [];
  const nodes: Feature[] = [];
  for (const plan of NETWORKS) {
    const nodeIds = new Map<string, string>();
    const degree = new Map<string, number>();
    for (const street of STREETS) for (const [x, y] of street) degree.set(`${x},${y}`, (degree.get(`${x},${y}`) ?? 0) + 1);
    const nodeAt = (p: Xy): string => {
      const key = `${p[0]},${p[1]}`;
      let id = nodeIds.get(key);
      if (!id) {
        id = `PN-${plan.code}-${String(nodeIds.size + 1).padStart(6, '0')}`;
        nodeIds.set(key, id);
        const kind = degree.get(key) === 1 ? 'end' : plan.kind;
        nodes.push(feature({ id, network: plan.network, kind, depthM: plan.depthM + (kind === 'manhole' ? 0.9 : 0.2) }, point([p[0] + plan.offsetM, p[1] + plan.offsetM])));
      }
      return id;
    };
    STREETS.forEach((street, s) => {
      for (let i = 1; i < street.length; i++) {
        const [a, b] = [elementAt(street, i - 1), elementAt(street, i)];
        const id = `PIPE-${plan.code}-${String(segments.length + 1).padStart(6, '0')}`;
        segments.push(
          feature(
            {
              id,
              network: plan.network,
              material: plan.material,
              diameterMm: plan.diameterMm,
              depthM: +(plan.depthM + 0.2 * (s % 3)).toFixed(1),
              ...(plan.pressureClass ? { pressureClass: plan.pressureClass } : {}),
              installYear: 2010 + s,
              fromNode: nodeAt(a),
              toNode: nodeAt(b),
              lengthM: Math.hypot(b[0] - a[0], b[1] - a[1]),
              roadEdgeId: `RDE-${String(s + 1).padStart(6, '0')}`,
              inTunnel: false,
            },
            line([a, b].map(([x, y]) => [x + plan.offsetM, y + plan.offsetM] as const)),
          ),
        );
      }
    });
  }

  const bentSegmentId = 'PIPE-TC-900001';
  segments.push(
    feature(
      { id: bentSegmentId, network: 'telecom', material: 'fibre_duct', diameterMm: 160, depthM: 1, installYear: 2019, fromNode: 'PN-TC-000006', toNode: 'PN-TC-900001', lengthM: 112.4, inTunnel: false },
      line([[12, 132], [12, 172], [42, 172], [72, 202]]),
    ),
  );
  nodes.push(feature({ id: 'PN-TC-900001', network: 'telecom', kind: 'end', depthM: 1 }, point([72, 202])));

  const inTunnel = { network: 'power', material: 'copper_cable', diameterMm: 200, depthM: 4.2, installYear: 2021, fromNode: 'PN-PW-900001', toNode: 'PN-PW-900002', lengthM: 200, inTunnel: true };
  segments.push(feature({ id: 'PIPE-PW-900001', ...inTunnel }, line([[20, 60], [220, 60]])));
  nodes.push(feature({ id: 'PN-PW-900001', network: 'power', kind: 'end', depthM: 4.2 }, point([20, 60])));
  nodes.push(feature({ id: 'PN-PW-900002', network: 'power', kind: 'end', depthM: 4.2 }, point([220, 60])));

  const validSegments = segments.length;
  const validNodes = nodes.length;
  const firstSegment = segments[0]?.properties ?? {};
  const invalid = [
    feature({ ...firstSegment, id: 'PIPE-SD-999001', diameterMm: 5 }, line([[30, 30], [60, 30]])),
    feature({ ...firstSegment }, line([[30, 40], [60, 40]])),
    feature({ ...firstSegment, id: 'PIPE-SD-999003' }, point([30, 50])),
    feature({ ...firstSegment, id: 'PIPE-SD-999004' }, line([[30, 50], [30, 50]])),
  ];
  segments.push(...invalid);
  nodes.push(feature({ id: 'PN-SD-999001', network: 'storm_drainage', kind: 'hydrant', depthM: 2 }, point([30, 30])));

  const tunnel: UtilityTunnelProperties = {
    id: 'UTN-001',
    name: { zh: '测试综合管廊', en: 'Test Utility Tunnel' },
    widthM: 6,
    heightM: 3,
    depthM: 4.5,
    networks: ['power', 'telecom'],
    lengthM: 262,
  };
  return {
    segments: { type: 'FeatureCollection', features: segments },
    nodes: { type: 'FeatureCollection', features: nodes },
    tunnel: { type: 'FeatureCollection', features: [feature(tunnel, line([[10, 60], [120, 60], [250, 80]]))] },
    validSegments,
    validNodes,
    skipped: invalid.length + 1,
    invalidIds: ['PIPE-SD-999001', 'PIPE-SD-999003', 'PIPE-SD-999004', 'PN-SD-999001'],
    bentSegmentId,
  };
}
