import { addTube } from './addTube.js';
import { densifyLine } from './densifyLine.js';
import { networkMaterial } from './networkMaterial.js';
import { pipeDimensions } from './pipeDimensions.js';
import type { PipeFeature } from './PipeFeature.js';
import { pipeMetadata } from './pipeMetadata.js';
import type { PipeSegmentRecord } from './PipeNetworkRecords.js';
import { regionAround } from './regionAround.js';
import { MITRE_REACH } from './splitAtSharpBends.js';

/** A pipe segment as a tube along its line at its depth, coloured by its network. */
export function segmentFeature({ properties, line }: PipeSegmentRecord): PipeFeature {
  const radius = pipeDimensions.radiusM(properties.diameterMm, properties.depthM);
  const region = regionAround(line, MITRE_REACH * radius, -properties.depthM - radius, -properties.depthM + radius);
  const lon = (region.west + region.east) / 2;
  const lat = (region.south + region.north) / 2;
  const points = densifyLine(line, pipeDimensions.maxPieceM);
  return {
    className: 'pipe_segment',
    lon,
    lat,
    region,
    rank: 2 * radius,
    thicknessM: 2 * radius,
    row: pipeMetadata.segmentRow(properties),
    addTo(frame, meshes, featureId) {
      addTube(meshes.meshFor(networkMaterial(properties.network)), featureId, {
        points: points.map(([x, y]) => frame.toEnu(x, y, -properties.depthM)),
        radius,
        sides: pipeDimensions.sides(radius),
        ends: 'round',
        up: frame.upAt(lon, lat),
      });
    },
  };
}
