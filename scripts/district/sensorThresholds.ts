import type { Threshold } from '@pengcheng/protocol';

/**
 * Alarm levels of the district's sensors, from the Chinese standard or practice behind each where
 * there is one. `warning` is the standard's limit, `alarm` the level at which a duty officer acts.
 */

const above = (quantity: string, warning: number | undefined, alarm: number | undefined, hysteresis: number): Threshold => ({
  quantity,
  direction: 'above',
  ...(warning === undefined ? {} : { warning }),
  ...(alarm === undefined ? {} : { alarm }),
  hysteresis,
});
const below = (quantity: string, warning: number, alarm: number, hysteresis: number): Threshold => ({ quantity, direction: 'below', warning, alarm, hysteresis });

/**
 * Ambient air: GB 3095-2012 class 2 limits (PM 24-hour, gases 1-hour) as the warning; the alarm
 * where HJ 633-2012 puts an individual AQI of 200 (重度污染 begins).
 */
export const AIR_QUALITY_THRESHOLDS: readonly Threshold[] = [
  above('pm25', 75, 150, 5),
  above('pm10', 150, 350, 10),
  above('no2', 200, 1200, 10),
  above('o3', 200, 400, 10),
  above('so2', 500, undefined, 20),
  above('co', 10, undefined, 0.5),
  above('aqi', 100, 200, 5),
];

/** GB 3096-2008 acoustic environment function areas (声环境功能区). */
export type NoiseAreaClass = '1' | '2' | '3' | '4a';
/** Daytime limits, dB(A); a static threshold cannot follow the lower night limit, so it uses the day's. */
const NOISE_DAY_LIMIT: Readonly<Record<NoiseAreaClass, number>> = { '1': 55, '2': 60, '3': 65, '4a': 70 };

/** The area class's daytime limit is the warning; 10 dB(A) over it (a tenfold sound power) the alarm. */
export function noiseThresholds(areaClass: NoiseAreaClass): Threshold[] {
  const limit = NOISE_DAY_LIMIT[areaClass];
  return [above('laeq', limit, limit + 10, 2)];
}

/**
 * Waterlogging (内涝): the low point's own warning depth, and 20 cm more for the alarm, the depth
 * at which water reaches a car's exhaust and the road is closed.
 */
export function waterLevelThresholds(warningDepthCm: number): Threshold[] {
  return [above('depth', warningDepthCm, warningDepthCm + 20, 3)];
}

/**
 * Combustible gas as a share of the lower explosive limit: 20 %LEL warning and 50 %LEL alarm, the
 * practice of 《城镇燃气设施运行、维护和抢修安全技术规程》 (CJJ 51) for gas detected in wells.
 */
export const GAS_THRESHOLDS: readonly Threshold[] = [above('ch4', 20, 50, 5)];

/** A smart manhole cover: tilt beyond 5° (lifted or displaced) and 15° (open); gas in the well as above. */
export const MANHOLE_COVER_THRESHOLDS: readonly Threshold[] = [above('tilt', 5, 15, 1), above('gas', 20, 50, 5)];

/**
 * Water-supply pressure: mains here run at about 0.35 MPa; 0.20 MPa warns, and 0.14 MPa, the least
 * pressure utility practice keeps at the network's far ends (管网末梢压力), is the alarm.
 */
export const PIPE_PRESSURE_THRESHOLDS: readonly Threshold[] = [below('pressure', 0.2, 0.14, 0.02)];

/** Flow in a main: the flow at 1.6 m/s warns and at 2.2 m/s alarms (design velocities stay under 1.5 m/s). */
export function pipeFlowThresholds(diameterMm: number): Threshold[] {
  const areaM2 = Math.PI * (diameterMm / 2000) ** 2;
  const atVelocity = (ms: number): number => Math.round(areaM2 * ms * 3600);
  return [above('flow', atVelocity(1.6), atVelocity(2.2), Math.round(atVelocity(0.1)))];
}

/**
 * Tap water, GB 5749-2022: turbidity at most 1 NTU (warning at 0.8); free chlorine at the network's
 * ends at least 0.05 mg/L (warning at 0.1); pH within 6.5–8.5 (the alkaline side, where a main's
 * lining leaches).
 */
export const WATER_QUALITY_THRESHOLDS: readonly Threshold[] = [
  above('turbidity', 0.8, 1, 0.1),
  below('chlorine', 0.1, 0.05, 0.02),
  above('ph', undefined, 8.5, 0.1),
];

/**
 * Bridges: no national number applies, each bridge's monitoring plan sets its yellow and red
 * levels from the design; these are of the order used for the canal's short concrete spans.
 */
export const BRIDGE_STRAIN_THRESHOLDS: readonly Threshold[] = [above('strain', 250, 400, 20)];
export const BRIDGE_TILT_THRESHOLDS: readonly Threshold[] = [above('tilt', 0.15, 0.3, 0.02)];

/**
 * Smart-pole environment boxes stand beside the trunk and primary roads: PM2.5 as the stations,
 * noise as area class 4a, and air temperature at the heat warning signals of the China
 * Meteorological Administration (高温黄色 35 °C, 红色 40 °C).
 */
export const SMART_POLE_THRESHOLDS: readonly Threshold[] = [
  above('pm25', 75, 150, 5),
  ...noiseThresholds('4a'),
  above('temperature', 35, 40, 1),
];

/**
 * Traffic detectors: the link's average speed at half (congested, 拥堵) and at 30 % (jammed, 严重拥堵)
 * of its speed limit, the levels of `congestionLevel` in the protocol.
 */
export function trafficDetectorThresholds(speedLimitKmh: number): Threshold[] {
  return [below('speed', Math.round(speedLimitKmh * 0.5), Math.round(speedLimitKmh * 0.3), 3)];
}
