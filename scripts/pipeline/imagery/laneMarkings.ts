import type { LaneMarking, WorldPath } from './groundScene.js';
import { offsetPath } from './offsetPath.js';
import { trimPath } from './trimPath.js';

/** Widest lane drawn: wider `widthM / lanes` means the width includes medians or verges. */
const MAX_LANE_METRES = 3.75;

/** Paving left beside the motor lanes that makes a non-motor lane (非机动车道) worth its edge line. */
const MIN_NON_MOTOR_M = 2.5;

/** Roads of this many lanes and more get a double yellow centre line, narrower ones a single. */
const DOUBLE_CENTRE_LANES = 4;

/** Half the gap between the two lines of a double centre line. */
const DOUBLE_CENTRE_HALF_GAP_M = 0.15;

export interface LaneLayout {
  readonly widthM: number;
  readonly lanes: number;
  readonly oneway: boolean;
  readonly unitsPerMetre: number;
  /** Metres cut off each end so markings stop short of the junction box. */
  readonly trimStartM: number;
  readonly trimEndM: number;
}

/**
 * The painted lines of a carriageway (GB 5768 style): on a two-way road a yellow centre line
 * between the directions (double on wide roads), and dashed white dividers between lanes of one
 * direction; where the carriageway is wider than its motor lanes, a solid white edge line on each
 * side sets off the non-motor lanes.
 */
export function laneMarkings(path: WorldPath, layout: LaneLayout): LaneMarking[] {
  if (layout.lanes < 1) return [];
  const trimmed = trimPath(path, layout.trimStartM * layout.unitsPerMetre, layout.trimEndM * layout.unitsPerMetre);
  if (!trimmed) return [];
  const laneM = Math.min(MAX_LANE_METRES, layout.widthM / layout.lanes);
  const centreIndex = layout.oneway ? -1 : Math.floor(layout.lanes / 2);
  const markings: LaneMarking[] = [];
  for (let k = 1; k < layout.lanes; k++) {
    const offsetM = (k - layout.lanes / 2) * laneM;
    if (k !== centreIndex) {
      markings.push({ kind: 'divider', path: offsetPath(trimmed, offsetM * layout.unitsPerMetre) });
    } else {
      const lines = layout.lanes >= DOUBLE_CENTRE_LANES ? [-DOUBLE_CENTRE_HALF_GAP_M, DOUBLE_CENTRE_HALF_GAP_M] : [0];
      for (const gapM of lines) markings.push({ kind: 'centre', path: offsetPath(trimmed, (offsetM + gapM) * layout.unitsPerMetre) });
    }
  }
  if ((layout.widthM - layout.lanes * laneM) / 2 >= MIN_NON_MOTOR_M) {
    const edgeM = (layout.lanes * laneM) / 2;
    for (const side of [-edgeM, edgeM]) markings.push({ kind: 'edge', path: offsetPath(trimmed, side * layout.unitsPerMetre) });
  }
  return markings;
}
