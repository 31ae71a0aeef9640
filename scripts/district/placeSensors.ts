import {
  Sensor,
  SensorListResponse,
  type BridgeProperties,
  type BuildingProperties,
  type LocalizedName,
  type LowPointProperties,
  type ParkingLotProperties,
  type PipeNodeProperties,
  type PipeSegmentProperties,
  type RoadEdgeProperties,
  type SensorKind,
  type SmartPoleProperties,
  type Threshold,
  type WatchedAssetKind,
} from '@pengcheng/protocol';
import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import type { Feature, LineString, Point, Polygon, Position } from 'geojson';
import type { Random } from './createRandom.js';
import type { DistrictFiles } from './districtFiles.js';
import { fromLonLat, toLonLat } from './localFrame.js';
import { pointAlong, polylineLength, type Vec } from './planarGeometry.js';
import {
  AIR_QUALITY_THRESHOLDS,
  BRIDGE_STRAIN_THRESHOLDS,
  BRIDGE_TILT_THRESHOLDS,
  GAS_THRESHOLDS,
  MANHOLE_COVER_THRESHOLDS,
  PIPE_PRESSURE_THRESHOLDS,
  SMART_POLE_THRESHOLDS,
  WATER_QUALITY_THRESHOLDS,
  noiseThresholds,
  pipeFlowThresholds,
  trafficDetectorThresholds,
  waterLevelThresholds,
  type NoiseAreaClass,
} from './sensorThresholds.js';

/** The id code of each kind: `SNS-WL-001` is the first water-level sensor. */
export const SENSOR_CODES: Readonly<Record<SensorKind, string>> = {
  water_level: 'WL',
  gas_concentration: 'GAS',
  manhole_cover: 'MH',
  pipe_pressure: 'PP',
  pipe_flow: 'PF',
  water_quality: 'WQ',
  bridge_strain: 'BS',
  bridge_tilt: 'BT',
  parking_occupancy: 'PK',
  air_quality: 'AQ',
  noise: 'NS',
  smart_pole_environment: 'SP',
  traffic_detector: 'TD',
};

/** Shown on public kiosks: what a citizen may see (air, noise, parking, waterlogging). */
const PUBLIC_KINDS = new Set<SensorKind>(['air_quality', 'noise', 'parking_occupancy', 'water_level']);

/** Gateways, water mains and roadside boxes are bought in lots: how many of each the district has. */
const COUNTS = { gasValves: 30, gasSewers: 10, stormCovers: 40, sewerCovers: 20, pressure: 24, flow: 12, quality: 6, environmentPoles: 48 } as const;

interface Draft {
  readonly kind: SensorKind;
  readonly name: LocalizedName;
  readonly at: Position;
  readonly height: number;
  readonly asset: { readonly kind: WatchedAssetKind; readonly id: string };
  readonly thresholds: readonly Threshold[];
}

const propsOf = <P>(feature: Feature): P => feature.properties as P;
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const en = (name: LocalizedName): string => name.en ?? name.zh;

/** `count` items drawn without replacement, back in id order so the numbering follows the assets. */
function sample<T extends Feature>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(...pool.splice(random.int(0, pool.length - 1), 1));
  return chosen.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
}

/** The point `fraction` of the way along a line, in the generator's metric frame. */
function along(line: LineString, fraction: number): Position {
  const points = line.coordinates.map((c) => fromLonLat(c));
  return toLonLat(pointAlong(points, polylineLength(points) * fraction).point as Vec);
}

/** The polygon's centroid when it lies inside, else a point that does. */
function inside(feature: Feature<Polygon>): Position {
  const c = centroid(feature);
  return booleanPointInPolygon(c, feature) ? c.geometry.coordinates : pointOnFeature(feature).geometry.coordinates;
}

const pointOf = (feature: Feature): Position => (feature.geometry as Point).coordinates;

/**
 * The district's sensor registry (each sensor's 数字身份证) on its real assets: a water-level gauge
 * at every waterlogging point, gas detectors in valve wells and sewers, smart manhole covers on the
 * drains, pressure and flow on the water mains, water quality at the network's ends, strain and tilt
 * on every bridge, occupancy of every car park, air and noise stations, smart-pole environment
 * boxes and traffic detectors on the main roads. Draws only from `random`, so the rest of the
 * district never changes with it.
 */
export function placeSensors(files: DistrictFiles, random: Random): Sensor[] {
  const edges = new Map(files['road_edges.geojson'].features.map((f) => [String(f.id), f as Feature<LineString>]));
  const edgeName = (id: string | undefined): LocalizedName => {
    const edge = id === undefined ? undefined : edges.get(id);
    return edge ? propsOf<RoadEdgeProperties>(edge).name : { zh: '政务区', en: 'the district' };
  };
  const segments = files['pipe_segments.geojson'].features.map((f) => ({ feature: f as Feature<LineString>, props: propsOf<PipeSegmentProperties>(f) }));
  const segmentsAt = new Map<string, typeof segments>();
  for (const s of segments) for (const node of [s.props.fromNode, s.props.toNode]) segmentsAt.set(node, [...(segmentsAt.get(node) ?? []), s]);
  const roadOfNode = (id: string): LocalizedName => edgeName(segmentsAt.get(id)?.find((s) => s.props.roadEdgeId)?.props.roadEdgeId);

  const nodes = files['pipe_nodes.geojson'].features;
  const nodesOf = (network: PipeNodeProperties['network'], kind: PipeNodeProperties['kind']): Feature[] =>
    nodes.filter((f) => propsOf<PipeNodeProperties>(f).network === network && propsOf<PipeNodeProperties>(f).kind === kind);
  const atNode = (f: Feature, kind: SensorKind, name: LocalizedName, thresholds: readonly Threshold[], height?: number): Draft => ({
    kind,
    name,
    at: pointOf(f),
    height: height ?? -propsOf<PipeNodeProperties>(f).depthM,
    asset: { kind: 'pipe_node', id: String(f.id) },
    thresholds,
  });

  const drafts: Draft[] = [];

  for (const f of files['low_points.geojson'].features) {
    const lp = propsOf<LowPointProperties>(f);
    drafts.push({ kind: 'water_level', name: { zh: `${lp.name.zh}积水监测点`, en: `Water level, ${en(lp.name)}` }, at: pointOf(f), height: 0, asset: { kind: 'low_point', id: lp.id }, thresholds: waterLevelThresholds(lp.warningDepthCm) });
  }

  for (const f of sample(random, nodesOf('gas', 'valve'), COUNTS.gasValves)) {
    const road = roadOfNode(String(f.id));
    drafts.push(atNode(f, 'gas_concentration', { zh: `${road.zh}燃气阀井甲烷监测（${String(f.id)}）`, en: `Methane in gas valve well ${String(f.id)}, ${en(road)}` }, GAS_THRESHOLDS));
  }
  // Gas leaking from a main gathers in the sewers beside it: the wells next to the gas line.
  for (const f of sample(random, nodesOf('sewage', 'manhole'), COUNTS.gasSewers)) {
    const road = roadOfNode(String(f.id));
    drafts.push(atNode(f, 'gas_concentration', { zh: `${road.zh}污水井可燃气体监测（${String(f.id)}）`, en: `Methane in sewer manhole ${String(f.id)}, ${en(road)}` }, GAS_THRESHOLDS));
  }

  const covers = [
    ...sample(random, nodesOf('storm_drainage', 'manhole'), COUNTS.stormCovers).map((f) => [f, '雨水', 'storm drain'] as const),
    ...sample(random, nodesOf('sewage', 'manhole'), COUNTS.sewerCovers).map((f) => [f, '污水', 'sewer'] as const),
  ];
  for (const [f, zh, kindEn] of covers) {
    const road = roadOfNode(String(f.id));
    drafts.push(atNode(f, 'manhole_cover', { zh: `${road.zh}${zh}井盖监测（${String(f.id)}）`, en: `Manhole cover ${String(f.id)} (${kindEn}), ${en(road)}` }, MANHOLE_COVER_THRESHOLDS, 0));
  }

  // Valves on the mains (DN 600 and more): pressure at some, and a flow meter in a few of the same chambers.
  const mainAt = (id: string) => segmentsAt.get(id)?.filter((s) => s.props.network === 'water_supply' && s.props.diameterMm >= 600).sort((a, b) => (a.props.id < b.props.id ? -1 : 1))[0];
  const mainValves = nodesOf('water_supply', 'valve').filter((f) => mainAt(String(f.id)) !== undefined);
  const pressureValves = sample(random, mainValves, COUNTS.pressure);
  for (const f of pressureValves) {
    const road = roadOfNode(String(f.id));
    drafts.push(atNode(f, 'pipe_pressure', { zh: `${road.zh}供水干管压力监测（${String(f.id)}）`, en: `Water main pressure at valve ${String(f.id)}, ${en(road)}` }, PIPE_PRESSURE_THRESHOLDS));
  }
  for (const f of sample(random, pressureValves, COUNTS.flow)) {
    const main = mainAt(String(f.id));
    if (!main) continue;
    const road = edgeName(main.props.roadEdgeId);
    drafts.push({
      kind: 'pipe_flow',
      name: { zh: `${road.zh}供水干管流量监测（DN${main.props.diameterMm}，${main.props.id}）`, en: `Water main flow, DN${main.props.diameterMm} ${main.props.id}, ${en(road)}` },
      at: pointOf(f),
      height: -main.props.depthM,
      asset: { kind: 'pipe_segment', id: main.props.id },
      thresholds: pipeFlowThresholds(main.props.diameterMm),
    });
  }

  // Water quality is watched where it is worst: at the network's far ends (管网末梢).
  for (const f of sample(random, nodesOf('water_supply', 'end'), COUNTS.quality)) {
    const road = roadOfNode(String(f.id));
    drafts.push(atNode(f, 'water_quality', { zh: `${road.zh}管网末梢水质监测（${String(f.id)}）`, en: `Tap-water quality at network end ${String(f.id)}, ${en(road)}` }, WATER_QUALITY_THRESHOLDS));
  }

  for (const f of files['bridges.geojson'].features) {
    const bridge = propsOf<BridgeProperties>(f);
    const line = f.geometry as LineString;
    const asset = { kind: 'bridge', id: bridge.id } as const;
    drafts.push({ kind: 'bridge_strain', name: { zh: `${bridge.name.zh}跨中应变监测`, en: `Midspan strain, ${en(bridge.name)}` }, at: along(line, 0.5), height: round(Math.max(0, bridge.deckHeightM - 1), 1), asset, thresholds: BRIDGE_STRAIN_THRESHOLDS });
    drafts.push({ kind: 'bridge_tilt', name: { zh: `${bridge.name.zh}桥墩倾角监测`, en: `Pier tilt, ${en(bridge.name)}` }, at: along(line, 0.25), height: round(bridge.deckHeightM / 2, 1), asset, thresholds: BRIDGE_TILT_THRESHOLDS });
  }

  for (const f of files['parking_lots.geojson'].features) {
    const lot = propsOf<ParkingLotProperties>(f);
    drafts.push({
      kind: 'parking_occupancy',
      name: { zh: `${lot.name.zh}车位监测`, en: `Parking spaces, ${en(lot.name)}` },
      at: inside(f as Feature<Polygon>),
      height: lot.kind === 'underground' ? -4 : 0,
      asset: { kind: 'parking_lot', id: lot.id },
      thresholds: [],
    });
  }

  drafts.push(...environmentStations(files, edges, random));

  const poles = files['smart_poles.geojson'].features.filter((f) => propsOf<SmartPoleProperties>(f).functions.includes('environment'));
  for (const f of sample(random, poles, COUNTS.environmentPoles)) {
    const pole = propsOf<SmartPoleProperties>(f);
    const road = edgeName(pole.roadEdgeId);
    drafts.push({
      kind: 'smart_pole_environment',
      name: { zh: `${road.zh}智慧灯杆环境监测（${pole.id}）`, en: `Smart-pole environment ${pole.id}, ${en(road)}` },
      at: pointOf(f),
      height: Math.min(3.5, pole.heightM),
      asset: { kind: 'smart_pole', id: pole.id },
      thresholds: SMART_POLE_THRESHOLDS,
    });
  }

  for (const f of edges.values()) {
    const edge = propsOf<RoadEdgeProperties>(f);
    if ((edge.class !== 'trunk' && edge.class !== 'primary') || edge.lengthM < 150) continue;
    drafts.push({
      kind: 'traffic_detector',
      name: { zh: `${edge.name.zh}车流检测器（${edge.id}）`, en: `Traffic detector, ${en(edge.name)} (${edge.id})` },
      at: along(f.geometry, 0.5),
      height: 6,
      asset: { kind: 'road_link', id: edge.id },
      thresholds: trafficDetectorThresholds(edge.speedLimitKmh),
    });
  }

  const numbers = new Map<SensorKind, number>();
  const sensors = drafts.map((d) => {
    const n = (numbers.get(d.kind) ?? 0) + 1;
    numbers.set(d.kind, n);
    return Sensor.parse({
      id: `SNS-${SENSOR_CODES[d.kind]}-${String(n).padStart(3, '0')}`,
      kind: d.kind,
      name: d.name,
      position: { lon: round(d.at[0] ?? NaN, 7), lat: round(d.at[1] ?? NaN, 7), height: d.height },
      asset: d.asset,
      thresholds: d.thresholds,
      externalIds: [],
      public: PUBLIC_KINDS.has(d.kind),
    });
  });
  return sensors.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Air-quality stations on the roofs of public buildings (a government building, schools, the
 * hospital, the sports centre, a residential compound), and noise stations in each GB 3096 area
 * class: beside the main roads (4a), among homes and at the hospital (1), among shops (2).
 */
function environmentStations(files: DistrictFiles, edges: ReadonlyMap<string, Feature<LineString>>, random: Random): Draft[] {
  const buildings = files['buildings.geojson'].features.map((f) => ({ feature: f, props: propsOf<BuildingProperties>(f) }));
  const low = buildings.filter((b) => b.props.heightM <= 30 && b.feature.geometry.type === 'Polygon');
  const ofUse = (use: BuildingProperties['use'], named: boolean) => low.filter((b) => b.props.use === use && (b.props.name !== undefined) === named);
  const title = (b: (typeof buildings)[number]): LocalizedName => b.props.name ?? b.props.address;
  const roof = (b: (typeof buildings)[number]): Pick<Draft, 'at' | 'height' | 'asset'> => ({
    at: inside(b.feature as Feature<Polygon>),
    height: round(b.props.heightM + 3, 1),
    asset: { kind: 'building', id: b.props.id },
  });
  const drawn = new Set<string>();
  const draw = (pool: readonly (typeof buildings)[number][]): (typeof buildings)[number] => {
    const free = pool.filter((b) => !drawn.has(b.props.id));
    const chosen = random.pick(free.length > 0 ? free : pool);
    drawn.add(chosen.props.id);
    return chosen;
  };

  const drafts: Draft[] = [];
  const air = [ofUse('government', true), ofUse('school', true), ofUse('school', true), ofUse('hospital', true), ofUse('sports', true), ofUse('residential', false)];
  for (const pool of air) {
    const b = draw(pool);
    drafts.push({ kind: 'air_quality', name: { zh: `${title(b).zh}空气质量监测站`, en: `Air quality station, ${en(title(b))}` }, ...roof(b), thresholds: AIR_QUALITY_THRESHOLDS });
  }

  const noiseAt: readonly [readonly (typeof buildings)[number][], NoiseAreaClass][] = [
    [ofUse('residential', false), '1'],
    [ofUse('residential', false), '1'],
    [ofUse('residential', false), '1'],
    [ofUse('hospital', true), '1'],
    [ofUse('commercial', false), '2'],
    [ofUse('commercial', false), '2'],
  ];
  for (const [pool, areaClass] of noiseAt) {
    const b = draw(pool);
    drafts.push({ kind: 'noise', name: { zh: `${title(b).zh}声环境监测（${areaClass}类区）`, en: `Noise, ${en(title(b))} (class ${areaClass} area)` }, ...roof(b), thresholds: noiseThresholds(areaClass) });
  }
  const mainRoads = [...edges.values()].filter((f) => ['trunk', 'primary'].includes(propsOf<RoadEdgeProperties>(f).class) && propsOf<RoadEdgeProperties>(f).lengthM >= 150);
  for (const f of sample(random, mainRoads, 4)) {
    const edge = propsOf<RoadEdgeProperties>(f);
    drafts.push({
      kind: 'noise',
      name: { zh: `${edge.name.zh}交通噪声监测（4a类区）`, en: `Roadside noise, ${en(edge.name)} (class 4a area)` },
      at: along(f.geometry, 0.4),
      height: 1.5,
      asset: { kind: 'road_link', id: edge.id },
      thresholds: noiseThresholds('4a'),
    });
  }
  return drafts;
}

/** One sensor per line, like the GeoJSON files, so a regeneration diffs line by line. */
export function serializeSensors(sensors: readonly Sensor[]): string {
  SensorListResponse.parse({ sensors });
  return `{"sensors":[\n${sensors.map((s) => JSON.stringify(s)).join(',\n')}\n]}\n`;
}
