import type { LocalizedName } from '@pengcheng/protocol';
import type { RoadSpec } from './districtModel.js';
import { boxShape, courtyardShape, ellipseShape, uShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { orientPolygon, placePolygon, rectRing, type Polygon } from './planarGeometry.js';
import type { Block } from './planStreetGrid.js';
import { subtractPolygons } from './subtractPolygons.js';

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/**
 * The cultural axis south of Kunlun Avenue, continuing the administrative centre's axis: a
 * cultural plaza, a pond, the grand theatre on the axis, the library and the museum either
 * side, all set in the central park.
 */
export function layoutCulturalAxis(block: Block, ctx: LayoutContext): void {
  const r = block.rect;
  const kunlun = block.sides.north.road as RoadSpec;
  const plaza: Polygon = orientPolygon([rectRing(-90, -470, 90, -350)]);
  ctx.addSquare({ name: n('文化广场', 'Culture Plaza'), polygon: plaza });
  const pond = placePolygon(ellipseShape(62, 22, 40), [0, -505], 0);
  ctx.addWater({ kind: 'pond', name: n('明镜池', 'Mingjing Pond'), polygon: pond });

  const theatreShell = placePolygon(ellipseShape(78, 56, 48), [0, -610], 0);
  const flyTower = placePolygon(boxShape(36, 30), [0, -625], 0);
  const theatre = {
    polygons: [theatreShell, flyTower],
    parts: [
      { minHeightM: 0, heightM: 34 },
      { minHeightM: 34, heightM: 46 },
    ],
    use: 'cultural' as const,
    heightM: 46,
    floors: 6,
    yearBuilt: 2014,
    name: n('彭城大剧院', 'Pengcheng Grand Theatre'),
    address: ctx.address([0, r.minY], block.sides.south.road as RoadSpec),
  };
  ctx.addLandmark(theatre);
  const library = {
    polygons: [placePolygon(courtyardShape(96, 84, 22), [-175, -510], 0)],
    use: 'cultural' as const,
    heightM: 24,
    floors: 5,
    yearBuilt: 2013,
    name: n('徐州新城图书馆', 'Xincheng Library'),
    address: ctx.address([-175, r.maxY], kunlun),
  };
  ctx.addLandmark(library);
  const museum = {
    polygons: [placePolygon(uShape(96, 84, 26, 30), [175, -510], Math.PI)],
    use: 'cultural' as const,
    heightM: 22,
    floors: 4,
    yearBuilt: 2015,
    name: n('徐州新城博物馆', 'Xincheng Museum'),
    address: ctx.address([175, r.maxY], kunlun),
  };
  ctx.addLandmark(museum);

  const lot: Polygon = orientPolygon([rectRing(-90, -740, 90, -696)]);
  ctx.addParking({ name: n('大剧院停车场', 'Grand Theatre Car Park'), kind: 'surface', capacity: Math.floor((180 * 44) / 28), polygon: lot });

  const park = orientPolygon([rectRing(r.minX, r.minY, r.maxX, r.maxY)]);
  const cut = [plaza, pond, theatreShell, ...library.polygons, ...museum.polygons, lot];
  ctx.addGreen({ kind: 'park', name: n('新城中央公园', 'Xincheng Central Park'), polygons: subtractPolygons(park, cut) }, false);
}
