import type { LocalizedName } from '@pengcheng/protocol';
import type { Random } from './createRandom.js';
import type { BuildingDraft, RoadSpec } from './districtModel.js';
import { boxShape, lShape, roundedRectShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { add, bufferPolyline, distanceToRing, orientPolygon, placePolygon, pointInRing, polygonArea, rectRing, scale, type Box, type Polygon, type Vec } from './planarGeometry.js';
import { firstFit, insideBox, placeFirstFit } from './placeFirstFit.js';
import { LAKE_CENTRE, type WaterPlan } from './planWater.js';
import { ROAD_STANDARDS, roadCorridorHalfM } from './roadStandards.js';
import { subtractPolygons } from './subtractPolygons.js';

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/**
 * The lake park: Dalong Lake with the lakeside park around it, a hotel on the north-west
 * corner between the canal and the avenues, a visitor centre and a plaza on the north shore,
 * teahouses along the east shore.
 */
export function layoutLakePark(area: Box, water: WaterPlan, huanhu: RoadSpec, westRoad: RoadSpec, northRoad: RoadSpec, ctx: LayoutContext, random: Random): void {
  const inset = (road: RoadSpec): number => roadCorridorHalfM(road.class) + ROAD_STANDARDS[road.class].beltM;
  const park: Box = { minX: area.minX + inset(westRoad), maxX: area.maxX - 10, minY: area.minY + 10, maxY: area.maxY - inset(northRoad) };
  const lake = water.lake;
  const cut: Polygon[] = [[lake], water.canal, [bufferPolyline(huanhu.points, roadCorridorHalfM(huanhu.class))]];

  const hotelName = n('龙湖湖畔酒店', 'Longhu Lakeside Hotel');
  const hotelZone: Box = { minX: park.minX + 8, maxX: 1180, minY: -1010, maxY: park.maxY - 12 };
  const address = ctx.address([park.minX, -900], westRoad);
  const building = (polygon: Polygon, use: BuildingDraft['use'], floors: number, heightM: number, name?: LocalizedName): BuildingDraft => ({
    polygons: [polygon],
    use,
    floors,
    heightM,
    yearBuilt: 2016,
    ...(name ? { name } : {}),
    address,
  });
  const placed: Polygon[] = [];
  const keep = (at: Vec | null, make: (c: Vec) => BuildingDraft): void => {
    if (at) placed.push(...make(at).polygons);
  };
  const hotel = (c: Vec) => building(placePolygon(lShape(92, 56, 18, 18), c, Math.PI / 2), 'hotel', 8, 27.2, hotelName);
  keep(placeFirstFit(ctx, hotelZone, 6, [hotelZone.minX, hotelZone.maxY], hotel), hotel);
  for (let i = 0; i < 4; i++) {
    const villa = (c: Vec) => building(placePolygon(boxShape(22, 16), c, 0), 'hotel', 2, 7.2);
    keep(placeFirstFit(ctx, hotelZone, 6, [hotelZone.maxX, hotelZone.minY], villa), villa);
  }

  const northEast: Box = { minX: 1450, maxX: park.maxX, minY: -1060, maxY: park.maxY - 10 };
  const visitor = (c: Vec) => building(placePolygon(roundedRectShape(50, 28, 8, 4), c, 0), 'cultural', 2, 10, n('大龙湖游客中心', 'Dalong Lake Visitor Centre'));
  keep(placeFirstFit(ctx, northEast, 5, [1700, park.maxY], visitor), visitor);

  // Teahouses and the boat pier stand back from the shore, facing the water.
  const pavilionNames = [n('湖畔茶室', 'Lakeside Teahouse'), n('大龙湖游船码头', 'Dalong Lake Boat Pier'), n('观湖亭茶社', 'Lake View Tea Pavilion')];
  let pavilions = 0;
  for (let k = 0; k < 16 && pavilions < pavilionNames.length; k++) {
    const angle = -Math.PI / 2.2 + (k / 16) * Math.PI * 0.9 + random.range(-0.05, 0.05);
    const dir: Vec = [Math.cos(angle), Math.sin(angle)];
    let p = LAKE_CENTRE;
    while (pointInRing(p, lake)) p = add(p, scale(dir, 5));
    const at = add(p, scale(dir, 26));
    const polygon = placePolygon(boxShape(24, 14), at, Math.atan2(dir[1], dir[0]) + Math.PI / 2);
    const floors = random.int(1, 2);
    if (insideBox(polygon, park) && ctx.addBuilding(building(polygon, 'commercial', floors, floors * 3.6, pavilionNames[pavilions]))) {
      placed.push(polygon);
      pavilions++;
    }
  }

  const top = lake.reduce((best, p) => (p[1] > best[1] ? p : best));
  const plazaAt = firstFit({ minX: top[0] - 60, maxX: top[0] + 60, minY: top[1] + 20, maxY: park.maxY - 30 }, 5, [top[0], top[1] + 30], (c) => {
    const plaza = placePolygon(roundedRectShape(140, 50, 12, 4), c, 0);
    return insideBox(plaza, park) && distanceToRing(c, lake) > 40 && ctx.isClear(plaza[0] ?? [], 4);
  });
  if (plazaAt) {
    const plaza = placePolygon(roundedRectShape(140, 50, 12, 4), plazaAt, 0);
    ctx.addSquare({ name: n('湖滨广场', 'Lakeside Plaza'), polygon: plaza });
    cut.push(plaza);
  }
  const lotAt = firstFit(northEast, 5, [park.maxX, park.maxY], (c) => {
    const lot = placePolygon(boxShape(70, 36), c, 0);
    return insideBox(lot, park) && ctx.isClear(lot[0] ?? [], 4);
  });
  if (lotAt) {
    const lot = placePolygon(boxShape(70, 36), lotAt, 0);
    ctx.addParking({ name: n('大龙湖公园停车场', 'Dalong Lake Park Car Park'), kind: 'surface', capacity: Math.floor(polygonArea(lot) / 28), polygon: lot });
    cut.push(lot);
  }

  const ground = orientPolygon([rectRing(park.minX, park.minY, park.maxX, park.maxY)]);
  ctx.addGreen({ kind: 'park', name: n('大龙湖公园', 'Dalong Lake Park'), polygons: subtractPolygons(ground, [...cut, ...placed.map((p) => [p[0] ?? []])]) }, false);
}
