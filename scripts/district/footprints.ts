import { orientPolygon, rectRing, type Polygon, type Vec } from './planarGeometry.js';

/**
 * Building footprints centred on the origin, the long side along x, the front facing -y
 * (south, once placed unrotated). Every shape comes back in RFC 7946 winding.
 */

export function boxShape(width: number, depth: number): Polygon {
  return orientPolygon([rectRing(-width / 2, -depth / 2, width / 2, depth / 2)]);
}

/**
 * A slab of `jogs.length` units side by side, each unit pushed north or south by its jog: the
 * staggered front of a Chinese residential slab (错落), one stair core per unit.
 */
export function steppedSlabShape(unitWidth: number, depth: number, jogs: readonly number[]): Polygon {
  const width = unitWidth * jogs.length;
  const x = (i: number): number => -width / 2 + i * unitWidth;
  const ring: Vec[] = [];
  jogs.forEach((jog, i) => ring.push([x(i), -depth / 2 + jog], [x(i + 1), -depth / 2 + jog]));
  for (let i = jogs.length - 1; i >= 0; i--) {
    const jog = jogs[i] as number;
    ring.push([x(i + 1), depth / 2 + jog], [x(i), depth / 2 + jog]);
  }
  return orientPolygon([dropCollinear(ring)]);
}

/** A point tower: a square plan with its four corners notched for corner windows. */
export function pointTowerShape(width: number, depth: number, notch: number): Polygon {
  const w = width / 2;
  const d = depth / 2;
  const n = Math.min(notch, w / 3, d / 3);
  return orientPolygon([
    [
      [-w + n, -d],
      [w - n, -d],
      [w - n, -d + n],
      [w, -d + n],
      [w, d - n],
      [w - n, d - n],
      [w - n, d],
      [-w + n, d],
      [-w + n, d - n],
      [-w, d - n],
      [-w, -d + n],
      [-w + n, -d + n],
    ],
  ]);
}

/** An L: a bar along the south side and an arm up the west side. */
export function lShape(width: number, depth: number, armWidth: number, barDepth: number): Polygon {
  const w = width / 2;
  const d = depth / 2;
  return orientPolygon([
    [
      [-w, -d],
      [w, -d],
      [w, -d + barDepth],
      [-w + armWidth, -d + barDepth],
      [-w + armWidth, d],
      [-w, d],
    ],
  ]);
}

/** A U open to the north: a bar along the south side and two wings. */
export function uShape(width: number, depth: number, wingWidth: number, barDepth: number): Polygon {
  const w = width / 2;
  const d = depth / 2;
  return orientPolygon([
    [
      [-w, -d],
      [w, -d],
      [w, d],
      [w - wingWidth, d],
      [w - wingWidth, -d + barDepth],
      [-w + wingWidth, -d + barDepth],
      [-w + wingWidth, d],
      [-w, d],
    ],
  ]);
}

/** A closed courtyard block (合院): a rectangle with a rectangular hole. */
export function courtyardShape(width: number, depth: number, ringWidth: number): Polygon {
  const w = width / 2;
  const d = depth / 2;
  return orientPolygon([rectRing(-w, -d, w, d), rectRing(-w + ringWidth, -d + ringWidth, w - ringWidth, d - ringWidth)]);
}

/** A rectangle with rounded corners; radius = half the depth gives a running-track outline. */
export function roundedRectShape(width: number, depth: number, radius: number, arcSegments = 8): Polygon {
  return orientPolygon([roundedRectRing(width, depth, radius, arcSegments)]);
}

export function ellipseShape(rx: number, ry: number, segments = 48): Polygon {
  return orientPolygon([ellipseRing(rx, ry, segments)]);
}

/** An oval ring, e.g. the stands of a stadium around its pitch. */
export function ellipseRingShape(rx: number, ry: number, thickness: number, segments = 48): Polygon {
  return orientPolygon([ellipseRing(rx, ry, segments), ellipseRing(rx - thickness, ry - thickness, segments)]);
}

function ellipseRing(rx: number, ry: number, segments: number): Vec[] {
  const ring: Vec[] = [];
  for (let i = 0; i < segments; i++) {
    const a = (2 * Math.PI * i) / segments;
    ring.push([rx * Math.cos(a), ry * Math.sin(a)]);
  }
  return ring;
}

function roundedRectRing(width: number, depth: number, radius: number, arcSegments: number): Vec[] {
  const r = Math.min(radius, width / 2, depth / 2);
  const w = width / 2 - r;
  const d = depth / 2 - r;
  const corners: readonly [Vec, number][] = [
    [[w, -d], -Math.PI / 2],
    [[w, d], 0],
    [[-w, d], Math.PI / 2],
    [[-w, -d], Math.PI],
  ];
  const ring: Vec[] = [];
  for (const [[cx, cy], start] of corners) {
    for (let i = 0; i <= arcSegments; i++) {
      const a = start + (Math.PI / 2) * (i / arcSegments);
      ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
  }
  return dropCollinear(ring);
}

/** Drops repeated vertices and vertices on a straight line between their neighbours. */
function dropCollinear(ring: readonly Vec[]): Vec[] {
  const out: Vec[] = [];
  for (let i = 0; i < ring.length; i++) {
    const prev = out.length > 0 ? (out[out.length - 1] as Vec) : (ring[ring.length - 1] as Vec);
    const here = ring[i] as Vec;
    const next = ring[(i + 1) % ring.length] as Vec;
    if (Math.hypot(here[0] - prev[0], here[1] - prev[1]) < 1e-6) continue;
    const c = (here[0] - prev[0]) * (next[1] - here[1]) - (here[1] - prev[1]) * (next[0] - here[0]);
    if (Math.abs(c) < 1e-9) continue;
    out.push(here);
  }
  return out;
}
