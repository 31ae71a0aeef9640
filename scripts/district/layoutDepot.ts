import type { LocalizedName } from '@pengcheng/protocol';
import type { Random } from './createRandom.js';
import type { BuildingDraft, RoadSpec } from './districtModel.js';
import { boxShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { frontSide } from './layoutOffices.js';
import { placePolygon, type Vec } from './planarGeometry.js';
import { firstFit, insideBox, placeFirstFit } from './placeFirstFit.js';
import type { Block } from './planStreetGrid.js';

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/** The utility corner: the district's 110 kV substation, a bus terminus, a pumping and a gas station. */
export function layoutDepot(block: Block, ctx: LayoutContext, random: Random): void {
  const r = block.rect;
  const address = ctx.address([(r.minX + r.maxX) / 2, (r.minY + r.maxY) / 2], block.sides[frontSide(block)].road as RoadSpec);
  const year = random.int(2009, 2014);
  const facility = (w: number, d: number, use: BuildingDraft['use'], floors: number, heightM: number, name: LocalizedName, preferred: Vec) =>
    placeFirstFit(ctx, r, 4, preferred, (c) => ({ polygons: [placePolygon(boxShape(w, d), c, 0)], use, heightM, floors, yearBuilt: year, name, address }));
  facility(60, 40, 'utility', 2, 12, n('新城110千伏变电站', 'Xincheng 110 kV Substation'), [r.minX, r.maxY]);
  facility(60, 24, 'transport', 2, 9, n('新城公交首末站', 'Xincheng Bus Terminus'), [r.minX, r.minY]);
  facility(30, 20, 'utility', 1, 6, n('新城供水加压站', 'Xincheng Water Booster Station'), [r.maxX, r.maxY]);
  facility(20, 15, 'utility', 1, 5, n('新城燃气调压站', 'Xincheng Gas Pressure Regulating Station'), [r.maxX, r.minY]);
  const lotAt = firstFit(r, 4, [r.maxX, (r.minY + r.maxY) / 2], (c) => {
    const lot = placePolygon(boxShape(60, 40), c, 0);
    return insideBox(lot, r) && ctx.isClear(lot[0] ?? [], 3);
  });
  if (lotAt) ctx.addParking({ name: n('新城公交停车场', 'Xincheng Bus Park'), kind: 'surface', capacity: 40, polygon: placePolygon(boxShape(60, 40), lotAt, 0) });
}
