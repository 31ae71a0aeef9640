import type { LocalizedName } from '@pengcheng/protocol';
import type { Random } from './createRandom.js';
import type { BuildingDraft, RoadSpec } from './districtModel.js';
import { boxShape, lShape, roundedRectShape, uShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { frontSide } from './layoutOffices.js';
import { boxOf, orientPolygon, placePolygon, rectRing, type Box, type Polygon, type Vec } from './planarGeometry.js';
import { firstFit, insideBox, placeFirstFit } from './placeFirstFit.js';
import type { Block } from './planStreetGrid.js';
import { STOREY_M, storeysHeight } from './storeys.js';

/**
 * A school campus: a running track along the south of the site (the standard 400 m oval where
 * it fits, else 300 m), teaching buildings, a gymnasium, a canteen and, for secondary schools,
 * a dormitory, each put where it first fits north of the track.
 */
export function layoutSchool(block: Block, ctx: LayoutContext, random: Random, given?: LocalizedName): void {
  const name = given ?? ctx.names.school();
  const primary = name.zh.includes('小学');
  const rect = block.rect;
  const w = rect.maxX - rect.minX;
  const h = rect.maxY - rect.minY;
  const front = frontSide(block);
  const address = ctx.address(centreOf(rect), block.sides[front].road as RoadSpec);
  const year = random.int(2009, 2020);

  const big = !primary && w >= 186;
  const [trackW, trackD] = big ? [176, 92] : [Math.min(150, w - 10), Math.min(80, h * 0.4)];
  const track: Polygon = placePolygon(roundedRectShape(trackW, trackD, trackD / 2, 10), [(rect.minX + rect.maxX) / 2, rect.minY + 4 + trackD / 2], 0);
  ctx.addGreen({ kind: 'sports_field', name: { zh: `${name.zh}运动场`, en: `${name.en ?? name.zh} Sports Ground` }, polygons: [track] });
  const zone: Box = { ...rect, minY: rect.minY + trackD + 14 };

  const pieces: { make: (c: Vec) => BuildingDraft; preferred: Vec }[] = [];
  const cx = (zone.minX + zone.maxX) / 2;
  const teachW = Math.min(zone.maxX - zone.minX - 16, random.range(70, 95));
  const teachFloors = primary ? 4 : 5;
  // Classroom wings run east-west for daylight, joined by a north-south spine: a U on its side.
  pieces.push({
    preferred: [cx, zone.minY + 40],
    make: (c) => ({
      polygons: [placePolygon(uShape(Math.min(64, zone.maxY - zone.minY - 4), teachW, 15, 14), c, Math.PI / 2)],
      use: 'school',
      heightM: storeysHeight(teachFloors, STOREY_M.school),
      floors: teachFloors,
      yearBuilt: year,
      name,
      address,
    }),
  });
  pieces.push({
    preferred: [zone.maxX, zone.maxY],
    make: (c) => ({
      polygons: [placePolygon(roundedRectShape(44, 30, 4, 2), c, 0)],
      use: 'sports',
      heightM: 14,
      floors: 2,
      yearBuilt: year,
      name: { zh: `${name.zh}体育馆`, en: `${name.en ?? name.zh} Gymnasium` },
      address,
    }),
  });
  pieces.push({
    preferred: [zone.minX, zone.maxY],
    make: (c) => ({ polygons: [placePolygon(boxShape(40, 22), c, 0)], use: 'school', heightM: storeysHeight(2, STOREY_M.podium), floors: 2, yearBuilt: year, address }),
  });
  pieces.push({
    preferred: [zone.minX, zone.minY],
    make: (c) => ({ polygons: [placePolygon(lShape(44, 34, 16, 16), c, 0)], use: 'school', heightM: storeysHeight(4, STOREY_M.school), floors: 4, yearBuilt: year, address }),
  });
  if (!primary) {
    pieces.push({
      preferred: [zone.maxX, zone.minY],
      make: (c) => ({ polygons: [placePolygon(boxShape(56, 14), c, 0)], use: 'residential', heightM: storeysHeight(6, STOREY_M.dormitory), floors: 6, yearBuilt: year + 1, address }),
    });
  }
  pieces.forEach((piece, i) => {
    const at = placeFirstFit(ctx, zone, 6, piece.preferred, piece.make);
    if (i > 0) return;
    if (!at) throw new Error(`${name.zh} has no room for its teaching building`);
    // The courtyard between the classroom wings stays open: nothing else goes in there.
    const b = boxOf(piece.make(at).polygons[0]?.[0] ?? []);
    ctx.reserve(orientPolygon([rectRing(b.minX, b.minY, b.maxX, b.maxY)]));
  });

  const lotAt = firstFit(zone, 6, [zone.minX, zone.minY], (c) => {
    const lot = placePolygon(boxShape(40, 20), c, 0);
    return insideBox(lot, zone) && ctx.isClear(lot[0] ?? [], 2, ['building', 'road', 'green', 'parking', 'square']);
  });
  if (lotAt) {
    ctx.addParking({ name: { zh: `${name.zh}停车场`, en: `${name.en ?? name.zh} Car Park` }, kind: 'surface', capacity: Math.floor(800 / 28), polygon: placePolygon(boxShape(40, 20), lotAt, 0) });
  }
}

function centreOf(rect: Box): Vec {
  return [(rect.minX + rect.maxX) / 2, (rect.minY + rect.maxY) / 2];
}
