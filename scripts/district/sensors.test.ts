import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AssetId, SENSOR_QUANTITIES, SensorListResponse, type PipeNodeProperties, type Sensor, type SensorKind, type WatchedAssetKind } from '@pengcheng/protocol';
import { booleanPointInPolygon, point, pointToLineDistance } from '@turf/turf';
import type { Feature, LineString, Point, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from './createRandom.js';
import { DISTRICT_FILE_NAMES, type DistrictFileName, type DistrictFiles } from './districtFiles.js';
import { DEFAULT_SEED } from './generateDistrict.js';
import { placeSensors, serializeSensors } from './placeSensors.js';

const SOURCE = fileURLToPath(new URL('../../assets/source/', import.meta.url));

/** The committed district, read as the simulator and the server read it. */
function committedDistrict(): DistrictFiles {
  return Object.fromEntries(DISTRICT_FILE_NAMES.map((name) => [name, JSON.parse(readFileSync(`${SOURCE}${name}`, 'utf8'))])) as DistrictFiles;
}

/** The file each watched asset kind lives in. */
const ASSET_FILES: Readonly<Partial<Record<WatchedAssetKind, DistrictFileName>>> = {
  pipe_node: 'pipe_nodes.geojson',
  pipe_segment: 'pipe_segments.geojson',
  bridge: 'bridges.geojson',
  building: 'buildings.geojson',
  road_link: 'road_edges.geojson',
  parking_lot: 'parking_lots.geojson',
  smart_pole: 'smart_poles.geojson',
  low_point: 'low_points.geojson',
};

/** What each kind of sensor may stand on: the asset kind, and for pipe nodes which network and node kind. */
const ALLOWED: Readonly<Record<SensorKind, (asset: Feature, assetKind: WatchedAssetKind) => boolean>> = {
  water_level: (_, k) => k === 'low_point',
  gas_concentration: (a, k) => k === 'pipe_node' && ['gas/valve', 'sewage/manhole'].includes(nodeKind(a)),
  manhole_cover: (a, k) => k === 'pipe_node' && ['storm_drainage/manhole', 'sewage/manhole'].includes(nodeKind(a)),
  pipe_pressure: (a, k) => k === 'pipe_node' && nodeKind(a) === 'water_supply/valve',
  pipe_flow: (a, k) => k === 'pipe_segment' && a.properties?.['network'] === 'water_supply' && a.properties['diameterMm'] >= 600,
  water_quality: (a, k) => k === 'pipe_node' && a.properties?.['network'] === 'water_supply',
  bridge_strain: (_, k) => k === 'bridge',
  bridge_tilt: (_, k) => k === 'bridge',
  parking_occupancy: (_, k) => k === 'parking_lot',
  air_quality: (_, k) => k === 'building',
  noise: (_, k) => k === 'building' || k === 'road_link',
  smart_pole_environment: (a, k) => k === 'smart_pole' && (a.properties?.['functions'] as string[]).includes('environment'),
  traffic_detector: (a, k) => k === 'road_link' && ['trunk', 'primary'].includes(a.properties?.['class'] as string),
};

function nodeKind(feature: Feature): string {
  const p = feature.properties as PipeNodeProperties;
  return `${p.network}/${p.kind}`;
}

/** Metres from the sensor to its asset's geometry (0 inside a polygon). */
function distanceToAsset(sensor: Sensor, asset: Feature): number {
  const at = point([sensor.position.lon, sensor.position.lat]);
  switch (asset.geometry.type) {
    case 'Point': {
      const [lon = 0, lat = 0] = (asset.geometry as Point).coordinates;
      return Math.hypot((lon - sensor.position.lon) * 92_000, (lat - sensor.position.lat) * 111_000);
    }
    case 'LineString':
      return pointToLineDistance(at, asset as Feature<LineString>, { units: 'meters' });
    case 'Polygon':
      return booleanPointInPolygon(at, asset as Feature<Polygon>) ? 0 : Infinity;
    default:
      return Infinity;
  }
}

describe('the sensor registry (assets/source/sensors.json)', () => {
  let district: DistrictFiles;
  let sensors: Sensor[];
  let byId: Map<string, Feature>;
  beforeAll(() => {
    district = committedDistrict();
    sensors = SensorListResponse.parse(JSON.parse(readFileSync(`${SOURCE}sensors.json`, 'utf8'))).sensors;
    byId = new Map(DISTRICT_FILE_NAMES.flatMap((name) => district[name].features.map((f) => [`${name}/${String(f.id)}`, f] as const)));
  });

  it('is what the generator writes for the committed district, and the same seed draws it again', () => {
    const placed = placeSensors(district, createRandom(DEFAULT_SEED).fork('sensors'));
    expect(serializeSensors(placed)).toBe(readFileSync(`${SOURCE}sensors.json`, 'utf8'));
    expect(placeSensors(district, createRandom(DEFAULT_SEED).fork('sensors'))).toEqual(placed);
    const other = placeSensors(district, createRandom(DEFAULT_SEED + 1).fork('sensors'));
    expect(other.map((s) => s.asset.id)).not.toEqual(placed.map((s) => s.asset.id));
  });

  it('holds a few hundred sensors of every kind, with unique ids that say their kind', () => {
    expect(sensors.length).toBeGreaterThan(300);
    expect(sensors.length).toBeLessThan(1000);
    expect(new Set(sensors.map((s) => s.kind))).toEqual(new Set(Object.keys(SENSOR_QUANTITIES)));
    expect(new Set(sensors.map((s) => s.id)).size).toBe(sensors.length);
    for (const s of sensors) {
      expect(AssetId.safeParse(s.id).success, s.id).toBe(true);
      expect(s.id, s.kind).toMatch(/^SNS-[A-Z]{2,3}-\d{3}$/);
    }
    const prefixes = new Map<string, Set<SensorKind>>();
    for (const s of sensors) prefixes.set(s.id.split('-')[1] ?? '', (prefixes.get(s.id.split('-')[1] ?? '') ?? new Set()).add(s.kind));
    expect([...prefixes.values()].every((kinds) => kinds.size === 1)).toBe(true);
  });

  it('stands every sensor on an existing asset of the right kind, at the asset', () => {
    const problems: string[] = [];
    for (const s of sensors) {
      const file = ASSET_FILES[s.asset.kind];
      const asset = file && byId.get(`${file}/${s.asset.id}`);
      if (!asset) {
        problems.push(`${s.id}: no ${s.asset.kind} ${s.asset.id}`);
        continue;
      }
      if (!ALLOWED[s.kind](asset, s.asset.kind)) problems.push(`${s.id}: a ${s.kind} cannot stand on ${s.asset.id}`);
      if (distanceToAsset(s, asset) > 0.5) problems.push(`${s.id}: ${distanceToAsset(s, asset).toFixed(1)} m from ${s.asset.id}`);
    }
    expect(problems).toEqual([]);
  });

  it('watches every waterlogging point, bridge and car park', () => {
    const watched = (kind: SensorKind) => new Set(sensors.filter((s) => s.kind === kind).map((s) => s.asset.id));
    const ids = (name: DistrictFileName) => new Set(district[name].features.map((f) => String(f.id)));
    expect(watched('water_level')).toEqual(ids('low_points.geojson'));
    expect(watched('bridge_strain')).toEqual(ids('bridges.geojson'));
    expect(watched('bridge_tilt')).toEqual(ids('bridges.geojson'));
    expect(watched('parking_occupancy')).toEqual(ids('parking_lots.geojson'));
  });

  it('puts pipe sensors below ground at their pipe and the rest above it', () => {
    for (const s of sensors) {
      const asset = byId.get(`${ASSET_FILES[s.asset.kind]}/${s.asset.id}`);
      if (s.asset.kind === 'pipe_segment' || (s.asset.kind === 'pipe_node' && s.kind !== 'manhole_cover')) {
        expect(s.position.height, s.id).toBe(-(asset?.properties?.['depthM'] as number));
      } else if (s.kind === 'parking_occupancy' && asset?.properties?.['kind'] === 'underground') {
        expect(s.position.height, s.id).toBeLessThan(0);
      } else {
        expect(s.position.height, s.id).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('shows only air, noise, parking and water level on public screens', () => {
    const publicKinds = new Set(sensors.filter((s) => s.public).map((s) => s.kind));
    expect(publicKinds).toEqual(new Set(['air_quality', 'noise', 'parking_occupancy', 'water_level']));
    expect(sensors.filter((s) => publicKinds.has(s.kind)).every((s) => s.public)).toBe(true);
  });

  it('sets thresholds on quantities the kind reports, inside their ranges, from the standards', () => {
    for (const s of sensors) {
      for (const t of s.thresholds) {
        const spec = SENSOR_QUANTITIES[s.kind][t.quantity];
        expect(spec, `${s.id} ${t.quantity}`).toBeDefined();
        for (const level of [t.warning, t.alarm]) if (level !== undefined) expect(level >= (spec?.min ?? 0) && level <= (spec?.max ?? 0), `${s.id} ${t.quantity}`).toBe(true);
      }
    }
    const lowPoints = new Map(district['low_points.geojson'].features.map((f) => [String(f.id), f.properties?.['warningDepthCm'] as number]));
    for (const s of sensors.filter((x) => x.kind === 'water_level')) expect(s.thresholds[0]?.warning).toBe(lowPoints.get(s.asset.id));
    for (const s of sensors.filter((x) => x.kind === 'gas_concentration')) expect(s.thresholds).toEqual([{ quantity: 'ch4', direction: 'above', warning: 20, alarm: 50, hysteresis: 5 }]);
    const pm25 = sensors.find((x) => x.kind === 'air_quality')?.thresholds.find((t) => t.quantity === 'pm25');
    expect(pm25?.warning).toBe(75);
    const noiseLimits = new Set(sensors.filter((x) => x.kind === 'noise').map((x) => x.thresholds[0]?.warning));
    expect(noiseLimits).toEqual(new Set([55, 60, 70]));
  });
});
