import { ADMINISTRATIVE_CENTRE, type DistrictPlace, type LocalizedName } from '@pengcheng/protocol';
import type { OrbitView } from '../camera/initialView.js';

/** One stop of the attract tour: a place and the view of it. */
export interface TourStop {
  readonly id: string;
  readonly name: LocalizedName;
  readonly view: OrbitView;
}

/**
 * The order a guide would show the district's kinds of place in: the government district
 * itself, its culture, the lake, the squares… One place per kind, so ten stops show ten sides
 * of the district rather than ten office towers.
 */
export const TOUR_CATEGORIES = ['government', 'cultural', 'lake', 'square', 'sports', 'mixed', 'hospital', 'office', 'bridge', 'hotel', 'school', 'commercial', 'canal', 'pond'] as const;

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** East/north metres of a place from the administrative centre. */
function offsetM(place: Pick<DistrictPlace, 'longitude' | 'latitude'>): [number, number] {
  return [
    (place.longitude - ADMINISTRATIVE_CENTRE.longitude) * RAD * EARTH_RADIUS_M * Math.cos(ADMINISTRATIVE_CENTRE.latitude * RAD),
    (place.latitude - ADMINISTRATIVE_CENTRE.latitude) * RAD * EARTH_RADIUS_M,
  ];
}

/** Compass bearing of a place from the centre, 0–360° clockwise from north. */
function bearingDeg(place: DistrictPlace): number {
  const [east, north] = offsetM(place);
  return ((Math.atan2(east, north) / RAD) % 360 + 360) % 360;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** How far back to stand to see a place whole: taller and wider places need more room. */
function viewOf(place: DistrictPlace, headingDegrees: number, rangeScale: number): OrbitView {
  const building = place.kind === 'building' || place.kind === 'bridge';
  const rangeMetres = building ? clamp(place.heightM * 3 + place.radiusM * 2, 350, 1500) : clamp(place.radiusM * 2.2, 350, 3500);
  return {
    longitude: place.longitude,
    latitude: place.latitude,
    height: building ? place.heightM / 2 : 0,
    headingDegrees,
    pitchDegrees: building ? -28 : -42,
    rangeMetres: Math.round(rangeMetres * rangeScale),
  };
}

/** More prominent first: the tallest building, the biggest square, the lake before the pond. */
const prominence = (place: DistrictPlace): number => place.heightM * 10 + place.radiusM;

/**
 * The tour: the place nearest the administrative centre first, then one place of each kind in
 * {@link TOUR_CATEGORIES} order up to `maxStops`, visited clockwise around the centre so the
 * flights between them stay short. Seen from the centre's side, looking outwards. `rangeScale`
 * stands the camera further back on a narrow (portrait) screen, which sees less across.
 */
export function planTour(places: readonly DistrictPlace[], maxStops = 10, rangeScale = 1): TourStop[] {
  if (places.length === 0 || maxStops < 1) return [];
  const distance = (p: DistrictPlace): number => Math.hypot(...offsetM(p));
  const first = [...places].sort((a, b) => distance(a) - distance(b) || a.id.localeCompare(b.id))[0] as DistrictPlace;
  const chosen: DistrictPlace[] = [];
  for (const category of TOUR_CATEGORIES) {
    if (chosen.length >= maxStops - 1) break;
    const best = places
      .filter((p) => p.category === category && p.id !== first.id && !chosen.some((c) => c.id === p.id))
      .sort((a, b) => prominence(b) - prominence(a) || a.id.localeCompare(b.id))[0];
    if (best) chosen.push(best);
  }
  chosen.sort((a, b) => bearingDeg(a) - bearingDeg(b) || a.id.localeCompare(b.id));
  const scale = Number.isFinite(rangeScale) && rangeScale > 0 ? rangeScale : 1;
  const stop = (place: DistrictPlace, heading: number): TourStop => ({ id: place.id, name: place.name, view: viewOf(place, heading, scale) });
  return [stop(first, 0), ...chosen.map((p) => stop(p, Math.round(bearingDeg(p))))];
}
