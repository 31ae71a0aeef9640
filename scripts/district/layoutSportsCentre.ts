import type { LocalizedName } from '@pengcheng/protocol';
import type { RoadSpec } from './districtModel.js';
import { ellipseRingShape, ellipseShape, roundedRectShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { orientPolygon, placePolygon, rectRing, type Vec } from './planarGeometry.js';
import type { Block } from './planStreetGrid.js';

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/** The sports centre: stadium, gymnasium and natatorium around a forecourt, training pitches, parking. */
export function layoutSportsCentre(block: Block, ctx: LayoutContext): void {
  const r = block.rect;
  const c: Vec = [(r.minX + r.maxX) / 2, (r.minY + r.maxY) / 2];
  const at = (dx: number, dy: number): Vec => [c[0] + dx, c[1] + dy];
  const address = ctx.address([c[0], r.minY], block.sides.south.road as RoadSpec);
  const venue = (zh: string, en: string) => ({ name: n(`徐州新城体育中心${zh}`, `Xincheng Sports Centre ${en}`), address, use: 'sports' as const });

  ctx.addLandmark({ ...venue('体育场', 'Stadium'), polygons: [placePolygon(ellipseRingShape(110, 92, 32, 64), at(-85, 40), 0)], heightM: 42, floors: 4, yearBuilt: 2013 });
  ctx.addGreen({ kind: 'sports_field', name: n('体育中心体育场足球场', 'Sports Centre Stadium Pitch'), polygons: [placePolygon(ellipseShape(72, 54, 48), at(-85, 40), 0)] }, false);
  ctx.addLandmark({ ...venue('体育馆', 'Gymnasium'), polygons: [placePolygon(roundedRectShape(110, 80, 30, 8), at(120, 100), 0)], heightM: 30, floors: 3, yearBuilt: 2013 });
  ctx.addLandmark({ ...venue('游泳馆', 'Natatorium'), polygons: [placePolygon(roundedRectShape(95, 60, 8, 4), at(115, -20), 0)], heightM: 22, floors: 2, yearBuilt: 2014 });

  ctx.addSquare({ name: n('体育中心广场', 'Sports Centre Forecourt'), polygon: orientPolygon([rectRing(c[0] - 190, c[1] - 145, c[0] + 45, c[1] - 75)]) });
  ctx.addGreen({ kind: 'sports_field', name: n('体育中心训练场', 'Sports Centre Training Pitch'), polygons: [orientPolygon([rectRing(c[0] + 57, c[1] - 178, c[0] + 162, c[1] - 110)])] });
  ctx.addParking({ name: n('体育中心停车场', 'Sports Centre Car Park'), kind: 'surface', capacity: Math.floor((170 * 40) / 28), polygon: orientPolygon([rectRing(c[0] - 190, c[1] - 200, c[0] - 20, c[1] - 160)]) });

  // A one-way loop from 庐山路 to the natatorium's entrance.
  const east = block.sides.east.line;
  ctx.addRoad({
    name: n('体育中心落客通道', 'Sports Centre Drop-off Lane'),
    class: 'service',
    lanes: 1,
    widthM: 5,
    speedLimitKmh: 10,
    oneway: true,
    points: [
      [east, c[1] - 50],
      [r.maxX - 22, c[1] - 50],
      [r.maxX - 22, c[1] + 10],
      [east, c[1] + 10],
    ],
  });
}
