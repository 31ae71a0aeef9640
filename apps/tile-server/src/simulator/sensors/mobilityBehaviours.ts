import { laneCapacityVehH } from '../traffic/linkCongestion.js';
import { parkingOccupancy, type ParkingUse } from '../dailyRhythms.js';
import type { BehaviourFactory } from './sensorEnvironment.js';

/** Who parks where, from the car park's name: offices and public buildings, homes, or visitors. */
function parkingUse(name: string): ParkingUse {
  if (/行政|政务|机关|公安|指挥|交易|数据|办公|写字|总部/.test(name)) return 'office';
  if (/商|购物|酒店|广场|剧|馆|体育|医院|公园|市民/.test(name)) return 'visitor';
  return 'home';
}

/** Spaces taken and free, from the hour's occupancy of its kind of car park. */
export const parking: BehaviourFactory = (sensor, random, district) => {
  const capacity = district.parkingLots.get(sensor.asset.id)?.capacity ?? 100;
  const use = parkingUse(sensor.name.zh);
  const popularity = random.range(0.8, 1.02);
  return (env) => {
    const share = Math.min(1, Math.max(0, parkingOccupancy(use, env.local.hour, env.local.weekend) * popularity + random.normal(0.015)));
    const occupied = Math.round(capacity * share);
    return { occupied, free: capacity - occupied };
  };
};

/** A detector counts what the traffic model drives over its link; its radar reads speed with some scatter. */
export const trafficDetector: BehaviourFactory = (sensor, random, district) => {
  const edge = district.roadEdges.find((e) => e.props.id === sensor.asset.id)?.props;
  const lanes = edge?.lanes ?? 4;
  const limit = edge?.speedLimitKmh ?? 60;
  return (env) => {
    const state = env.link(sensor.asset.id);
    // Without simulated vehicles the detector still sees the hour's traffic.
    const intensity = state ? state.flowVehH : env.traffic * lanes * laneCapacityVehH(limit) * 0.4;
    const speed = Math.max(0, (state ? state.speedKmh : limit * 0.9) + random.normal(1.5));
    const perLaneKm = intensity / lanes / Math.max(speed, 3);
    return { intensity: Math.round(intensity * (1 + random.normal(0.03))), speed, occupancy: Math.min(100, perLaneKm * 0.55) };
  };
};
