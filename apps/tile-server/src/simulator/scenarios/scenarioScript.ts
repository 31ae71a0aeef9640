import type { IncidentCategory, IncidentSeverity, Sensor } from '@pengcheng/protocol';
import type { LonLat } from '../polyline.js';
import type { SimDistrict } from '../simDistrict.js';
import type { SimRandom } from '../simRandom.js';
import type { RoadLink } from '../traffic/roadGraph.js';

/** Citizens calling the hotline about a drill's events: how often, what about, where. */
export interface HotlineCue {
  readonly perHour: number;
  readonly category: IncidentCategory;
  readonly severity: IncidentSeverity;
  readonly place: LonLat;
  /** What the caller says, with `{address}` for the nearest address. */
  readonly title: string;
  readonly assetId: string;
}

/** One drill as it plays out: what it does to sensors, the weather, the roads and the hotline. */
export interface ScenarioScript {
  readonly assetId: string;
  readonly durationMs: number;
  /** The sensors it acts on: they report fast and never fault while it runs. */
  readonly sensorIds: ReadonlySet<string>;
  /** Changes a reading of one of its sensors, `elapsedMs` into the run. */
  adjust(sensor: Sensor, values: Record<string, number>, elapsedMs: number): void;
  /** Rain intensity, 0 to 1. */
  rain(elapsedMs: number): number;
  /** A factor on a link's free-flow speed. */
  linkSpeed(link: RoadLink, elapsedMs: number): number;
  hotline(elapsedMs: number): HotlineCue | undefined;
}

export interface ScenarioContext {
  readonly sensors: readonly Sensor[];
  readonly district: SimDistrict;
  readonly random: SimRandom;
  /** The asset the drill was asked to start at (known to exist), if any. */
  readonly assetId: string | undefined;
  readonly positionOf: (assetId: string) => LonLat | undefined;
}

/** 0 before `start`, a smooth rise to 1 at `peak`, 1 until `hold`, a smooth fall to 0 at `end` (fractions of the run). */
export function envelope(fraction: number, start: number, peak: number, hold: number, end: number): number {
  const smooth = (x: number): number => {
    const t = Math.min(1, Math.max(0, x));
    return t * t * (3 - 2 * t);
  };
  if (fraction <= start || fraction >= end) return 0;
  if (fraction < peak) return smooth((fraction - start) / (peak - start));
  if (fraction <= hold) return 1;
  return 1 - smooth((fraction - hold) / (end - hold));
}

/** The level a sensor's threshold sets for a quantity, at `level`. */
export function thresholdOf(sensor: Sensor, quantity: string, level: 'warning' | 'alarm'): number | undefined {
  return sensor.thresholds.find((t) => t.quantity === quantity)?.[level];
}
