import type { LocalizedName, RoadClass } from '@pengcheng/protocol';
import type { RoadSpec } from './districtModel.js';
import { cubicBezier, type Box, type Vec } from './planarGeometry.js';
import { CANAL_Y, type WaterPlan } from './planWater.js';
import { ROAD_STANDARDS, roadInsetM } from './roadStandards.js';

/**
 * The master plan: a superblock grid of avenues about 500 m apart (the new-town pattern of the
 * 2000s), Kunlun Avenue as the east-west axis in front of the administrative centre, tertiary
 * streets halving most superblocks, the canal through the southern row and the lake park in
 * the south-east. Authored, not seeded: the seed only furnishes it.
 */

export type CellProgram =
  | 'residential'
  | 'villa'
  | 'office'
  | 'mall'
  | 'hotel'
  | 'school'
  | 'admin'
  | 'cultural'
  | 'exhibition'
  | 'government'
  | 'hospital'
  | 'sports'
  | 'depot'
  | 'lake';

export type Side = 'south' | 'east' | 'north' | 'west';
export const SIDES: readonly Side[] = ['south', 'east', 'north', 'west'];

export interface BlockSide {
  readonly kind: 'road' | 'edge' | 'canal';
  readonly road?: RoadSpec;
  /** The centre line (of the road, the canal) or the area edge: x for east/west, y for south/north. */
  readonly line: number;
}

export interface Block {
  readonly key: string;
  readonly program: CellProgram;
  /** Between the centre lines around it. */
  readonly outer: Box;
  /** Where buildings may stand: inside the setbacks of the roads, the canal banks and the area edge. */
  readonly rect: Box;
  readonly sides: Readonly<Record<Side, BlockSide>>;
  /** True for the sub-block of a superblock that fronts Kunlun Avenue. */
  readonly frontsAxis: boolean;
  /** True when the block is the half of its superblock nearer the north-south axis (or is the whole of it). */
  readonly towardAxis: boolean;
}

export interface StreetGrid {
  readonly roads: readonly RoadSpec[];
  readonly blocks: readonly Block[];
  /** The superblock of the lake park, between its bounding centre lines and the area edges. */
  readonly lakePark: Box;
  readonly kunlun: RoadSpec;
  /** 环湖路 and the two avenues along the lake park's west and north sides. */
  readonly lakeRoads: { readonly huanhu: RoadSpec; readonly west: RoadSpec; readonly north: RoadSpec };
}

/** Roads stop 10 m inside the pilot area, where they would run on beyond it. */
const ROAD_END = 1990;
const AREA = 2000;
const EDGE_SETBACK_M = 15;

interface GridLine {
  readonly at: number;
  readonly from: number;
  readonly to: number;
  readonly class: RoadClass;
  readonly name: LocalizedName;
}

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/** North-south roads, west to east. */
const NS_LINES: readonly GridLine[] = [
  { at: -1750, from: -ROAD_END, to: ROAD_END, class: 'secondary', name: n('嵩山路', 'Songshan Road') },
  { at: -1250, from: -ROAD_END, to: ROAD_END, class: 'primary', name: n('汉源大道', 'Hanyuan Avenue') },
  { at: -750, from: -ROAD_END, to: ROAD_END, class: 'secondary', name: n('衡山路', 'Hengshan Road') },
  { at: -300, from: -ROAD_END, to: ROAD_END, class: 'secondary', name: n('长安路', "Chang'an Road") },
  { at: 300, from: -ROAD_END, to: ROAD_END, class: 'secondary', name: n('太行路', 'Taihang Road') },
  { at: 750, from: -ROAD_END, to: ROAD_END, class: 'primary', name: n('彭城大道', 'Pengcheng Avenue') },
  { at: 1250, from: -800, to: ROAD_END, class: 'secondary', name: n('庐山路', 'Lushan Road') },
  { at: 1750, from: -800, to: ROAD_END, class: 'primary', name: n('龙湖大道', 'Longhu Avenue') },
];

/** East-west roads, south to north. */
const EW_LINES: readonly GridLine[] = [
  { at: -1800, from: -ROAD_END, to: 750, class: 'primary', name: n('天山路', 'Tianshan Road') },
  { at: -1300, from: -ROAD_END, to: 750, class: 'secondary', name: n('云泉路', 'Yunquan Road') },
  { at: -800, from: -ROAD_END, to: ROAD_END, class: 'primary', name: n('彭祖大道', 'Pengzu Avenue') },
  { at: -300, from: -ROAD_END, to: ROAD_END, class: 'trunk', name: n('昆仑大道', 'Kunlun Avenue') },
  { at: 300, from: -ROAD_END, to: ROAD_END, class: 'secondary', name: n('元和路', 'Yuanhe Road') },
  { at: 700, from: -ROAD_END, to: ROAD_END, class: 'secondary', name: n('镜泊路', 'Jingpo Road') },
  { at: 1200, from: -ROAD_END, to: ROAD_END, class: 'primary', name: n('新元大道', 'Xinyuan Avenue') },
  { at: 1700, from: -ROAD_END, to: ROAD_END, class: 'secondary', name: n('紫金路', 'Zijin Road') },
];

/** Tertiary streets by the coordinate of their line: they halve the superblocks they cross. */
const TERTIARY_NAMES_X: ReadonlyMap<number, LocalizedName> = new Map([
  [-1500, n('翠屏路', 'Cuiping Road')],
  [-1000, n('汉韵路', 'Hanyun Road')],
  [-525, n('楚风路', 'Chufeng Road')],
  [0, n('正阳路', 'Zhengyang Road')],
  [525, n('凤鸣路', 'Fengming Road')],
  [1000, n('银杏路', 'Yinxing Road')],
  [1500, n('玉泉路', 'Yuquan Road')],
]);
const TERTIARY_NAMES_Y: ReadonlyMap<number, LocalizedName> = new Map([
  [-1550, n('崇文路', 'Chongwen Road')],
  [-550, n('文景路', 'Wenjing Road')],
  [0, n('锦绣路', 'Jinxiu Road')],
  [500, n('惠民路', 'Huimin Road')],
  [950, n('春晖路', 'Chunhui Road')],
  [1450, n('博学路', 'Boxue Road')],
]);

const X_BOUNDS = [-AREA, -1750, -1250, -750, -300, 300, 750, 1250, 1750, AREA] as const;
const Y_BOUNDS = [-AREA, -1800, -1300, -800, -300, 300, 700, 1200, 1700, AREA] as const;
const CANAL_ROW = 2;

/** Land use per superblock, north row first, west to east. */
const PROGRAM_ROWS: readonly string[] = [
  'R R R R R R R R D',
  'R R U R R R R U R',
  'R R R U R R S R R',
  'R R H R G R U R R',
  'R O M O A O T O R',
  'R O T O C O M O R',
  'R U R R E R L L L',
  'R R R R R V L L L',
  'R R R R R V L L L',
];

const PROGRAM_CODES: Readonly<Record<string, CellProgram>> = {
  R: 'residential',
  V: 'villa',
  O: 'office',
  M: 'mall',
  T: 'hotel',
  U: 'school',
  A: 'admin',
  C: 'cultural',
  E: 'exhibition',
  G: 'government',
  H: 'hospital',
  S: 'sports',
  D: 'depot',
  L: 'lake',
};

/** Superblocks kept whole: one campus or one park each. */
const WHOLE: ReadonlySet<CellProgram> = new Set(['admin', 'cultural', 'exhibition', 'government', 'hospital', 'sports', 'depot', 'lake']);

function roadSpec(name: LocalizedName, roadClass: RoadClass, points: readonly Vec[], addressBaseM: number): RoadSpec {
  const s = ROAD_STANDARDS[roadClass];
  return { name, class: roadClass, lanes: s.lanes, widthM: s.widthM, speedLimitKmh: s.speedLimitKmh, oneway: false, points, addressBaseM };
}

/** North-south roads run north to south and east-west roads west to east; numbers count from there. */
function nsRoad(name: LocalizedName, roadClass: RoadClass, x: number, yNorth: number, ySouth: number): RoadSpec {
  return roadSpec(name, roadClass, [
    [x, yNorth],
    [x, ySouth],
  ], AREA - yNorth);
}

function ewRoad(name: LocalizedName, roadClass: RoadClass, y: number, xWest: number, xEast: number): RoadSpec {
  return roadSpec(name, roadClass, [
    [xWest, y],
    [xEast, y],
  ], xWest + AREA);
}

export function planStreetGrid(water: WaterPlan): StreetGrid {
  const roads: RoadSpec[] = [];
  const nsSpecs = NS_LINES.map((l) => nsRoad(l.name, l.class, l.at, l.to, l.from));
  const ewSpecs = EW_LINES.map((l) => ewRoad(l.name, l.class, l.at, l.from, l.to));
  roads.push(...ewSpecs, ...nsSpecs);
  const kunlun = ewSpecs[EW_LINES.findIndex((l) => l.class === 'trunk')] as RoadSpec;

  // 环湖路 continues 云泉路 round the north-west shore and becomes 庐山路.
  const huanhu = roadSpec(n('环湖路', 'Huanhu Road'), 'secondary', cubicBezier([750, -1300], [1000, -1300], [1250, -1050], [1250, -800], 24), 0);
  roads.push(huanhu);

  const roadAt = (axis: 'x' | 'y', at: number, along: number): RoadSpec | undefined => {
    const lines = axis === 'x' ? NS_LINES : EW_LINES;
    const specs = axis === 'x' ? nsSpecs : ewSpecs;
    const i = lines.findIndex((l) => l.at === at && l.from <= along && along <= l.to);
    return i < 0 ? undefined : specs[i];
  };

  const blocks: Block[] = [];
  PROGRAM_ROWS.forEach((row, r) => {
    const j = PROGRAM_ROWS.length - 1 - r;
    row.split(' ').forEach((code, i) => {
      const program = PROGRAM_CODES[code];
      if (!program) throw new Error(`unknown program code ${code}`);
      if (program === 'lake') return;
      const x0 = X_BOUNDS[i] as number;
      const x1 = X_BOUNDS[i + 1] as number;
      const y0 = Y_BOUNDS[j] as number;
      const y1 = Y_BOUNDS[j + 1] as number;
      const cx = (x0 + x1) / 2;
      const cy = (y0 + y1) / 2;
      const side = (axis: 'x' | 'y', at: number, along: number): BlockSide => {
        if (Math.abs(at) === AREA) return { kind: 'edge', line: at };
        const road = roadAt(axis, at, along);
        if (!road) throw new Error(`no road along the ${axis} = ${at} side of cell ${i},${j}`);
        return { kind: 'road', road, line: at };
      };
      const cellSides: Record<Side, BlockSide> = {
        west: side('x', x0, cy),
        east: side('x', x1, cy),
        south: side('y', y0, cx),
        north: side('y', y1, cx),
      };

      // Split lines: tertiary streets at the middle, or the canal through the canal row.
      const xSplits: { at: number; side: (edge: 'west' | 'east') => BlockSide }[] = [];
      const ySplits: { at: number; side: (edge: 'south' | 'north') => BlockSide }[] = [];
      const whole = WHOLE.has(program);
      if (!whole && x1 - x0 >= 400) {
        const name = TERTIARY_NAMES_X.get(cx);
        if (!name) throw new Error(`no tertiary name for x = ${cx}`);
        const top = Math.min(y1, ROAD_END);
        const bottom = Math.max(y0, -ROAD_END);
        const spec = nsRoad(name, 'tertiary', cx, top, bottom);
        roads.push(spec);
        xSplits.push({ at: cx, side: () => ({ kind: 'road', road: spec, line: cx }) });
      }
      if (j === CANAL_ROW) {
        ySplits.push({ at: CANAL_Y, side: () => ({ kind: 'canal', line: CANAL_Y }) });
      } else if (!whole && y1 - y0 >= 400) {
        const name = TERTIARY_NAMES_Y.get(cy);
        if (!name) throw new Error(`no tertiary name for y = ${cy}`);
        const spec = ewRoad(name, 'tertiary', cy, Math.max(x0, -ROAD_END), Math.min(x1, ROAD_END));
        roads.push(spec);
        ySplits.push({ at: cy, side: () => ({ kind: 'road', road: spec, line: cy }) });
      }

      const xs = [x0, ...xSplits.map((s) => s.at), x1];
      const ys = [y0, ...ySplits.map((s) => s.at), y1];
      for (let a = 0; a < xs.length - 1; a++) {
        for (let b = 0; b < ys.length - 1; b++) {
          const sides: Record<Side, BlockSide> = {
            west: a === 0 ? cellSides.west : (xSplits[a - 1] as (typeof xSplits)[number]).side('west'),
            east: a === xs.length - 2 ? cellSides.east : (xSplits[a] as (typeof xSplits)[number]).side('east'),
            south: b === 0 ? cellSides.south : (ySplits[b - 1] as (typeof ySplits)[number]).side('south'),
            north: b === ys.length - 2 ? cellSides.north : (ySplits[b] as (typeof ySplits)[number]).side('north'),
          };
          const outer: Box = { minX: xs[a] as number, maxX: xs[a + 1] as number, minY: ys[b] as number, maxY: ys[b + 1] as number };
          blocks.push({
            key: `${i}-${j}-${a}-${b}`,
            program,
            outer,
            rect: insetBlock(outer, sides, water),
            sides,
            frontsAxis: sides.north.road === kunlun || sides.south.road === kunlun,
            towardAxis: Math.abs((outer.minX + outer.maxX) / 2) <= Math.abs(cx),
          });
        }
      }
    });
  });
  const lakeRoads = { huanhu, west: roadAt('x', 750, -1500) as RoadSpec, north: roadAt('y', -800, 1500) as RoadSpec };
  return { roads, blocks, lakePark: { minX: 750, maxX: AREA, minY: -AREA, maxY: -800 }, kunlun, lakeRoads };
}

function sideInset(side: BlockSide, water: WaterPlan): number {
  if (side.kind === 'edge') return EDGE_SETBACK_M;
  if (side.kind === 'canal') return water.canalCorridorHalfM + 8;
  return roadInsetM((side.road as RoadSpec).class);
}

function insetBlock(outer: Box, sides: Readonly<Record<Side, BlockSide>>, water: WaterPlan): Box {
  return {
    minX: outer.minX + sideInset(sides.west, water),
    maxX: outer.maxX - sideInset(sides.east, water),
    minY: outer.minY + sideInset(sides.south, water),
    maxY: outer.maxY - sideInset(sides.north, water),
  };
}
