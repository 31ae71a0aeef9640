import type { Position } from 'geojson';
import { ADMINISTRATIVE_CENTRE, PILOT_AREA_BOUNDS, PILOT_AREA_HALF_SIDE_METRES } from '@pengcheng/protocol';
import type { Vec } from './planarGeometry.js';

// Degrees per metre taken from the pilot bounds themselves, so x = ±2000 m lands exactly on them.
const LON_PER_METRE = (PILOT_AREA_BOUNDS.east - ADMINISTRATIVE_CENTRE.longitude) / PILOT_AREA_HALF_SIDE_METRES;
const LAT_PER_METRE = (PILOT_AREA_BOUNDS.north - ADMINISTRATIVE_CENTRE.latitude) / PILOT_AREA_HALF_SIDE_METRES;

/** 7 decimals of a degree is about 1 cm: finer than any survey, coarse enough to keep files small. */
const roundDegrees = (value: number): number => Math.round(value * 1e7) / 1e7;

/** Local east/north metres around the administrative centre to rounded WGS84 [lon, lat]. */
export function toLonLat(p: Vec): Position {
  return [roundDegrees(ADMINISTRATIVE_CENTRE.longitude + p[0] * LON_PER_METRE), roundDegrees(ADMINISTRATIVE_CENTRE.latitude + p[1] * LAT_PER_METRE)];
}

export function fromLonLat(position: Position): Vec {
  const [lon = 0, lat = 0] = position;
  return [(lon - ADMINISTRATIVE_CENTRE.longitude) / LON_PER_METRE, (lat - ADMINISTRATIVE_CENTRE.latitude) / LAT_PER_METRE];
}
