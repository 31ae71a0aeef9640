import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ADMINISTRATIVE_CENTRE, type RoadClass } from '@pengcheng/protocol';
import type { Feature, FeatureCollection, Position } from 'geojson';

/** Metres east and north of the administrative centre → lon/lat (small-area approximation). */
export function fixturePosition(eastM: number, northM: number): Position {
  const metresPerDegree = (Math.PI * 6_371_008.8) / 180;
  return [
    ADMINISTRATIVE_CENTRE.longitude + eastM / (metresPerDegree * Math.cos((ADMINISTRATIVE_CENTRE.latitude * Math.PI) / 180)),
    ADMINISTRATIVE_CENTRE.latitude + northM / metresPerDegree,
  ];
}

const rect = (x0: number, y0: number, x1: number, y1: number): Position[][] => [
  [fixturePosition(x0, y0), fixturePosition(x1, y0), fixturePosition(x1, y1), fixturePosition(x0, y1), fixturePosition(x0, y0)],
];

const circle = (cx: number, cy: number, r: number): Position[][] => {
  const ring = Array.from({ length: 64 }, (_, i) => fixturePosition(cx + r * Math.cos((i / 64) * 2 * Math.PI), cy + r * Math.sin((i / 64) * 2 * Math.PI)));
  return [[...ring, ring[0] as Position]];
};

interface FixtureRoad {
  readonly name: string;
  readonly roadClass: RoadClass;
  readonly widthM: number;
  readonly lanes: number;
  /** Axis-aligned: fixed northing (east-west road) or fixed easting (north-south road). */
  readonly axis: 'ew' | 'ns';
  readonly at: number;
  readonly from: number;
  readonly to: number;
  readonly oneway?: boolean;
}

/**
 * A small district with known geometry, metres from the administrative centre. Tests check
 * pixels against these numbers: the trunk road runs east-west along northing 0, the lake is a
 * 300 m circle at (500, 500) inside a park, the canal runs along northing -600 under two bridges.
 */
export const FIXTURE = {
  roads: [
    { name: '昆仑大道', roadClass: 'trunk', widthM: 40, lanes: 8, axis: 'ew', at: 0, from: -2300, to: 2300 },
    { name: '汉源大道', roadClass: 'primary', widthM: 30, lanes: 6, axis: 'ns', at: -1000, from: -2300, to: 2300 },
    { name: '彭祖大道', roadClass: 'primary', widthM: 30, lanes: 6, axis: 'ns', at: 1000, from: -2300, to: 2300 },
    { name: '新元大道', roadClass: 'secondary', widthM: 20, lanes: 4, axis: 'ew', at: 1000, from: -2300, to: 2300 },
    { name: '府前路', roadClass: 'secondary', widthM: 20, lanes: 4, axis: 'ew', at: -1000, from: -2300, to: 2300 },
    { name: '行政路', roadClass: 'tertiary', widthM: 14, lanes: 2, axis: 'ns', at: 0, from: -1000, to: 1000 },
    { name: '星光路', roadClass: 'residential', widthM: 9, lanes: 2, axis: 'ns', at: -1500, from: -1000, to: 1000 },
    { name: '泊车巷', roadClass: 'service', widthM: 6, lanes: 1, axis: 'ew', at: 350, from: -1000, to: -450, oneway: true },
  ] satisfies FixtureRoad[],
  lake: { east: 500, north: 500, radius: 300 },
  canal: { north: -600, halfWidth: 25 },
  /** A spot of plain ground, clear of every feature but an underground garage the map must not show. */
  plainGround: { east: -1250, north: 500 },
} as const;

function roadPosition(road: FixtureRoad, along: number): Position {
  return road.axis === 'ew' ? fixturePosition(along, road.at) : fixturePosition(road.at, along);
}

/** Where other roads cross this one, so edges end at junctions like a routable network's. */
function cuts(road: FixtureRoad, roads: readonly FixtureRoad[]): number[] {
  const crossings = roads.filter((o) => o.axis !== road.axis && o.from < road.at && o.to > road.at && o.at > road.from && o.at < road.to).map((o) => o.at);
  const bridges = road.roadClass === 'primary' ? [FIXTURE.canal.north - 40, FIXTURE.canal.north + 40] : [];
  return [road.from, ...crossings, ...bridges, road.to].sort((a, b) => a - b);
}

const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/** Writes the fixture's GeoJSON files into a folder, as the district generator would. */
export async function writeDistrictFixture(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const edges: Feature[] = [];
  const surfaces: Feature[] = [];
  const bridges: Feature[] = [];
  FIXTURE.roads.forEach((road, r) => {
    const stops = cuts(road, FIXTURE.roads);
    for (let i = 0; i + 1 < stops.length; i++) {
      const [a, b] = [stops[i] as number, stops[i + 1] as number];
      const id = `RD-${r}-${i}`;
      const onBridge = road.roadClass === 'primary' && a === FIXTURE.canal.north - 40;
      const bridgeId = `BR-${r}`;
      edges.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [roadPosition(road, a), roadPosition(road, b)] },
        properties: {
          id,
          name: { zh: road.name },
          class: road.roadClass,
          lanes: road.lanes,
          widthM: road.widthM,
          speedLimitKmh: 50,
          oneway: road.oneway ?? false,
          fromNode: `ND-${r}-${i}`,
          toNode: `ND-${r}-${i + 1}`,
          lengthM: b - a,
          ...(onBridge ? { bridgeId } : {}),
        },
      });
      const half = road.widthM / 2;
      surfaces.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: road.axis === 'ew' ? rect(a, road.at - half, b, road.at + half) : rect(road.at - half, a, road.at + half, b) },
        properties: { id: `RS-${r}-${i}`, edgeId: id, class: road.roadClass },
      });
      if (onBridge) {
        bridges.push({
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [roadPosition(road, a), roadPosition(road, b)] },
          properties: { id: bridgeId, name: { zh: `${road.name}桥` }, edgeIds: [id], lengthM: b - a, deckHeightM: 8, yearBuilt: 2012 },
        });
      }
    }
  });
  const { lake, canal } = FIXTURE;
  const files: Record<string, Feature[]> = {
    'road_edges.geojson': edges,
    'road_surfaces.geojson': surfaces,
    'bridges.geojson': bridges,
    'water.geojson': [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: circle(lake.east, lake.north, lake.radius) }, properties: { id: 'WT-1', kind: 'lake', name: { zh: '湖' } } },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: rect(-2300, canal.north - canal.halfWidth, 2300, canal.north + canal.halfWidth) }, properties: { id: 'WT-2', kind: 'canal', name: { zh: '河' } } },
    ],
    'green.geojson': [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: rect(80, 80, 920, 920) }, properties: { id: 'GR-1', kind: 'park' } },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: rect(-2300, 20, 2300, 35) }, properties: { id: 'GR-2', kind: 'green_belt' } },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: rect(-560, -340, -440, -260) }, properties: { id: 'GR-3', kind: 'sports_field' } },
    ],
    'squares.geojson': [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: rect(-100, 120, 100, 280) }, properties: { id: 'SQ-1', name: { zh: '市民广场' } } }],
    'parking_lots.geojson': [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: rect(-560, 370, -460, 430) }, properties: { id: 'PK-1', name: { zh: '停车场' }, kind: 'surface', capacity: 120 } },
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: rect(FIXTURE.plainGround.east - 50, FIXTURE.plainGround.north - 50, FIXTURE.plainGround.east + 50, FIXTURE.plainGround.north + 50) },
        properties: { id: 'PK-2', name: { zh: '地下车库' }, kind: 'underground', capacity: 300 },
      },
    ],
  };
  for (const [file, features] of Object.entries(files)) await writeFile(path.join(dir, file), JSON.stringify(collection(features)));
}
