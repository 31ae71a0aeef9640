import type { WorldPath } from './groundScene.js';

/** Where a path is `distance` along from its start, as a segment index and a fraction of it. */
function locate(path: WorldPath, distance: number): { segment: number; t: number } | null {
  let walked = 0;
  for (let i = 0; i + 3 < path.length; i += 2) {
    const length = Math.hypot((path[i + 2] as number) - (path[i] as number), (path[i + 3] as number) - (path[i + 1] as number));
    if (walked + length >= distance && length > 0) return { segment: i / 2, t: (distance - walked) / length };
    walked += length;
  }
  return null;
}

function pathLength(path: WorldPath): number {
  let length = 0;
  for (let i = 0; i + 3 < path.length; i += 2) {
    length += Math.hypot((path[i + 2] as number) - (path[i] as number), (path[i + 3] as number) - (path[i + 1] as number));
  }
  return length;
}

/**
 * The part of a path left after cutting `fromStart` off its start and `fromEnd` off its end
 * (same units as the path); null when nothing is left.
 */
export function trimPath(path: WorldPath, fromStart: number, fromEnd: number): WorldPath | null {
  const keep = pathLength(path) - fromStart - fromEnd;
  if (keep <= 0) return null;
  const start = locate(path, fromStart);
  const end = locate(path, fromStart + keep);
  if (!start || !end) return null;
  const at = (segment: number, t: number, axis: 0 | 1): number => {
    const a = path[2 * segment + axis] as number;
    return a + ((path[2 * segment + 2 + axis] as number) - a) * t;
  };
  const points = [at(start.segment, start.t, 0), at(start.segment, start.t, 1)];
  for (let vertex = start.segment + 1; vertex <= end.segment; vertex++) points.push(path[2 * vertex] as number, path[2 * vertex + 1] as number);
  points.push(at(end.segment, end.t, 0), at(end.segment, end.t, 1));
  return Float64Array.from(points);
}
