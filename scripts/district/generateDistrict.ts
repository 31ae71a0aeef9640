import { buildGreenBelts } from './buildGreenBelts.js';
import { buildPipeNetworks, type UtilityTunnelPlan } from './buildPipeNetworks.js';
import { buildRoadNetwork } from './buildRoadNetwork.js';
import { buildRoadSurfaces } from './buildRoadSurfaces.js';
import { buildUtilityTunnel } from './buildUtilityTunnel.js';
import { createRandom } from './createRandom.js';
import type { DistrictFiles } from './districtFiles.js';
import { layoutDistrict } from './layoutDistrict.js';
import { placeLowPoints } from './placeLowPoints.js';
import { placeStreetFurniture } from './placeStreetFurniture.js';
import { toDistrictFiles } from './toDistrictFiles.js';

/** Xuzhou's administrative division code (320300), as good a seed as any and easy to remember. */
export const DEFAULT_SEED = 320300;

/** The bridges' length over the canal: 40 m of water and an abutment on each bank. */
const BRIDGE_HALF_SPAN_M = 32;

export interface GenerateOptions {
  readonly seed: number;
}

/**
 * The whole synthetic district for one seed, as GeoJSON feature collections ready to write.
 * Pure: the same seed gives the same collections, byte for byte once serialised.
 */
export function generateDistrict(options: GenerateOptions): DistrictFiles {
  const random = createRandom(options.seed);
  const { layout, grid, water } = layoutDistrict(random.fork('layout'));
  const network = buildRoadNetwork(layout.roads, { centre: water.canalCentre, halfSpanM: BRIDGE_HALF_SPAN_M, name: water.canalName }, random.fork('roads'));
  // The tunnel runs from 汉源大道 (x = -1250) to 彭城大道 (x = 750): 2 km through the centre.
  const tunnelPlan: UtilityTunnelPlan = { road: grid.kunlun, fromX: -1250, toX: 750, builtYear: 2016 };
  const citizenSquare = layout.squares.find((s) => s.name.zh === '市民广场');
  if (!citizenSquare) throw new Error('the plan has no citizen square');
  const { poles, cameras } = placeStreetFurniture(network, citizenSquare, random.fork('furniture'));
  return toDistrictFiles({
    buildings: layout.buildings,
    network,
    surfaces: buildRoadSurfaces(network.edges),
    water: layout.water,
    greens: [...layout.greens, ...buildGreenBelts(network)],
    squares: layout.squares,
    pipes: buildPipeNetworks(network, tunnelPlan, random.fork('pipes')),
    tunnel: buildUtilityTunnel(tunnelPlan),
    poles,
    cameras,
    parking: layout.parking,
    lowPoints: placeLowPoints(network, water, random.fork('low-points')),
  });
}
