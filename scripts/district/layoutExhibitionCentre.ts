import type { LocalizedName } from '@pengcheng/protocol';
import type { RoadSpec } from './districtModel.js';
import { roundedRectShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { orientPolygon, placePolygon, rectRing } from './planarGeometry.js';
import type { Block } from './planStreetGrid.js';

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/** The exhibition centre and the urban planning exhibition hall, on the canal's north bank. */
export function layoutExhibitionCentre(block: Block, ctx: LayoutContext): void {
  const r = block.rect;
  const road = block.sides.north.road as RoadSpec;
  const cy = (r.minY + r.maxY) / 2;
  ctx.addLandmark({
    polygons: [placePolygon(roundedRectShape(100, 96, 18, 6), [r.minX + 52, cy], 0)],
    use: 'cultural',
    heightM: 24,
    floors: 4,
    yearBuilt: 2012,
    name: n('徐州市城市规划展览馆', 'Xuzhou Urban Planning Exhibition Hall'),
    address: ctx.address([r.minX + 52, r.maxY], road),
  });
  const hallW = r.maxX - r.minX - 150;
  ctx.addLandmark({
    polygons: [placePolygon(roundedRectShape(hallW, Math.min(110, r.maxY - r.minY - 10), 16, 4), [r.maxX - 4 - hallW / 2, cy], 0)],
    use: 'commercial',
    heightM: 24,
    floors: 2,
    yearBuilt: 2013,
    name: n('徐州新城会展中心', 'Xincheng Exhibition Centre'),
    address: ctx.address([r.maxX - hallW / 2, r.maxY], road),
  });
  ctx.addParking({
    name: n('会展中心停车场', 'Exhibition Centre Car Park'),
    kind: 'surface',
    capacity: Math.floor((30 * (r.maxY - r.minY - 20)) / 28),
    polygon: orientPolygon([rectRing(r.minX + 110, r.minY + 10, r.minX + 140, r.maxY - 10)]),
  });
}
