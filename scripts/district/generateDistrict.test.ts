import { ADMINISTRATIVE_CENTRE, BuildingProperties, PILOT_AREA_BOUNDS } from '@pengcheng/protocol';
import { booleanPointInPolygon, centroid, length, point } from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_FILE_NAMES, DISTRICT_FILES, type DistrictFiles } from './districtFiles.js';
import { DEFAULT_SEED, generateDistrict } from './generateDistrict.js';
import { fromLonLat } from './localFrame.js';
import { serializeFeatureCollection } from './serializeFeatureCollection.js';
import { coordinatesOf } from './testSupport.js';

const serialize = (files: DistrictFiles): string[] => DISTRICT_FILE_NAMES.map((name) => serializeFeatureCollection(files[name]));

describe('the generated district', () => {
  let files: DistrictFiles;
  let again: DistrictFiles;
  let other: DistrictFiles;
  beforeAll(() => {
    files = generateDistrict({ seed: DEFAULT_SEED });
    again = generateDistrict({ seed: DEFAULT_SEED });
    other = generateDistrict({ seed: DEFAULT_SEED + 1 });
  });

  const building = (zh: string): Feature<Polygon | MultiPolygon> => {
    const found = files['buildings.geojson'].features.find((f) => f.properties?.['name']?.zh === zh);
    if (!found) throw new Error(`no building named ${zh}`);
    return found as Feature<Polygon | MultiPolygon>;
  };
  const metres = (f: Feature): readonly [number, number] => fromLonLat(centroid(f).geometry.coordinates);

  it('is byte-identical for the same seed and differs for another', () => {
    expect(serialize(again)).toEqual(serialize(files));
    const differing = serialize(other).filter((text, i) => text !== serialize(files)[i]);
    expect(differing.length).toBeGreaterThan(5);
  });

  it('writes every file, each feature valid against its schema', () => {
    for (const name of DISTRICT_FILE_NAMES) {
      const { features } = files[name];
      expect(features.length, name).toBeGreaterThan(0);
      const invalid = features.filter((f) => !DISTRICT_FILES[name].schema.safeParse(f.properties).success || !(DISTRICT_FILES[name].geometry as readonly string[]).includes(f.geometry.type));
      expect(invalid.map((f) => f.id), name).toEqual([]);
    }
  });

  it('gives every feature a unique id, the features sorted by it', () => {
    for (const name of DISTRICT_FILE_NAMES) {
      const ids = files[name].features.map((f) => String(f.id));
      expect(new Set(ids).size, name).toBe(ids.length);
      expect([...ids].sort(), name).toEqual(ids);
      expect(files[name].features.every((f) => f.properties?.['id'] === f.id)).toBe(true);
    }
  });

  it('keeps every coordinate inside the pilot area', () => {
    const margin = 1e-6;
    for (const name of DISTRICT_FILE_NAMES) {
      const outside = files[name].features.filter((f) =>
        coordinatesOf(f.geometry).some(
          ([lon = NaN, lat = NaN]) => !(lon >= PILOT_AREA_BOUNDS.west - margin && lon <= PILOT_AREA_BOUNDS.east + margin && lat >= PILOT_AREA_BOUNDS.south - margin && lat <= PILOT_AREA_BOUNDS.north + margin),
        ),
      );
      expect(outside.map((f) => f.id), name).toEqual([]);
    }
  });

  it('rounds coordinates to 7 decimals and closes every ring, outer rings counter-clockwise and holes clockwise', () => {
    const problems: string[] = [];
    for (const name of DISTRICT_FILE_NAMES) {
      for (const f of files[name].features) {
        if (coordinatesOf(f.geometry).some((c) => c.some((v) => Math.abs(v * 1e7 - Math.round(v * 1e7)) > 1e-3))) problems.push(`${String(f.id)} not rounded`);
        if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') continue;
        const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const rings of polygons) {
          rings.forEach((ring, i) => {
            const first = ring[0] as number[];
            const last = ring[ring.length - 1] as number[];
            if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${String(f.id)} ring ${i} open`);
            let sum = 0;
            for (let k = 1; k < ring.length; k++) {
              const [x0 = 0, y0 = 0] = ring[k - 1] as number[];
              const [x1 = 0, y1 = 0] = ring[k] as number[];
              sum += x0 * y1 - x1 * y0;
            }
            if (sum > 0 !== (i === 0)) problems.push(`${String(f.id)} ring ${i} wound the wrong way`);
          });
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has at least 2,000 buildings of many uses and shapes', () => {
    const buildings = files['buildings.geojson'].features;
    expect(buildings.length).toBeGreaterThanOrEqual(2000);
    const uses = new Set(buildings.map((f) => f.properties?.['use']));
    for (const use of ['government', 'office', 'residential', 'commercial', 'school', 'hospital', 'cultural', 'sports', 'hotel']) expect(uses).toContain(use);
    const multipart = buildings.filter((f) => f.geometry.type === 'MultiPolygon');
    expect(multipart.length).toBeGreaterThan(20);
    expect(multipart.every((f) => (f.properties?.['parts'] as unknown[]).length === (f.geometry as MultiPolygon).coordinates.length)).toBe(true);
    expect(buildings.filter((f) => f.geometry.type === 'Polygon' && f.geometry.coordinates.length > 1).length).toBeGreaterThan(10);
    const vertexCounts = new Set(buildings.map((f) => coordinatesOf(f.geometry).length));
    expect(vertexCounts.size).toBeGreaterThan(10);
  });

  it('keeps heights consistent with floors: about 3 m a residential floor, 4 to 4.5 m an office floor', () => {
    for (const f of files['buildings.geojson'].features) {
      const p = BuildingProperties.parse(f.properties);
      const perFloor = p.heightM / p.floors;
      if (p.use === 'residential') expect(perFloor, String(f.id)).toBeGreaterThanOrEqual(2.9);
      if (p.use === 'residential') expect(perFloor, String(f.id)).toBeLessThanOrEqual(3.3);
      if (p.use === 'office') expect(perFloor, String(f.id)).toBeGreaterThanOrEqual(4);
      if (p.use === 'office') expect(perFloor, String(f.id)).toBeLessThanOrEqual(4.5);
    }
  });

  it('dates buildings mostly 2008 to 2024', () => {
    const years = files['buildings.geojson'].features.map((f) => f.properties?.['yearBuilt'] as number);
    expect(years.filter((y) => y >= 2008 && y <= 2024).length / years.length).toBeGreaterThan(0.9);
    expect(Math.max(...years)).toBeLessThanOrEqual(2024);
  });

  it('puts the administrative centre main building, BLD-000001, on the centre point', () => {
    const main = files['buildings.geojson'].features[0] as Feature<Polygon | MultiPolygon>;
    expect(main.id).toBe('BLD-000001');
    expect(main.properties?.['name']).toEqual({ zh: '徐州市行政中心主楼', en: 'Xuzhou Administrative Centre Main Building' });
    expect(main.properties?.['address']).toEqual({ zh: '昆仑大道1号', en: 'No. 1 Kunlun Avenue' });
    expect(booleanPointInPolygon(point([ADMINISTRATIVE_CENTRE.longitude, ADMINISTRATIVE_CENTRE.latitude]), main)).toBe(true);
    const [x, y] = metres(main);
    expect(Math.hypot(x, y)).toBeLessThan(5);
  });

  it('has the named landmarks, wings either side of the main building and the citizen square in front', () => {
    const [wx] = metres(building('徐州市行政中心西楼'));
    const [ex] = metres(building('徐州市行政中心东楼'));
    expect(wx).toBeLessThan(-50);
    expect(ex).toBeGreaterThan(50);
    for (const zh of ['徐州市民服务中心', '徐州新城图书馆', '徐州新城博物馆', '彭城大剧院', '徐州市新城区医院', '徐州市城市运行指挥中心']) expect(building(zh).properties?.['name']?.en).toBeTruthy();
    expect(building('徐州市新城区医院').properties?.['use']).toBe('hospital');
    const schools = files['buildings.geojson'].features.filter((f) => f.properties?.['use'] === 'school' && /(中学|小学|学校)/.test(f.properties?.['name']?.zh ?? ''));
    expect(schools.length).toBeGreaterThanOrEqual(3);
    const square = files['squares.geojson'].features.find((f) => f.properties?.['name']?.zh === '市民广场');
    if (!square) throw new Error('no citizen square');
    const [sx, sy] = metres(square);
    expect(Math.abs(sx)).toBeLessThan(20);
    expect(sy).toBeLessThan(-80);
  });

  it('addresses every building on a named road, in Chinese and English', () => {
    for (const f of files['buildings.geojson'].features) {
      const { zh, en } = f.properties?.['address'] as { zh: string; en: string };
      expect(zh, String(f.id)).toMatch(/^\S+?(路|大道)\d+号/);
      expect(en, String(f.id)).toMatch(/No\. \d+ \S.*(Road|Avenue)$/);
    }
  });

  it('has Dalong Lake in the south-east, a canal across the district and a utility tunnel of 1.5 to 2.5 km under Kunlun Avenue', () => {
    const lake = files['water.geojson'].features.find((f) => f.properties?.['kind'] === 'lake');
    if (!lake) throw new Error('no lake');
    expect(lake.properties?.['name']?.zh).toBe('大龙湖');
    const [lx, ly] = metres(lake);
    expect(lx).toBeGreaterThan(500);
    expect(ly).toBeLessThan(-500);
    expect(files['water.geojson'].features.some((f) => f.properties?.['kind'] === 'canal')).toBe(true);
    const tunnel = files['utility_tunnel.geojson'].features[0] as Feature<LineString>;
    const km = length(tunnel, { units: 'kilometers' });
    expect(km).toBeGreaterThan(1.5);
    expect(km).toBeLessThan(2.5);
  });

  it('keeps assets/source reasonably small', () => {
    const bytes = serialize(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    expect(bytes).toBeLessThan(15 * 1024 * 1024);
  });
});
