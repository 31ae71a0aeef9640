/**
 * Link speeds from congestion: the BPR function (US Bureau of Public Roads, the form Chinese
 * traffic planning uses too), travel time t = t0 · (1 + α (V/C)^β) with α = 0.15, β = 4.
 */
const BPR_ALPHA = 0.15;
const BPR_BETA = 4;

/** Speed at a volume/capacity ratio, never below a crawl. */
export function bprSpeedKmh(freeFlowKmh: number, volumeToCapacity: number): number {
  return Math.max(3, freeFlowKmh / (1 + BPR_ALPHA * Math.max(0, volumeToCapacity) ** BPR_BETA));
}

/**
 * Basic capacity of one lane, vehicles per hour, by design speed (CJJ 37 城市道路工程设计规范:
 * 1800 at 60 km/h down to 1400 at 20 km/h).
 */
export function laneCapacityVehH(speedLimitKmh: number): number {
  if (speedLimitKmh >= 60) return 1800;
  if (speedLimitKmh >= 50) return 1700;
  if (speedLimitKmh >= 40) return 1650;
  if (speedLimitKmh >= 30) return 1600;
  return 1400;
}
