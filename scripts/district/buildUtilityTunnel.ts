import type { LocalizedName } from '@pengcheng/protocol';
import { pipeOffsetM, referenceSide, TUNNEL_NETWORKS, type UtilityTunnelPlan } from './buildPipeNetworks.js';
import { offsetPolyline, type Vec } from './planarGeometry.js';

export interface UtilityTunnel {
  readonly name: LocalizedName;
  readonly points: readonly Vec[];
  readonly widthM: number;
  readonly heightM: number;
  readonly depthM: number;
}

/**
 * The smart utility tunnel (智慧管廊) under Kunlun Avenue, which runs straight west to east:
 * one line along the middle of the bundle of networks it carries, from `fromX` to `toX`, wide
 * enough for their racks and a walkway; `depthM` is the depth of its centre line.
 */
export function buildUtilityTunnel(plan: UtilityTunnelPlan): UtilityTunnel {
  const offsets = TUNNEL_NETWORKS.map((net) => pipeOffsetM(net, plan.road.class, plan.road.widthM));
  const centre = (Math.min(...offsets) + Math.max(...offsets)) / 2;
  const spread = Math.max(...offsets) - Math.min(...offsets);
  const [start] = offsetPolyline(plan.road.points, referenceSide(plan.road.points) * centre);
  const y = (start as Vec)[1];
  return {
    name: { zh: '昆仑大道综合管廊', en: 'Kunlun Avenue Utility Tunnel' },
    points: [
      [plan.fromX, y],
      [plan.toX, y],
    ],
    widthM: Math.ceil(spread + 3),
    heightM: 4.2,
    depthM: 4.5,
  };
}
