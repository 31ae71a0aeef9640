import type { LonLat } from '../polyline.js';
import { linksNear, sensorsNear } from './nearest.js';
import { envelope, thresholdOf, type ScenarioContext, type ScenarioScript } from './scenarioScript.js';

const DURATION_MS = 45 * 60_000;

/**
 * A water-main burst (供水爆管) at an asset: the nearest main's pressure collapses and its flow
 * jumps as water pours out, pressure sags around it, water runs into the nearest dip past its
 * alarm depth; crews close the valves at half time and the main recovers; the street is closed
 * to one lane; passers-by call in the water.
 */
export function waterMainBurst(ctx: ScenarioContext): ScenarioScript {
  const gauges = ctx.sensors.filter((s) => s.kind === 'pipe_pressure');
  const assetId = ctx.assetId ?? ctx.random.pick(gauges.length > 0 ? gauges : ctx.sensors).asset.id;
  const place = ctx.positionOf(assetId) as LonLat;
  const pressureDrop = new Map<string, number>();
  sensorsNear(ctx.sensors, 'pipe_pressure', place).forEach(({ sensor, distanceM: d }, i) => {
    if (i === 0) pressureDrop.set(sensor.id, 0.8);
    else if (d < 1500) pressureDrop.set(sensor.id, 0.35 * Math.exp(-d / 500));
  });
  const meter = sensorsNear(ctx.sensors, 'pipe_flow', place)[0]?.sensor;
  const diameterMm = (meter && ctx.district.pipeSegments.get(meter.asset.id)?.diameterMm) ?? 600;
  // Water pouring out at 2.6 m/s over the main's section, on top of what the district draws.
  const outflow = Math.PI * (diameterMm / 2000) ** 2 * 2.6 * 3600;
  const dip = sensorsNear(ctx.sensors, 'water_level', place)[0]?.sensor;
  const pooled = dip ? (thresholdOf(dip, 'depth', 'alarm') ?? 40) + 8 : 0;

  const closed = linksNear(ctx.district.roadEdges, place, 200);
  const burst = (e: number): number => envelope(e / DURATION_MS, 0, 0.03, 0.5, 0.65);
  const water = (e: number): number => envelope(e / DURATION_MS, 0.05, 0.35, 0.55, 0.95);

  return {
    assetId,
    durationMs: DURATION_MS,
    sensorIds: new Set([...pressureDrop.keys(), ...(meter ? [meter.id] : []), ...(dip ? [dip.id] : [])]),
    adjust(sensor, values, e) {
      const drop = pressureDrop.get(sensor.id);
      if (drop !== undefined) values['pressure'] = (values['pressure'] ?? 0) * (1 - drop * burst(e));
      if (sensor.id === meter?.id) values['flow'] = (values['flow'] ?? 0) + outflow * burst(e);
      if (sensor.id === dip?.id) values['depth'] = (values['depth'] ?? 0) + pooled * water(e);
    },
    rain: () => 0,
    linkSpeed(link, e) {
      return burst(e) > 0 && closed.has(link.id) ? 0.3 : 1;
    },
    hotline(e) {
      const f = e / DURATION_MS;
      if (f < 0.03 || f > 0.4) return undefined;
      return { perHour: 10, category: 'water_main_burst', severity: 'high', place, title: '{address}附近路面大量冒水', assetId };
    },
  };
}
