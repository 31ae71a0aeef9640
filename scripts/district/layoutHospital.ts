import type { LocalizedName } from '@pengcheng/protocol';
import type { RoadSpec } from './districtModel.js';
import { boxShape, lShape } from './footprints.js';
import type { LayoutContext } from './layoutContext.js';
import { orientPolygon, placePolygon, rectRing, round, type Polygon, type Vec } from './planarGeometry.js';
import type { Block } from './planStreetGrid.js';
import { STOREY_M, storeysHeight } from './storeys.js';

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/**
 * The district hospital: an outpatient and medical-technology podium with the inpatient and
 * surgical towers on it, an emergency building, a multistorey car park and a one-way drop-off
 * loop from the street in front.
 */
export function layoutHospital(block: Block, ctx: LayoutContext): void {
  const r = block.rect;
  const road = block.sides.south.road as RoadSpec;
  const cx = (r.minX + r.maxX) / 2;
  const at = (u: number, v: number): Vec => [cx + u, r.minY + v];
  const name = n('徐州市新城区医院', 'Xuzhou Xincheng District Hospital');
  const address = ctx.address(at(0, 0), road);

  // 落客通道: in from 元和路, past the outpatient entrance, back out 60 m further east.
  ctx.addRoad({
    name: n('新城区医院落客通道', 'Xincheng District Hospital Drop-off Lane'),
    class: 'service',
    lanes: 1,
    widthM: 5,
    speedLimitKmh: 10,
    oneway: true,
    points: [
      [cx - 30, block.sides.south.line],
      [cx - 30, r.minY + 28],
      [cx + 30, r.minY + 28],
      [cx + 30, block.sides.south.line],
    ],
  });

  const podiumH = storeysHeight(4, STOREY_M.podium);
  const inpatientH = round(podiumH + 18 * STOREY_M.hospital, 1);
  const surgicalH = round(podiumH + 10 * STOREY_M.hospital, 1);
  ctx.addLandmark({
    polygons: [
      placePolygon(boxShape(170, 80), at(0, 85), 0),
      orientPolygon([rectRing(cx - 50, r.minY + 93, cx + 30, r.minY + 117)]),
      orientPolygon([rectRing(cx + 45, r.minY + 55, cx + 80, r.minY + 80)]),
    ],
    parts: [
      { minHeightM: 0, heightM: podiumH },
      { minHeightM: podiumH, heightM: inpatientH },
      { minHeightM: podiumH, heightM: surgicalH },
    ],
    use: 'hospital',
    heightM: inpatientH,
    floors: 22,
    yearBuilt: 2015,
    name,
    address,
  });
  const wing = (polygon: Polygon, floors: number, storey: number, zh: string, en: string, use: 'hospital' | 'transport' = 'hospital'): boolean =>
    ctx.addBuilding({ polygons: [polygon], use, heightM: storeysHeight(floors, storey), floors, yearBuilt: 2015, name: n(zh, en), address });
  wing(placePolygon(boxShape(50, 32), at(-130, 70), 0), 3, STOREY_M.podium, '新城区医院急诊楼', 'Xincheng District Hospital Emergency Building');
  const garage = placePolygon(boxShape(60, 40), at(140, 70), 0);
  if (wing(garage, 5, 3.2, '新城区医院立体停车楼', 'Xincheng District Hospital Car Park Building', 'transport')) {
    ctx.addParking({ name: n('新城区医院立体停车楼', 'Xincheng District Hospital Car Park Building'), kind: 'multistorey', capacity: 400, polygon: garage });
  }
  wing(placePolygon(boxShape(45, 16), at(-160, 300), 0), 3, STOREY_M.hospital, '新城区医院感染楼', 'Xincheng District Hospital Infectious Diseases Building');
  wing(placePolygon(lShape(70, 50, 18, 18), at(150, 280), 0), 6, STOREY_M.office, '新城区医院行政科研楼', 'Xincheng District Hospital Administration and Research Building');
  wing(placePolygon(boxShape(64, 16), at(-60, 245), 0), 8, 3.6, '新城区医院康复楼', 'Xincheng District Hospital Rehabilitation Building');
  const garden = orientPolygon([rectRing(cx + 10, r.minY + 160, cx + 110, r.minY + 230)]);
  ctx.addGreen({ kind: 'garden', name: n('新城区医院康复花园', 'Xincheng District Hospital Healing Garden'), polygons: [garden] });
  ctx.addParking({ name: n('新城区医院停车场', 'Xincheng District Hospital Car Park'), kind: 'surface', capacity: 150, polygon: orientPolygon([rectRing(cx - 200, r.minY + 130, cx - 110, r.minY + 200)]) });
}
