import type { FeatureMaterial } from '../tiles3d/createFeatureGlb.js';
import { addBoxSection } from './addBoxSection.js';
import { densifyLine } from './densifyLine.js';
import { pipeDimensions } from './pipeDimensions.js';
import type { PipeFeature } from './PipeFeature.js';
import { pipeMetadata } from './pipeMetadata.js';
import type { UtilityTunnelRecord } from './PipeNetworkRecords.js';
import { regionAround } from './regionAround.js';
import { MITRE_REACH } from './splitAtSharpBends.js';

/** Concrete, see-through: the pipes it carries stay visible inside. */
const CONCRETE: FeatureMaterial = { name: 'tunnel-concrete', baseColor: [0.33, 0.33, 0.31], roughness: 0.9, alpha: 0.35 };

/** A utility tunnel as a box section along its line, its centre line at its depth. */
export function tunnelFeature({ properties, line }: UtilityTunnelRecord): PipeFeature {
  const { widthM, heightM, depthM } = properties;
  const region = regionAround(line, (MITRE_REACH * widthM) / 2, -depthM - heightM / 2, -depthM + heightM / 2);
  const lon = (region.west + region.east) / 2;
  const lat = (region.south + region.north) / 2;
  const points = densifyLine(line, pipeDimensions.maxPieceM);
  return {
    className: 'utility_tunnel',
    lon,
    lat,
    region,
    rank: Infinity,
    thicknessM: Math.min(widthM, heightM),
    row: pipeMetadata.tunnelRow(properties),
    addTo(frame, meshes, featureId) {
      addBoxSection(meshes.meshFor(CONCRETE), featureId, {
        points: points.map(([x, y]) => frame.toEnu(x, y, -depthM)),
        width: widthM,
        height: heightM,
        up: frame.upAt(lon, lat),
      });
    },
  };
}
