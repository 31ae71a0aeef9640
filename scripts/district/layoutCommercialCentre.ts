import type { BuildingPart, LocalizedName } from '@pengcheng/protocol';
import { blockFrame, frameRect, placeInFrame, toWorld } from './blockFrame.js';
import type { Random } from './createRandom.js';
import type { RoadSpec } from './districtModel.js';
import { pointTowerShape, roundedRectShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { round } from './planarGeometry.js';
import type { Block, Side } from './planStreetGrid.js';
import { frontSide } from './layoutOffices.js';
import { STOREY_M, storeysHeight } from './storeys.js';

export interface CommercialCentre {
  readonly name: LocalizedName;
  readonly plaza: LocalizedName;
  /** Fixed for the centre modelled on 苏宁广场 (395 spaces in seed 002); computed otherwise. */
  readonly garageSpaces?: number;
}

const OPPOSITE: Readonly<Record<Side, Side>> = { south: 'north', north: 'south', east: 'west', west: 'east' };

/**
 * A shopping centre: a five-storey podium with office and apartment towers on its back half,
 * a plaza towards the avenue, an underground garage reached by a one-way ramp loop from the
 * street behind.
 */
export function layoutCommercialCentre(block: Block, ctx: LayoutContext, random: Random, centre: CommercialCentre): void {
  const front = frontSide(block);
  const frame = blockFrame(block.rect, front);
  const road = block.sides[front].road as RoadSpec;
  const back = OPPOSITE[front];
  const backSide = block.sides[back];

  const plazaDepth = 40;
  const halfW = Math.min(frame.along / 2 - 8, 100);
  const podD = Math.min(120, frame.depth - plazaDepth - 4 - (backSide.kind === 'road' ? 76 - plazaDepth : 10));
  const podium = placeInFrame(frame, roundedRectShape(2 * halfW, podD, 14, 4), [0, plazaDepth + 4 + podD / 2]);
  const podFloors = 5;
  const podH = storeysHeight(podFloors, STOREY_M.podium);
  const towerCount = halfW >= 90 ? 3 : 2;
  const towers = Array.from({ length: towerCount }, (_, i) => {
    const u = -halfW + ((2 * halfW) / towerCount) * (i + 0.5);
    const floors = random.int(22, 36);
    const w = Math.min(32, (2 * halfW) / towerCount - 14);
    return { polygon: placeInFrame(frame, pointTowerShape(w, Math.min(28, podD / 2 - 6), 3), [u, plazaDepth + 4 + podD * 0.72]), floors };
  });
  const parts: BuildingPart[] = [{ minHeightM: 0, heightM: podH }, ...towers.map((t) => ({ minHeightM: podH, heightM: round(podH + t.floors * STOREY_M.office, 1) }))];
  const placed = ctx.addBuilding({
    polygons: [podium, ...towers.map((t) => t.polygon)],
    parts,
    use: 'mixed',
    heightM: Math.max(...parts.map((p) => p.heightM)),
    floors: podFloors + Math.max(...towers.map((t) => t.floors)),
    yearBuilt: random.int(2012, 2019),
    name: centre.name,
    address: ctx.address(toWorld(frame, [0, 0]), road),
  });
  if (!placed) throw new Error(`${centre.name.zh} does not fit its block`);
  ctx.addSquare({ name: centre.plaza, polygon: frameRect(frame, -halfW, 0, halfW, plazaDepth) });
  ctx.addParking({
    name: { zh: `${centre.name.zh}地下停车场`, en: `${centre.name.en ?? centre.name.zh} Underground Car Park` },
    kind: 'underground',
    capacity: centre.garageSpaces ?? Math.floor((2 * halfW * podD * 2) / 40),
    polygon: podium,
  });

  const backRoad = backSide.road;
  if (backSide.kind === 'road' && backRoad) {
    // The ramp loop: in from the back street, down to the garage, out again 40 m further on.
    const backFrame = blockFrame(block.rect, back);
    const inset = Math.abs(back === 'south' || back === 'north' ? backSide.line - backFrame.origin[1] : backSide.line - backFrame.origin[0]);
    const u0 = backFrame.along / 4 - 20;
    const u1 = backFrame.along / 4 + 20;
    ctx.addRoad({
      name: { zh: `${centre.name.zh}车库坡道`, en: `${centre.name.en ?? centre.name.zh} Car Park Ramp` },
      class: 'service',
      lanes: 1,
      widthM: 5,
      speedLimitKmh: 10,
      oneway: true,
      points: [toWorld(backFrame, [u0, -inset]), toWorld(backFrame, [u0, 24]), toWorld(backFrame, [u1, 24]), toWorld(backFrame, [u1, -inset])],
    });
  }
}
