import type { LocalizedName } from '@pengcheng/protocol';
import type { RoadSpec } from './districtModel.js';
import { boxShape, courtyardShape, lShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { orientPolygon, placePolygon, rectRing, round } from './planarGeometry.js';
import type { Block } from './planStreetGrid.js';
import { STOREY_M, storeysHeight } from './storeys.js';

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/**
 * The municipal bureaus north of the administrative centre, either side of a green axis that
 * continues the centre's: the city operation command centre (城市运行指挥中心) among them.
 */
export function layoutGovernmentQuarter(block: Block, ctx: LayoutContext): void {
  const r = block.rect;
  const road = block.sides.south.road as RoadSpec;
  const addr = (x: number) => ctx.address([x, r.minY], road);
  ctx.addGreen({ kind: 'park', name: n('政务绿轴', 'Government Green Axis'), polygons: [orientPolygon([rectRing(-45, r.minY, 45, r.maxY)])] });

  ctx.addLandmark({
    polygons: [placePolygon(courtyardShape(100, 80, 20), [-160, 430], 0)],
    use: 'government',
    heightM: storeysHeight(6, STOREY_M.podium),
    floors: 6,
    yearBuilt: 2019,
    name: n('徐州市城市运行指挥中心', 'Xuzhou City Operation Command Centre'),
    address: addr(-160),
  });
  const podiumH = storeysHeight(3, STOREY_M.podium);
  const towerH = round(podiumH + 17 * STOREY_M.office, 1);
  ctx.addLandmark({
    polygons: [placePolygon(boxShape(100, 60), [160, 430], 0), placePolygon(boxShape(40, 28), [160, 436], 0)],
    parts: [
      { minHeightM: 0, heightM: podiumH },
      { minHeightM: podiumH, heightM: towerH },
    ],
    use: 'government',
    heightM: towerH,
    floors: 20,
    yearBuilt: 2014,
    name: n('徐州市公共资源交易中心', 'Xuzhou Public Resources Trading Centre'),
    address: addr(160),
  });
  ctx.addLandmark({
    polygons: [placePolygon(boxShape(80, 40), [-160, 590], 0)],
    use: 'government',
    heightM: 20,
    floors: 4,
    yearBuilt: 2020,
    name: n('徐州市政务数据中心', 'Xuzhou Government Data Centre'),
    address: addr(-160),
  });
  ctx.addLandmark({
    polygons: [placePolygon(lShape(90, 60, 20, 20), [160, 590], 0)],
    use: 'government',
    heightM: storeysHeight(12, STOREY_M.government),
    floors: 12,
    yearBuilt: 2012,
    name: n('徐州市公安局', 'Xuzhou Municipal Public Security Bureau'),
    address: addr(160),
  });
  for (const side of [-1, 1]) {
    const x0 = side < 0 ? -100 : 55;
    ctx.addParking({
      name: n(side < 0 ? '政务区西停车场' : '政务区东停车场', side < 0 ? 'Government Quarter West Car Park' : 'Government Quarter East Car Park'),
      kind: 'surface',
      capacity: Math.floor((45 * 250) / 28),
      polygon: orientPolygon([rectRing(x0, 370, x0 + 45, 620)]),
    });
  }
}
