import type { BuildingPart, LocalizedName } from '@pengcheng/protocol';
import { blockFrame, frameRect, placeInFrame, toWorld, type BlockFrame } from './blockFrame.js';
import type { Random } from './createRandom.js';
import type { BuildingDraft, RoadSpec } from './districtModel.js';
import { boxShape, courtyardShape, lShape, pointTowerShape, roundedRectShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { polygonArea, round, type Polygon } from './planarGeometry.js';
import { SIDES, type Block, type Side } from './planStreetGrid.js';
import { STOREY_M, storeysHeight } from './storeys.js';

/** The side a frontage faces: Kunlun Avenue if the block is on it, else its busiest street. */
export function frontSide(block: Block): Side {
  const rank = { trunk: 5, primary: 4, secondary: 3, tertiary: 2, residential: 1, service: 0 } as const;
  let best: Side = 'south';
  let bestRank = -1;
  for (const s of SIDES) {
    const road = block.sides[s].road;
    if (road && rank[road.class] > bestRank) {
      best = s;
      bestRank = rank[road.class];
    }
  }
  return best;
}

type OfficeKind = 'podiumTower' | 'twinTowers' | 'courtyard' | 'lSlab' | 'hotel';

/**
 * Office towers along the avenue: one to three plots side by side, each a tower on a podium,
 * twin towers, a courtyard block or an L-shaped slab, with parking behind. With `hotel`, the
 * first plot is that hotel.
 */
export function layoutOfficeFrontage(block: Block, ctx: LayoutContext, random: Random, hotel?: LocalizedName): void {
  const front = frontSide(block);
  const frame = blockFrame(block.rect, front);
  const road = block.sides[front].road as RoadSpec;
  const plots = Math.max(1, Math.min(3, Math.floor(frame.along / 85)));
  const plotW = frame.along / plots;
  for (let p = 0; p < plots; p++) {
    const u = -frame.along / 2 + plotW * (p + 0.5);
    const kind: OfficeKind =
      p === 0 && hotel
        ? 'hotel'
        : random.weighted<OfficeKind>([
            ['podiumTower', 0.45],
            ['twinTowers', plotW >= 95 ? 0.2 : 0],
            ['courtyard', 0.15],
            ['lSlab', 0.2],
          ]);
    const address = ctx.address(toWorld(frame, [u, 0]), road);
    const name = kind === 'hotel' && hotel ? hotel : ctx.names.office();
    const year = random.int(2010, 2023);
    const usedDepth = placeOffice(ctx, random, frame, kind, u, plotW, name, address, year);
    if (usedDepth === null) continue;
    let behind = usedDepth + 12;
    const lotDepth = Math.min(45, frame.depth - behind - 6);
    if (lotDepth >= 20) {
      const lot = frameRect(frame, u - plotW / 2 + 8, behind, u + plotW / 2 - 8, behind + lotDepth);
      if (ctx.isClear(lot[0] ?? [], 2)) {
        ctx.addParking({ name: { zh: `${name.zh}停车场`, en: `${name.en ?? name.zh} Car Park` }, kind: 'surface', capacity: Math.floor(polygonArea(lot) / 28), polygon: lot });
        behind += lotDepth + 12;
      }
    }
    // The back of a deep plot takes a mid-rise annex (配套楼): offices or serviced apartments.
    const annexDepth = Math.min(20, frame.depth - behind - 4);
    if (annexDepth >= 14) {
      const floors = random.int(6, 12);
      ctx.addBuilding({
        polygons: [placeInFrame(frame, boxShape(plotW - 20, annexDepth), [u, frame.depth - 4 - annexDepth / 2])],
        use: 'office',
        heightM: storeysHeight(floors, STOREY_M.office),
        floors,
        yearBuilt: Math.min(2024, year + random.int(0, 4)),
        address,
      });
    }
  }
}

/** Places one office plot; returns the depth it used from the front, or null if it did not fit. */
function placeOffice(
  ctx: LayoutContext,
  random: Random,
  frame: BlockFrame,
  kind: OfficeKind,
  u: number,
  plotW: number,
  name: LocalizedName,
  address: LocalizedName,
  year: number,
): number | null {
  const maxDepth = Math.min(frame.depth - 4, 110);
  const draft = (polygons: Polygon[], parts: BuildingPart[] | undefined, floors: number, heightM: number, use: BuildingDraft['use']): BuildingDraft => ({
    polygons,
    ...(parts ? { parts } : {}),
    use,
    heightM,
    floors,
    yearBuilt: year,
    name,
    address,
  });
  const garage = (polygon: Polygon, levels: number): void =>
    ctx.addParking({ name: { zh: `${name.zh}地下停车场`, en: `${name.en ?? name.zh} Underground Car Park` }, kind: 'underground', capacity: Math.floor((polygonArea(polygon) * levels) / 35), polygon });

  switch (kind) {
    case 'podiumTower':
    case 'twinTowers':
    case 'hotel': {
      const podW = plotW - random.range(8, 16);
      const podD = Math.min(maxDepth, random.range(36, 48));
      const podFloors = random.int(3, 5);
      const podH = storeysHeight(podFloors, STOREY_M.podium);
      const podium = placeInFrame(frame, boxShape(podW, podD), [u, 6 + podD / 2]);
      const towers: { polygon: Polygon; floors: number }[] = [];
      if (kind === 'hotel') {
        const w = Math.min(podW - 10, 58);
        towers.push({ polygon: placeInFrame(frame, lShape(w, 24, 18, 18), [u, 6 + podD / 2 + 2]), floors: random.int(16, 26) });
      } else if (kind === 'twinTowers') {
        const w = Math.min(podW / 2 - 10, 32);
        const floors = random.int(22, 40);
        for (const side of [-1, 1]) {
          towers.push({ polygon: placeInFrame(frame, pointTowerShape(w, Math.min(podD - 8, w), 3), [u + (side * podW) / 4, 6 + podD / 2]), floors: floors + random.int(-3, 0) });
        }
      } else {
        const w = Math.min(podW - 12, random.range(32, 42));
        const d = Math.min(podD - 8, random.range(24, 30));
        const shape = random.pick([pointTowerShape(w, d, 3), roundedRectShape(w, d, 6, 4), boxShape(w, d)]);
        towers.push({ polygon: placeInFrame(frame, shape, [u + random.range(-0.25, 0.25) * (podW - w), 6 + podD / 2]), floors: random.int(18, 42) });
      }
      const storey = kind === 'hotel' ? STOREY_M.hotel : STOREY_M.office;
      const parts: BuildingPart[] = [{ minHeightM: 0, heightM: podH }, ...towers.map((t) => ({ minHeightM: podH, heightM: round(podH + t.floors * storey, 1) }))];
      const heightM = Math.max(...parts.map((p) => p.heightM));
      const floors = podFloors + Math.max(...towers.map((t) => t.floors));
      if (!ctx.addBuilding(draft([podium, ...towers.map((t) => t.polygon)], parts, floors, heightM, kind === 'hotel' ? 'hotel' : 'office'))) return null;
      garage(podium, 2);
      return 6 + podD;
    }
    case 'courtyard': {
      const w = plotW - 14;
      const d = Math.min(maxDepth, random.range(55, 75));
      const floors = random.int(8, 12);
      if (!ctx.addBuilding(draft([placeInFrame(frame, courtyardShape(w, d, random.range(14, 18)), [u, 6 + d / 2])], undefined, floors, storeysHeight(floors, STOREY_M.office), 'office'))) return null;
      return 6 + d;
    }
    case 'lSlab': {
      const w = plotW - 12;
      const d = Math.min(maxDepth, random.range(50, 70));
      const floors = random.int(12, 20);
      const polygon = placeInFrame(frame, lShape(w, d, 18, 18), [u, 6 + d / 2]);
      if (!ctx.addBuilding(draft([polygon], undefined, floors, storeysHeight(floors, STOREY_M.office), 'office'))) return null;
      return 6 + d;
    }
  }
}
