import type { LocalizedName, RoadClass } from '@pengcheng/protocol';
import { blockFrame, placeInFrame, toWorld } from './blockFrame.js';
import type { Random } from './createRandom.js';
import type { RoadSpec } from './districtModel.js';
import { boxShape, lShape, pointTowerShape, steppedSlabShape, uShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { add, orientPolygon, placePolygon, polygonArea, rectRing, rotate, type Box, type Polygon, type Vec } from './planarGeometry.js';
import { insideBox } from './placeFirstFit.js';
import { SIDES, type Block, type Side } from './planStreetGrid.js';
import { ROAD_STANDARDS } from './roadStandards.js';
import { STOREY_M, storeysHeight } from './storeys.js';

/** The compound types of a Chinese new town: high-rise slabs, point towers, six-storey walk-ups, villas. */
export type CompoundKind = 'highrise' | 'point' | 'midrise' | 'villa';

const CLASS_RANK: Readonly<Record<RoadClass, number>> = { trunk: 5, primary: 4, secondary: 3, tertiary: 2, residential: 1, service: 0 };
/** Width kept free between two columns for the compound lane (7 m) and its clearances. */
const LANE_GAP_M = 17;

interface Typology {
  readonly width: number;
  readonly depth: number;
  readonly rowGap: number;
  readonly colGap: number;
  readonly storeyM: number;
  readonly stagger: boolean;
  floorsForRow(row: number): number;
  shape(): Polygon;
}

function typology(kind: CompoundKind, random: Random): Typology {
  switch (kind) {
    case 'highrise': {
      const unit = random.pick([14, 15, 16]);
      const units = random.pick([2, 3, 3, 4]);
      const depth = random.range(12.5, 15);
      const base = random.int(18, 28);
      const step = random.int(0, 3);
      const storeyM = random.pick([3.0, 3.05, 3.1]);
      const tallest = Math.min(34, base + 3 * step);
      return {
        width: unit * units,
        depth: depth + 3,
        rowGap: Math.min(52, Math.max(30, 0.5 * tallest * storeyM)),
        colGap: random.range(15, 22),
        storeyM,
        stagger: false,
        floorsForRow: (row) => Math.min(34, base + step * row),
        shape: () => steppedSlabShape(unit, depth, Array.from({ length: units }, () => random.pick([-1.5, 0, 0, 1.5]))),
      };
    }
    case 'point': {
      const width = random.range(20, 25);
      const depth = width * random.range(0.85, 1);
      const notch = random.range(2.5, 4);
      const base = random.int(24, 30);
      const storeyM = random.pick([3.0, 3.05, 3.1]);
      return {
        width,
        depth,
        rowGap: Math.min(48, Math.max(30, 0.45 * (base + 4) * storeyM)),
        colGap: random.range(20, 28),
        storeyM,
        stagger: random.chance(0.6),
        floorsForRow: (row) => Math.min(34, base + random.int(0, 2) + row),
        shape: () => pointTowerShape(width, depth, notch),
      };
    }
    case 'midrise': {
      const unit = random.pick([12, 13, 14]);
      const units = random.pick([3, 3, 4]);
      const depth = random.range(11.5, 12.5);
      const tall = random.chance(0.35);
      const floors = tall ? random.int(9, 11) : random.pick([6, 6, 7]);
      return {
        width: unit * units,
        depth: depth + 2,
        rowGap: Math.min(40, Math.max(18, 1.2 * floors * STOREY_M.residential)),
        colGap: random.range(8, 12),
        storeyM: STOREY_M.residential,
        stagger: false,
        floorsForRow: () => floors,
        shape: () => steppedSlabShape(unit, depth, Array.from({ length: units }, (_, i) => (i % 2 === 0 ? 0 : random.pick([0, 1])))),
      };
    }
    case 'villa': {
      const townhouse = random.chance(0.35);
      const width = townhouse ? random.pick([28, 35, 42]) : random.range(13, 16);
      const depth = townhouse ? random.range(11, 12.5) : random.range(11, 13.5);
      const floors = random.pick([2, 3, 3]);
      return {
        width,
        depth,
        rowGap: random.range(10, 14),
        colGap: random.range(6, 9),
        storeyM: STOREY_M.villa,
        stagger: false,
        floorsForRow: () => floors,
        shape: () => (townhouse || random.chance(0.5) ? boxShape(width, depth) : lShape(width, depth, width * 0.45, depth * 0.55)),
      };
    }
  }
}

function compoundYear(random: Random, kind: CompoundKind): number {
  // Resettlement walk-ups and villas of the first phase predate the 2008 new-town plan.
  if ((kind === 'midrise' || kind === 'villa') && random.chance(0.05)) return random.int(2003, 2007);
  return random.int(2008, 2024);
}

function sideMid(rect: Box, side: Side): Vec {
  const cx = (rect.minX + rect.maxX) / 2;
  const cy = (rect.minY + rect.maxY) / 2;
  return side === 'south' ? [cx, rect.minY] : side === 'north' ? [cx, rect.maxY] : side === 'east' ? [rect.maxX, cy] : [rect.minX, cy];
}

function shrink(rect: Box, side: Side, by: number): Box {
  return {
    minX: rect.minX + (side === 'west' ? by : 0),
    maxX: rect.maxX - (side === 'east' ? by : 0),
    minY: rect.minY + (side === 'south' ? by : 0),
    maxY: rect.maxY - (side === 'north' ? by : 0),
  };
}

/**
 * One residential compound (小区) filling a block: rows of identical buildings facing south,
 * spaced for winter sun, a central garden, a lane from the quieter street, shops along the
 * busier one, sometimes a kindergarten, an underground garage under the high-rise kinds.
 */
export function layoutResidentialCompound(block: Block, ctx: LayoutContext, random: Random, kind: CompoundKind): void {
  const roadSides = SIDES.filter((s) => block.sides[s].kind === 'road');
  const firstRoadSide = roadSides[0];
  if (firstRoadSide === undefined) return;
  const roadOf = (s: Side): RoadSpec => block.sides[s].road as RoadSpec;
  const front = roadSides.reduce((a, b) => (CLASS_RANK[roadOf(b).class] > CLASS_RANK[roadOf(a).class] ? b : a), firstRoadSide);
  // The gate opens on the quietest street, and on a south or north side when there is one.
  const gateCandidates = roadSides.filter((s) => s === 'south' || s === 'north');
  const gatePool = gateCandidates.length > 0 ? gateCandidates : roadSides;
  const gate = gatePool.reduce((a, b) => (CLASS_RANK[roadOf(b).class] < CLASS_RANK[roadOf(a).class] ? b : a), gatePool[0] as Side);

  const name = ctx.names.compound();
  const year = compoundYear(random, kind);
  const address = ctx.address(sideMid(block.rect, gate), roadOf(gate));
  let rect = block.rect;

  const shopsWanted = kind !== 'villa' && CLASS_RANK[roadOf(front).class] >= CLASS_RANK.secondary && random.chance(0.7);
  const shopDepth = 12;
  const typ = typology(kind, random);
  const theta = kind !== 'villa' && random.chance(0.25) ? random.range(-0.2, 0.2) : 0;
  const wantsLane = theta === 0 && !typ.stagger && (gate === 'south' || gate === 'north') && CLASS_RANK[roadOf(gate).class] <= CLASS_RANK.secondary;
  if (shopsWanted) rect = shrink(rect, front, shopDepth + 12);

  const centre: Vec = [(rect.minX + rect.maxX) / 2, (rect.minY + rect.maxY) / 2];
  // A turned grid is laid over a little more than the block; what then sticks out is dropped.
  const corners = rectRing(rect.minX, rect.minY, rect.maxX, rect.maxY).map((p) => rotate([p[0] - centre[0], p[1] - centre[1]], -theta));
  const halfU = Math.min(...corners.map((p) => Math.abs(p[0]))) * (theta === 0 ? 1 : 1.08);
  const halfV = Math.min(...corners.map((p) => Math.abs(p[1]))) * (theta === 0 ? 1 : 1.08);
  const rows = Math.floor((2 * halfV + typ.rowGap) / (typ.depth + typ.rowGap));
  let cols = Math.floor((2 * halfU + typ.colGap) / (typ.width + typ.colGap));
  const laneGap = Math.max(typ.colGap, LANE_GAP_M);
  if (wantsLane && cols >= 2 && cols * typ.width + (cols - 2) * typ.colGap + laneGap > 2 * halfU) cols--;
  if (rows < 1 || cols < 1) return;
  const lane = wantsLane && cols >= 2;
  const extra = lane ? laneGap - typ.colGap : 0;
  const totalW = cols * typ.width + (cols - 1) * typ.colGap + extra;
  const totalH = rows * typ.depth + (rows - 1) * typ.rowGap;
  const laneAfter = Math.floor(cols / 2);
  const uOf = (c: number): number => -totalW / 2 + typ.width / 2 + c * (typ.width + typ.colGap) + (lane && c >= laneAfter ? extra : 0);
  const vOf = (r: number): number => -totalH / 2 + typ.depth / 2 + r * (typ.depth + typ.rowGap);
  const toWorldLocal = (p: Vec): Vec => add(centre, rotate(p, theta));

  // The central garden takes the middle cells.
  const gardenRow = rows >= 3 && cols >= 2 ? Math.floor(rows / 2) : -1;
  const gardenCols = new Set<number>();
  if (gardenRow >= 0) {
    if (lane) gardenCols.add(laneAfter - 1).add(laneAfter);
    else if (cols % 2 === 1) gardenCols.add((cols - 1) / 2);
    else gardenCols.add(cols / 2 - 1).add(cols / 2);
  }
  let gardenPolygon: Polygon | null = null;
  if (gardenCols.size > 0) {
    const cs = [...gardenCols];
    const u0 = uOf(Math.min(...cs)) - typ.width / 2;
    const u1 = uOf(Math.max(...cs)) + typ.width / 2;
    const v0 = vOf(gardenRow) - typ.depth / 2 - typ.rowGap * 0.3;
    const v1 = vOf(gardenRow) + typ.depth / 2 + typ.rowGap * 0.3;
    gardenPolygon = orientPolygon([rectRing(u0, v0, u1, v1).map(toWorldLocal)]);
  }

  if (lane) {
    const u = (uOf(laneAfter - 1) + uOf(laneAfter)) / 2;
    const gateLine = block.sides[gate].line;
    const x = centre[0] + u;
    const stopY = gardenPolygon ? (gate === 'south' ? vOf(gardenRow) - typ.depth / 2 - typ.rowGap * 0.3 : vOf(gardenRow) + typ.depth / 2 + typ.rowGap * 0.3) + centre[1] : centre[1];
    const s = ROAD_STANDARDS.residential;
    ctx.addRoad({
      name: { zh: `${name.zh}小区路`, en: `${name.en} Estate Road` },
      class: 'residential',
      lanes: s.lanes,
      widthM: s.widthM,
      speedLimitKmh: s.speedLimitKmh,
      oneway: false,
      points: [
        [x, gateLine],
        [x, stopY],
      ],
    });
  }

  if (gardenPolygon && insideBox(gardenPolygon, rect) && ctx.isClear(gardenPolygon[0] ?? [], 1, ['building', 'water', 'square'])) {
    ctx.addGreen({ kind: 'garden', name: { zh: `${name.zh}中心花园`, en: `${name.en} Central Garden` }, polygons: [gardenPolygon] });
  }

  if (shopsWanted) placeShops(block, front, ctx, random, year, shopDepth);

  // A kindergarten (幼儿园) in the sunny south-east cell of larger compounds.
  const skip = new Set<string>();
  if (kind !== 'villa' && rows * cols >= 9 && random.chance(0.45)) {
    const w = Math.min(typ.width + typ.colGap * 0.5, 48);
    const d = Math.min(typ.depth + typ.rowGap * 0.6, 34);
    const c = cols - 1;
    const p = toWorldLocal([uOf(c), vOf(0) + (d - typ.depth) / 2]);
    const polygon = placePolygon(uShape(w, d, 12, 12), p, theta + Math.PI);
    if (insideBox(polygon, rect) && ctx.addBuilding({
      polygons: [polygon],
      use: 'school',
      heightM: storeysHeight(3, STOREY_M.school),
      floors: 3,
      yearBuilt: Math.min(2024, year + 1),
      name: { zh: `${name.zh}幼儿园`, en: `${name.en} Kindergarten` },
      address,
    })) skip.add(`0,${c}`);
  } else if (random.chance(0.08)) {
    // A 10 kV switching station (开闭所) in a corner.
    const p = toWorldLocal([uOf(0), vOf(0)]);
    const polygon = placePolygon(boxShape(18, 10), p, theta);
    if (insideBox(polygon, rect) && ctx.addBuilding({ polygons: [polygon], use: 'utility', heightM: 4.5, floors: 1, yearBuilt: year, name: { zh: `${name.zh}开闭所`, en: `${name.en} 10 kV Switching Station` }, address })) {
      skip.add(`0,0`);
    }
  }

  let number = 0;
  for (let r = 0; r < rows; r++) {
    const floors = typ.floorsForRow(r);
    const shift = typ.stagger && r % 2 === 1 ? (typ.width + typ.colGap) / 2 : 0;
    for (let c = 0; c < cols; c++) {
      if ((r === gardenRow && gardenCols.has(c)) || skip.has(`${r},${c}`)) continue;
      const polygon = placePolygon(typ.shape(), toWorldLocal([uOf(c) + shift, vOf(r)]), theta);
      if (!insideBox(polygon, rect)) continue;
      const phase = r >= rows / 2 && random.chance(0.5) ? random.int(1, 2) : 0;
      const placed = ctx.addBuilding({
        polygons: [polygon],
        use: 'residential',
        heightM: storeysHeight(floors, typ.storeyM),
        floors,
        yearBuilt: Math.min(2024, year + phase),
        address: buildingAddress(address, name, number + 1),
      });
      if (placed) number++;
    }
  }

  if (kind === 'highrise' || kind === 'point' || (kind === 'midrise' && typ.floorsForRow(0) >= 9)) {
    const garage = orientPolygon([rectRing(rect.minX + 6, rect.minY + 6, rect.maxX - 6, rect.maxY - 6)]);
    ctx.addParking({
      name: { zh: `${name.zh}地下停车场`, en: `${name.en} Underground Car Park` },
      kind: 'underground',
      capacity: Math.max(20, Math.floor((polygonArea(garage) * 0.75) / 32)),
      polygon: garage,
    });
  }
}

function buildingAddress(address: LocalizedName, compound: LocalizedName, n: number): LocalizedName {
  return { zh: `${address.zh}${compound.zh}${n}号楼`, en: `Building ${n}, ${compound.en ?? compound.zh}, ${address.en ?? address.zh}` };
}

/** Two-storey shops (底商) in a row along the busier street. */
function placeShops(block: Block, front: Side, ctx: LayoutContext, random: Random, year: number, depth: number): void {
  const frame = blockFrame(block.rect, front);
  const road = block.sides[front].road as RoadSpec;
  const address = ctx.address(toWorld(frame, [0, 0]), road);
  let u = -frame.along / 2 + 4;
  while (u < frame.along / 2 - 20) {
    const length = Math.min(random.range(28, 46), frame.along / 2 - 4 - u);
    if (length < 18) break;
    const polygon = placeInFrame(frame, boxShape(length, depth), [u + length / 2, depth / 2]);
    ctx.addBuilding({ polygons: [polygon], use: 'commercial', heightM: storeysHeight(2, STOREY_M.podium), floors: 2, yearBuilt: year, address });
    u += length + random.range(8, 12);
  }
}
