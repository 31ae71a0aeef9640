import type { Sensor, SensorKind } from '@pengcheng/protocol';
import { distanceM, distanceToLineM, type LonLat } from '../polyline.js';

export interface SensorAt {
  readonly sensor: Sensor;
  readonly distanceM: number;
}

/** Sensors of a kind by their distance from a place, nearest first. */
export function sensorsNear(sensors: readonly Sensor[], kind: SensorKind, place: LonLat): SensorAt[] {
  return sensors
    .filter((s) => s.kind === kind)
    .map((sensor) => ({ sensor, distanceM: distanceM(place, [sensor.position.lon, sensor.position.lat]) }))
    .sort((a, b) => a.distanceM - b.distanceM || (a.sensor.id < b.sensor.id ? -1 : 1));
}

/** Ids of the road links passing within `radiusM` of a place. */
export function linksNear(edges: readonly { readonly line: readonly LonLat[]; readonly props: { readonly id: string } }[], place: LonLat, radiusM: number): Set<string> {
  return new Set(edges.filter((e) => distanceToLineM(place, e.line) <= radiusM).map((e) => e.props.id));
}
