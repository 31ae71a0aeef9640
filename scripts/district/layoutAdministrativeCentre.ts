import type { LocalizedName } from '@pengcheng/protocol';
import type { RoadSpec } from './districtModel.js';
import { boxShape, courtyardShape, roundedRectShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { orientPolygon, placePolygon, rectRing, type Polygon } from './planarGeometry.js';
import type { Block } from './planStreetGrid.js';
import { STOREY_M, storeysHeight } from './storeys.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => orientPolygon([rectRing(x0, y0, x1, y1)]);
const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/** The administrative centre's address, shared by its buildings. */
const ADMINISTRATIVE_ADDRESS: LocalizedName = n('昆仑大道1号', 'No. 1 Kunlun Avenue');

/**
 * The municipal administrative centre (市行政中心) on the district's centre point: a symmetric
 * main building facing south across the citizen square to Kunlun Avenue, east and west
 * buildings beside it, the citizen service centre and the archives at the square's corners,
 * a conference centre and services behind. Drawn to the centre point, not seeded. Must run
 * first so that the main building is BLD-000001.
 */
export function layoutAdministrativeCentre(block: Block, ctx: LayoutContext, kunlun: RoadSpec): void {
  ctx.reserveNumber(kunlun, true, 1);
  const address = ADMINISTRATIVE_ADDRESS;
  const podiumH = storeysHeight(5, STOREY_M.podium);
  const towerH = podiumH + storeysHeight(17, STOREY_M.government);
  ctx.addLandmark({
    polygons: [rect(-100, -28, 100, 28), rect(-36, -15, 36, 15), rect(-20, -8, 20, 8)],
    parts: [
      { minHeightM: 0, heightM: podiumH },
      { minHeightM: podiumH, heightM: towerH },
      { minHeightM: towerH, heightM: towerH + 6 },
    ],
    use: 'government',
    heightM: towerH + 6,
    floors: 22,
    yearBuilt: 2010,
    name: n('徐州市行政中心主楼', 'Xuzhou Administrative Centre Main Building'),
    address,
  });
  for (const [side, zh, en] of [
    [-1, '徐州市行政中心西楼', 'Xuzhou Administrative Centre West Building'],
    [1, '徐州市行政中心东楼', 'Xuzhou Administrative Centre East Building'],
  ] as const) {
    ctx.addLandmark({
      polygons: [placePolygon(courtyardShape(110, 120, 18), [side * 190, 20], 0)],
      use: 'government',
      heightM: storeysHeight(8, STOREY_M.government),
      floors: 8,
      yearBuilt: 2010,
      name: n(zh, en),
      address,
    });
  }
  ctx.addLandmark({
    polygons: [placePolygon(courtyardShape(110, 100, 22), [-195, -170], 0)],
    use: 'government',
    heightM: storeysHeight(4, STOREY_M.podium),
    floors: 4,
    yearBuilt: 2016,
    name: n('徐州市民服务中心', 'Xuzhou Citizen Service Centre'),
    address: ctx.address([-195, -225], kunlun),
  });
  ctx.addLandmark({
    polygons: [placePolygon(courtyardShape(110, 100, 24), [195, -170], 0)],
    use: 'cultural',
    heightM: storeysHeight(5, STOREY_M.podium),
    floors: 5,
    yearBuilt: 2013,
    name: n('徐州市档案馆', 'Xuzhou Municipal Archives'),
    address: ctx.address([195, -225], kunlun),
  });

  // 政和路 serves the back of the complex between its two side streets.
  const west = block.sides.west.line;
  const east = block.sides.east.line;
  ctx.addRoad({
    name: n('政和路', 'Zhenghe Road'),
    class: 'service',
    lanes: 2,
    widthM: 7,
    speedLimitKmh: 20,
    oneway: false,
    points: [
      [west, 150],
      [east, 150],
    ],
  });
  ctx.addLandmark({
    polygons: [placePolygon(roundedRectShape(120, 64, 10, 4), [0, 215], 0)],
    use: 'government',
    heightM: storeysHeight(4, STOREY_M.podium),
    floors: 4,
    yearBuilt: 2011,
    name: n('徐州市行政中心会议中心', 'Xuzhou Administrative Centre Conference Centre'),
    address,
  });
  ctx.addLandmark({
    polygons: [placePolygon(boxShape(70, 44), [-190, 212], 0)],
    use: 'government',
    heightM: storeysHeight(3, STOREY_M.government),
    floors: 3,
    yearBuilt: 2010,
    name: n('徐州市机关事务服务中心', 'Xuzhou Government Offices Service Centre'),
    address,
  });

  const square = rect(-125, -246, 125, -45);
  ctx.addSquare({ name: n('市民广场', 'Citizen Square'), polygon: square });
  ctx.addParking({ name: n('市民广场地下停车场', 'Citizen Square Underground Car Park'), kind: 'underground', capacity: 620, polygon: square });
  ctx.addParking({ name: n('行政中心北停车场', 'Administrative Centre North Car Park'), kind: 'surface', capacity: 275, polygon: rect(135, 177, 245, 247) });
  for (const side of [-1, 1]) {
    const lawn = (x0: number, y0: number, x1: number, y1: number): Polygon => rect(Math.min(side * x0, side * x1), y0, Math.max(side * x0, side * x1), y1);
    ctx.addGreen({ kind: 'garden', name: n('行政中心绿地', 'Administrative Centre Lawn'), polygons: [lawn(135, -105, 255, -55)] });
    ctx.addGreen({ kind: 'garden', name: n('行政中心绿地', 'Administrative Centre Lawn'), polygons: [lawn(135, 90, 245, 138)] });
    ctx.addGreen({ kind: 'garden', name: n('行政中心绿地', 'Administrative Centre Lawn'), polygons: [lawn(35, 45, 110, 138)] });
  }
}
