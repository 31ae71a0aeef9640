import type { LocalizedName } from '@pengcheng/protocol';
import type { Random } from './createRandom.js';
import { layoutAdministrativeCentre } from './layoutAdministrativeCentre.js';
import { layoutCommercialCentre, type CommercialCentre } from './layoutCommercialCentre.js';
import { LayoutContext } from './layoutContext.js';
import { layoutCulturalAxis } from './layoutCulturalAxis.js';
import { layoutDepot } from './layoutDepot.js';
import { layoutExhibitionCentre } from './layoutExhibitionCentre.js';
import { layoutGovernmentQuarter } from './layoutGovernmentQuarter.js';
import { layoutHospital } from './layoutHospital.js';
import { layoutLakePark } from './layoutLakePark.js';
import { layoutOfficeFrontage } from './layoutOffices.js';
import { layoutResidentialCompound, type CompoundKind } from './layoutResidential.js';
import { layoutSchool } from './layoutSchool.js';
import { layoutSportsCentre } from './layoutSportsCentre.js';
import { createNameBook } from './nameBook.js';
import { orientPolygon, rectRing } from './planarGeometry.js';
import { planStreetGrid, type Block, type BlockSide, type StreetGrid } from './planStreetGrid.js';
import { CANAL_Y, planWater, type WaterPlan } from './planWater.js';
import { ROAD_STANDARDS, roadCorridorHalfM } from './roadStandards.js';

export interface DistrictLayout {
  readonly layout: LayoutContext;
  readonly grid: StreetGrid;
  readonly water: WaterPlan;
}

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/** In the order the blocks come (north row first): the east hotel, then the west one. */
const HOTELS: readonly LocalizedName[] = [n('淮海大酒店', 'Huaihai Grand Hotel'), n('新城国际大酒店', 'Xincheng International Hotel')];
const MALLS: readonly CommercialCentre[] = [
  { name: n('彭城汇购物中心', 'Pengcheng Hui Shopping Centre'), plaza: n('彭城汇广场', 'Pengcheng Hui Plaza'), garageSpaces: 395 },
  { name: n('龙湖天地购物中心', 'Longhu Tiandi Shopping Centre'), plaza: n('龙湖天地广场', 'Longhu Tiandi Plaza') },
];

/** Lays out the whole district: the plan's roads and water first, then every block, the lake park last. */
export function layoutDistrict(random: Random): DistrictLayout {
  const water = planWater();
  const grid = planStreetGrid(water);
  const ctx = new LayoutContext(createNameBook(random.fork('names')));
  for (const road of grid.roads) ctx.addRoad(road);
  ctx.addWater({ kind: 'lake', name: water.lakeName, polygon: [water.lake] });
  ctx.addWater({ kind: 'canal', name: water.canalName, polygon: water.canal });

  const admin = grid.blocks.find((b) => b.program === 'admin');
  if (!admin) throw new Error('the plan has no administrative centre');
  layoutAdministrativeCentre(admin, ctx, grid.kunlun);

  const hotels = [...HOTELS];
  const malls = [...MALLS];
  for (const block of grid.blocks) {
    if (block === admin) continue;
    const r = random.fork(`block:${block.key}`);
    const residential = (): void => layoutResidentialCompound(block, ctx, r, compoundKind(block, r));
    switch (block.program) {
      case 'residential':
        if (r.chance(0.04)) ctx.addGreen({ kind: 'park', name: n('社区公园', 'Community Park'), polygons: [orientPolygon([rectRing(block.rect.minX, block.rect.minY, block.rect.maxX, block.rect.maxY)])] });
        else residential();
        break;
      case 'villa':
        residential();
        break;
      case 'office':
        if (block.frontsAxis) layoutOfficeFrontage(block, ctx, r);
        else residential();
        break;
      case 'hotel':
        if (block.frontsAxis) layoutOfficeFrontage(block, ctx, r, block.towardAxis ? hotels.shift() : undefined);
        else residential();
        break;
      case 'mall': {
        const mall = block.frontsAxis && block.towardAxis ? malls.shift() : undefined;
        if (mall) layoutCommercialCentre(block, ctx, r, mall);
        else if (block.frontsAxis) layoutOfficeFrontage(block, ctx, r);
        else residential();
        break;
      }
      case 'school':
        if (block.key.endsWith('-0-0')) layoutSchool(block, ctx, r);
        else residential();
        break;
      case 'exhibition':
        if (block.sides.south.kind === 'canal') layoutExhibitionCentre(block, ctx);
        else layoutSchool(block, ctx, r);
        break;
      case 'cultural':
        layoutCulturalAxis(block, ctx);
        break;
      case 'government':
        layoutGovernmentQuarter(block, ctx);
        break;
      case 'hospital':
        layoutHospital(block, ctx);
        break;
      case 'sports':
        layoutSportsCentre(block, ctx);
        break;
      case 'depot':
        layoutDepot(block, ctx, r);
        break;
      case 'admin':
      case 'lake':
        break;
    }
    addCanalBanks(block, ctx, water);
  }
  const { huanhu, west, north } = grid.lakeRoads;
  layoutLakePark(grid.lakePark, water, huanhu, west, north, ctx, random.fork('lake'));
  return { layout: ctx, grid, water };
}

/** Denser high-rise towards the centre, walk-ups and villas by the water and at the edges. */
function compoundKind(block: Block, random: Random): CompoundKind {
  const x = (block.outer.minX + block.outer.maxX) / 2;
  const y = (block.outer.minY + block.outer.maxY) / 2;
  if (block.program === 'villa') return random.weighted<CompoundKind>([['villa', 0.7], ['midrise', 0.3]]);
  if ((y < -700 && y > -1400) || (x > 250 && y < -700)) return random.weighted<CompoundKind>([['midrise', 0.4], ['villa', 0.25], ['highrise', 0.35]]);
  if (Math.max(Math.abs(x), Math.abs(y)) < 1300) return random.weighted<CompoundKind>([['highrise', 0.45], ['point', 0.35], ['midrise', 0.2]]);
  return random.weighted<CompoundKind>([['highrise', 0.35], ['midrise', 0.4], ['point', 0.15], ['villa', 0.1]]);
}

/** The planted banks (滨河绿带) between the canal and the blocks either side. */
function addCanalBanks(block: Block, ctx: LayoutContext, water: WaterPlan): void {
  const north = block.sides.south.kind === 'canal';
  const south = block.sides.north.kind === 'canal';
  if (!north && !south) return;
  const inset = (side: BlockSide): number => (side.road ? roadCorridorHalfM(side.road.class) + ROAD_STANDARDS[side.road.class].beltM : side.kind === 'edge' ? 10 : 0);
  const x0 = block.outer.minX + inset(block.sides.west);
  const x1 = block.outer.maxX - inset(block.sides.east);
  const [y0, y1] = north ? [CANAL_Y + water.canalHalfWidthM + 1, CANAL_Y + water.canalCorridorHalfM] : [CANAL_Y - water.canalCorridorHalfM, CANAL_Y - water.canalHalfWidthM - 1];
  ctx.addGreen({ kind: 'green_belt', name: n('玉带河滨河绿带', 'Yudai Canal Riverside Green'), polygons: [orientPolygon([rectRing(x0, y0, x1, y1)])] });
}
