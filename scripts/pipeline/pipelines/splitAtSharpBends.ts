import type { Vec3 } from '../tiles3d/createEnuFrame.js';
import { elementAt } from '../tiles3d/elementAt.js';
import { vec3 } from './vec3.js';

/** Bends up to this angle are mitred; sharper ones would make long, thin mitre spikes. */
const MAX_MITRE_RAD = (60 * Math.PI) / 180;

/** How far sideways a mitred joint reaches at most, as a multiple of the half-width: 1 / cos(30°). */
export const MITRE_REACH = 1 / Math.cos(MAX_MITRE_RAD / 2);

/**
 * The runs of a line that can be swept with mitred joints: it is cut at a vertex where it turns
 * by more than 60°, or where the mitre (reaching `halfWidth · tan(turn / 2)` along the line)
 * would not fit in half of either neighbouring piece. The cut vertex ends one run and starts the
 * next; the caller closes both ends there (round ends make a ball joint).
 */
export function splitAtSharpBends(points: readonly Vec3[], halfWidth: number): Vec3[][] {
  const runs: Vec3[][] = [];
  let run: Vec3[] = points.slice(0, 1);
  for (let i = 1; i < points.length; i++) {
    const here = elementAt(points, i);
    run.push(here);
    if (i === points.length - 1) break;
    const before = vec3.sub(here, elementAt(points, i - 1));
    const after = vec3.sub(elementAt(points, i + 1), here);
    const turn = Math.acos(Math.min(1, Math.max(-1, vec3.dot(vec3.normalize(before), vec3.normalize(after)))));
    const reach = halfWidth * Math.tan(turn / 2);
    if (turn > MAX_MITRE_RAD || reach > Math.min(vec3.length(before), vec3.length(after)) / 2) {
      runs.push(run);
      run = [here];
    }
  }
  runs.push(run);
  return runs;
}
