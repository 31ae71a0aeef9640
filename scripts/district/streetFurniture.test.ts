import { CameraProperties, LowPointProperties, ParkingLotProperties, SmartPoleProperties } from '@pengcheng/protocol';
import { bearing, booleanIntersects, distance, nearestPointOnLine, pointToLineDistance } from '@turf/turf';
import type { Feature, LineString, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DistrictFiles } from './districtFiles.js';
import { defaultDistrict, overlappingPairs } from './testSupport.js';

const metres = { units: 'meters' } as const;

describe('street furniture, parking and waterlogging points', () => {
  let files: DistrictFiles;
  let edges: Map<string, Feature<LineString>>;
  beforeAll(() => {
    files = defaultDistrict();
    edges = new Map(files['road_edges.geojson'].features.map((f) => [String(f.id), f as Feature<LineString>]));
  });

  it('stands smart poles along both sides of the main roads, every 40 to 60 m', () => {
    const poles = files['smart_poles.geojson'].features as Feature<Point>[];
    expect(poles.length).toBeGreaterThan(300);
    const byEdge = new Map<string, Feature<Point>[]>();
    for (const pole of poles) {
      const p = SmartPoleProperties.parse(pole.properties);
      const edge = edges.get(p.roadEdgeId);
      if (!edge) throw new Error(`${p.id}: no edge ${p.roadEdgeId}`);
      expect(['trunk', 'primary']).toContain(edge.properties?.['class']);
      const offset = pointToLineDistance(pole, edge, metres);
      expect(offset, p.id).toBeGreaterThan((edge.properties?.['widthM'] as number) / 2);
      expect(offset, p.id).toBeLessThan((edge.properties?.['widthM'] as number) / 2 + 5);
      byEdge.set(p.roadEdgeId, [...(byEdge.get(p.roadEdgeId) ?? []), pole]);
    }
    for (const [id, list] of byEdge) {
      const along = list.map((pole) => nearestPointOnLine(edges.get(id) as Feature<LineString>, pole, metres).properties.location as number);
      const stations = [...new Set(along.map((s) => Math.round(s)))].sort((a, b) => a - b);
      for (let i = 1; i < stations.length; i++) {
        const gap = (stations[i] as number) - (stations[i - 1] as number);
        expect(gap, id).toBeGreaterThanOrEqual(40);
        expect(gap, id).toBeLessThanOrEqual(60);
      }
    }
  });

  it('points every junction camera at its junction, and mounts some on poles', () => {
    const poles = new Map(files['smart_poles.geojson'].features.map((f) => [String(f.id), f as Feature<Point>]));
    const nodes = files['road_nodes.geojson'].features as Feature<Point>[];
    const cameras = files['cameras.geojson'].features as Feature<Point>[];
    expect(cameras.length).toBeGreaterThan(50);
    let onPoles = 0;
    for (const camera of cameras) {
      const c = CameraProperties.parse(camera.properties);
      if (c.poleId) {
        const pole = poles.get(c.poleId);
        expect(pole && distance(pole, camera, metres), c.id).toBeLessThan(0.5);
        expect(pole?.properties?.['functions'], c.id).toContain('camera');
        onPoles++;
      }
      if (!c.name.zh.includes('交叉口')) continue;
      const junction = nodes.reduce((best, n) => (distance(n, camera) < distance(best, camera) ? n : best));
      const towards = (bearing(camera, junction) + 360) % 360;
      const off = Math.abs(((towards - c.headingDeg + 540) % 360) - 180);
      expect(off, c.id).toBeLessThan(1);
    }
    expect(onPoles).toBeGreaterThan(20);
    expect(cameras.filter((f) => f.properties?.['name']?.zh.startsWith('市民广场')).length).toBe(4);
  });

  it('has surface, underground and multistorey car parks, one of 395 spaces', () => {
    const lots = files['parking_lots.geojson'].features.map((f) => ParkingLotProperties.parse(f.properties));
    expect(new Set(lots.map((l) => l.kind))).toEqual(new Set(['surface', 'underground', 'multistorey']));
    expect(lots.some((l) => l.capacity === 395)).toBe(true);
  });

  it('keeps surface car parks and squares clear of buildings', () => {
    const open = [...files['squares.geojson'].features, ...files['parking_lots.geojson'].features.filter((f) => f.properties?.['kind'] === 'surface')];
    const clashes = overlappingPairs(files['buildings.geojson'].features, open).filter(([b, o]) => booleanIntersects(b, o));
    expect(clashes.map(([b, o]) => `${String(b.id)} × ${String(o.id)}`)).toEqual([]);
  });

  it('marks 5 to 10 waterlogging points, each on its road edge', () => {
    const points = files['low_points.geojson'].features as Feature<Point>[];
    expect(points.length).toBeGreaterThanOrEqual(5);
    expect(points.length).toBeLessThanOrEqual(10);
    for (const f of points) {
      const p = LowPointProperties.parse(f.properties);
      const edge = edges.get(p.roadEdgeId);
      if (!edge) throw new Error(`${p.id}: no edge ${p.roadEdgeId}`);
      expect(pointToLineDistance(f, edge, metres), p.id).toBeLessThan(0.1);
    }
  });
});
