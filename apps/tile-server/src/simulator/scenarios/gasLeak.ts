import type { LonLat } from '../polyline.js';
import { linksNear, sensorsNear } from './nearest.js';
import { envelope, type ScenarioContext, type ScenarioScript } from './scenarioScript.js';

const DURATION_MS = 30 * 60_000;
/** How far gas spreads through the soil and the wells: detectors within this reach it. */
const REACH_M = 300;

/**
 * A gas leak (燃气泄漏) at an asset: methane builds in the nearest well past the 50 %LEL alarm,
 * less in the wells around it; after 18 minutes the valve is shut and the gas clears; the street
 * beside it is cordoned off; passers-by call in the smell.
 */
export function gasLeak(ctx: ScenarioContext): ScenarioScript {
  const valves = ctx.sensors.filter((s) => s.kind === 'gas_concentration' && ctx.district.pipeNodes.get(s.asset.id)?.kind === 'valve');
  const assetId = ctx.assetId ?? ctx.random.pick(valves.length > 0 ? valves : ctx.sensors).asset.id;
  const place = ctx.positionOf(assetId) as LonLat;
  const peak = new Map<string, { readonly quantity: string; readonly value: number }>();
  const detectors = sensorsNear(ctx.sensors, 'gas_concentration', place);
  const nearest = detectors[0];
  if (nearest) peak.set(nearest.sensor.id, { quantity: 'ch4', value: ctx.random.range(68, 85) });
  for (const { sensor, distanceM: d } of detectors.slice(1)) {
    if (d > REACH_M) break;
    peak.set(sensor.id, { quantity: 'ch4', value: 75 * Math.exp(-d / 120) });
  }
  for (const { sensor, distanceM: d } of sensorsNear(ctx.sensors, 'manhole_cover', place)) {
    if (d > REACH_M) break;
    peak.set(sensor.id, { quantity: 'gas', value: 75 * Math.exp(-d / 120) });
  }
  const cordon = linksNear(ctx.district.roadEdges, place, 150);
  const gas = (e: number): number => envelope(e / DURATION_MS, 0, 0.35, 0.6, 0.9);

  return {
    assetId,
    durationMs: DURATION_MS,
    sensorIds: new Set(peak.keys()),
    adjust(sensor, values, e) {
      const p = peak.get(sensor.id);
      if (p) values[p.quantity] = (values[p.quantity] ?? 0) + p.value * gas(e);
    },
    rain: () => 0,
    linkSpeed(link, e) {
      const f = e / DURATION_MS;
      return f > 0.15 && f < 0.9 && cordon.has(link.id) ? 0.5 : 1;
    },
    hotline(e) {
      const f = e / DURATION_MS;
      if (f < 0.05 || f > 0.4) return undefined;
      return { perHour: 8, category: 'gas_leak', severity: 'high', place, title: '{address}附近闻到很重的燃气味', assetId };
    },
  };
}
