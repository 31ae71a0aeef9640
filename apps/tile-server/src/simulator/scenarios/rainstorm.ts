import type { Sensor } from '@pengcheng/protocol';
import type { LonLat } from '../polyline.js';
import { sensorsNear } from './nearest.js';
import { envelope, thresholdOf, type ScenarioContext, type ScenarioScript } from './scenarioScript.js';

const DURATION_MS = 60 * 60_000;

/**
 * A rainstorm (暴雨) centred on an asset: the rain builds for a quarter of an hour and eases after
 * half an hour; the dips fill behind it, every waterlogging point past its alarm depth (deeper
 * nearer the centre), storm-drain covers nearby lift as the drains surcharge; traffic slows
 * everywhere and almost stops through flooded dips; citizens call in the flooded streets.
 */
export function rainstorm(ctx: ScenarioContext): ScenarioScript {
  const lowPoints = ctx.district.lowPoints;
  const assetId = ctx.assetId ?? ctx.random.pick(lowPoints).props.id;
  const centre = ctx.positionOf(assetId) as LonLat;
  const peakDepth = new Map<string, number>();
  for (const { sensor, distanceM: d } of sensorsNear(ctx.sensors, 'water_level', centre)) {
    peakDepth.set(sensor.id, (thresholdOf(sensor, 'depth', 'alarm') ?? 40) + 5 + 15 * Math.exp(-d / 1500) + ctx.random.range(0, 5));
  }
  // Storm-drain covers within 300 m of a dip lift with the water in the drain.
  const lift = new Map<string, number>();
  for (const lp of lowPoints) {
    for (const { sensor, distanceM: d } of sensorsNear(ctx.sensors, 'manhole_cover', lp.point)) {
      if (d > 300) break;
      if (ctx.district.pipeNodes.get(sensor.asset.id)?.network === 'storm_drainage' && !lift.has(sensor.id)) lift.set(sensor.id, ctx.random.range(2, 9));
    }
  }
  const floodedLinks = new Map(lowPoints.map((lp) => [lp.props.roadEdgeId, lp.props.warningDepthCm] as const));
  const rain = (e: number): number => envelope(e / DURATION_MS, 0, 0.2, 0.55, 0.75);
  const water = (e: number): number => envelope(e / DURATION_MS, 0.08, 0.4, 0.7, 1);
  const deepest = Math.max(...peakDepth.values(), 1);

  return {
    assetId,
    durationMs: DURATION_MS,
    sensorIds: new Set([...peakDepth.keys(), ...lift.keys()]),
    adjust(sensor: Sensor, values, e) {
      const depth = peakDepth.get(sensor.id);
      if (depth !== undefined) values['depth'] = (values['depth'] ?? 0) + depth * water(e);
      const tilt = lift.get(sensor.id);
      if (tilt !== undefined) values['tilt'] = (values['tilt'] ?? 0) + tilt * water(e);
    },
    rain,
    linkSpeed(link, e) {
      const warning = floodedLinks.get(link.id);
      const depth = deepest * water(e);
      if (warning !== undefined && depth >= warning + 20) return 0.08;
      if (warning !== undefined && depth >= warning) return 0.25;
      return 1 - 0.3 * rain(e);
    },
    hotline(e) {
      if (water(e) < 0.5) return undefined;
      const lp = lowPoints[Math.floor(e / 60_000) % lowPoints.length] ?? lowPoints[0];
      if (!lp) return undefined;
      return { perHour: 12, category: 'waterlogging', severity: 'medium', place: lp.point, title: `${lp.props.name.zh}积水较深，车辆难以通行`, assetId: lp.props.id };
    },
  };
}
