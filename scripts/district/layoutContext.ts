import type { LocalizedName } from '@pengcheng/protocol';
import type { BuildingDraft, GreenDraft, ParkingDraft, RoadSpec, SquareDraft, WaterDraft } from './districtModel.js';
import type { NameBook } from './nameBook.js';
import { bufferPolyline, cross, cumulativeLengths, dot, pointSegmentDistance, sub, unit, type Polygon, type Ring, type Vec } from './planarGeometry.js';
import { ROAD_STANDARDS, roadCorridorHalfM } from './roadStandards.js';
import { SpatialIndex, type ObstacleLayer } from './spatialIndex.js';

/** Gaps a new building keeps to what is already there (fire spacing between buildings, GB 50016). */
const BUILDING_CLEARANCE: Readonly<Record<ObstacleLayer, number>> = {
  building: 6,
  road: 1.5,
  water: 12,
  square: 3,
  parking: 2,
  green: 1.5,
};

/** Buildings stay this far inside the pilot area's edge. */
const AREA_LIMIT = 1988;

/**
 * Collects what the layout places and keeps every placement clear of what came before: a
 * building that would touch a road, the water or another building is refused, not bent.
 */
export class LayoutContext {
  readonly buildings: BuildingDraft[] = [];
  readonly greens: GreenDraft[] = [];
  readonly squares: SquareDraft[] = [];
  readonly water: WaterDraft[] = [];
  readonly parking: ParkingDraft[] = [];
  readonly roads: RoadSpec[] = [];
  private readonly obstacles = new SpatialIndex();
  private readonly usedNumbers = new Map<string, Set<number>>();

  constructor(readonly names: NameBook) {}

  /** A road and its red-line zone (carriageway, sidewalk and green belt) as ground no building takes. */
  addRoad(spec: RoadSpec): void {
    this.roads.push(spec);
    const half = roadCorridorHalfM(spec.class, spec.widthM) + ROAD_STANDARDS[spec.class].beltM;
    this.obstacles.insert(bufferPolyline(spec.points, half), 'road');
  }

  addWater(draft: WaterDraft): void {
    this.water.push(draft);
    this.obstacles.insert(draft.polygon[0] as Ring, 'water');
  }

  /** Places a building if it keeps clear of everything; returns whether it did. */
  addBuilding(draft: BuildingDraft): boolean {
    const outers = draft.polygons.map((p) => p[0] as Ring);
    if (!outers.every((ring) => ring.every(([x, y]) => Math.abs(x) <= AREA_LIMIT && Math.abs(y) <= AREA_LIMIT))) return false;
    if (outers.some((ring) => this.obstacles.conflicts(ring, BUILDING_CLEARANCE))) return false;
    this.buildings.push(draft);
    for (const ring of outers) this.obstacles.insert(ring, 'building');
    return true;
  }

  /** A building the district cannot do without: failing to place it is a mistake in the plan. */
  addLandmark(draft: BuildingDraft): void {
    if (!this.addBuilding(draft)) throw new Error(`${draft.name?.zh ?? 'a landmark'} does not fit where the plan puts it`);
  }

  /** True when `ring` is clear of buildings, roads, water and squares by `clearance` metres. */
  isClear(ring: Ring, clearance: number, layers: readonly ObstacleLayer[] = ['building', 'road', 'water', 'square', 'parking']): boolean {
    return !this.obstacles.conflicts(ring, Object.fromEntries(layers.map((l) => [l, clearance])));
  }

  /** Gardens and sports fields are ground buildings keep off; parks drawn around buildings are not. */
  addGreen(draft: GreenDraft, keepClear = true): void {
    this.greens.push(draft);
    if (keepClear) for (const p of draft.polygons) this.obstacles.insert(p[0] as Ring, 'green');
  }

  addSquare(draft: SquareDraft): void {
    this.squares.push(draft);
    this.obstacles.insert(draft.polygon[0] as Ring, 'square');
  }

  addParking(draft: ParkingDraft): void {
    this.parking.push(draft);
    if (draft.kind === 'surface') this.obstacles.insert(draft.polygon[0] as Ring, 'parking');
  }

  /** Reserves ground (a forecourt, a fire lane) without drawing anything there. */
  reserve(polygon: Polygon): void {
    this.obstacles.insert(polygon[0] as Ring, 'square');
  }

  /**
   * A house number on `road` for a gate at `anchor`: odd on the left of the road's direction
   * (north of east-west roads, east of north-south ones), even on the right, rising along it,
   * about one number per 20 m of frontage; never given twice on the same side of a road.
   */
  address(anchor: Vec, road: RoadSpec): LocalizedName {
    const base = road.addressBaseM;
    if (base === undefined) throw new Error(`${road.name.zh} gives no addresses`);
    const cum = cumulativeLengths(road.points);
    let best = { d: Infinity, s: 0, left: true };
    for (let i = 1; i < road.points.length; i++) {
      const a = road.points[i - 1] as Vec;
      const b = road.points[i] as Vec;
      const d = pointSegmentDistance(anchor, a, b);
      if (d < best.d) {
        const dir = unit(sub(b, a));
        const along = Math.max(0, Math.min(cum[i] as number, (cum[i - 1] as number) + dot(sub(anchor, a), dir)));
        best = { d, s: along, left: cross(dir, sub(anchor, a)) > 0 };
      }
    }
    const key = `${road.name.zh}|${best.left ? 'L' : 'R'}`;
    const used = this.usedNumbers.get(key) ?? new Set<number>();
    this.usedNumbers.set(key, used);
    let number = 2 * Math.floor((base + best.s) / 40) + (best.left ? 1 : 2);
    while (used.has(number)) number += 2;
    used.add(number);
    return { zh: `${road.name.zh}${number}号`, en: `No. ${number} ${road.name.en ?? road.name.zh}` };
  }

  /** Takes a house number out of circulation, e.g. 昆仑大道1号 for the administrative centre. */
  reserveNumber(road: RoadSpec, left: boolean, number: number): void {
    const key = `${road.name.zh}|${left ? 'L' : 'R'}`;
    const used = this.usedNumbers.get(key) ?? new Set<number>();
    used.add(number);
    this.usedNumbers.set(key, used);
  }
}
