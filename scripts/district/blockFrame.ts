import { add, rotate, type Box, type Polygon, type Vec, placePolygon, rectRing, orientPolygon } from './planarGeometry.js';
import type { Side } from './planStreetGrid.js';

/**
 * A block seen from one of its sides: u runs along that side (left to right when facing into
 * the block), v runs from that side into the block. Layouts that face a street are written
 * once in this frame and work on whichever side the street is.
 */
export interface BlockFrame {
  readonly origin: Vec;
  readonly angle: number;
  /** Length of the side (the u extent is -along/2 … along/2). */
  readonly along: number;
  /** Depth of the block behind that side (the v extent is 0 … depth). */
  readonly depth: number;
}

const SIDE_ANGLE: Readonly<Record<Side, number>> = { south: 0, east: Math.PI / 2, north: Math.PI, west: -Math.PI / 2 };

export function blockFrame(rect: Box, side: Side): BlockFrame {
  const cx = (rect.minX + rect.maxX) / 2;
  const cy = (rect.minY + rect.maxY) / 2;
  const w = rect.maxX - rect.minX;
  const h = rect.maxY - rect.minY;
  switch (side) {
    case 'south':
      return { origin: [cx, rect.minY], angle: SIDE_ANGLE.south, along: w, depth: h };
    case 'north':
      return { origin: [cx, rect.maxY], angle: SIDE_ANGLE.north, along: w, depth: h };
    case 'east':
      return { origin: [rect.maxX, cy], angle: SIDE_ANGLE.east, along: h, depth: w };
    case 'west':
      return { origin: [rect.minX, cy], angle: SIDE_ANGLE.west, along: h, depth: w };
  }
}

export function toWorld(frame: BlockFrame, p: Vec): Vec {
  return add(frame.origin, rotate(p, frame.angle));
}

/** A footprint (origin-centred, front to -v) placed at frame point `centre`, turned by `angle` more. */
export function placeInFrame(frame: BlockFrame, shape: Polygon, centre: Vec, angle = 0): Polygon {
  return placePolygon(shape, toWorld(frame, centre), frame.angle + angle);
}

/** The frame rectangle u0…u1 × v0…v1 as a world polygon. */
export function frameRect(frame: BlockFrame, u0: number, v0: number, u1: number, v1: number): Polygon {
  return orientPolygon([rectRing(u0, v0, u1, v1).map((p) => toWorld(frame, p))]);
}
