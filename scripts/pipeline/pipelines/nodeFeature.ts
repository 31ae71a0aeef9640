import type { PipeNodeProperties } from '@pengcheng/protocol';
import type { FeatureMaterial } from '../tiles3d/createFeatureGlb.js';
import type { EnuFrame, Vec3 } from '../tiles3d/createEnuFrame.js';
import type { LonLatDeg } from '../tiles3d/localMetres.js';
import { unionRegions } from '../tiles3d/unionRegions.js';
import type { GeoRegion } from '../tiles3d/TileNode.js';
import { addBoxSection } from './addBoxSection.js';
import { addTube } from './addTube.js';
import type { MaterialMeshes } from './MaterialMeshes.js';
import { networkMaterial } from './networkMaterial.js';
import type { NodeConnection } from './nodeConnections.js';
import { pipeDimensions } from './pipeDimensions.js';
import type { PipeFeature } from './PipeFeature.js';
import { pipeMetadata } from './pipeMetadata.js';
import type { PipeNodeRecord } from './PipeNetworkRecords.js';
import { regionAround } from './regionAround.js';
import { vec3 } from './vec3.js';

/** Cast-iron manhole covers. */
const LID: FeatureMaterial = { name: 'manhole-lid', baseColor: [0.04, 0.04, 0.045], roughness: 0.5 };

/** A vertical cylinder between two depths (round ends: a capsule, a ball if the depths agree). */
interface Column {
  readonly kind: 'column';
  readonly topDepthM: number;
  readonly bottomDepthM: number;
  readonly radiusM: number;
  readonly ends: 'round' | 'flat';
  readonly material: FeatureMaterial;
}

/** A cube centred at a depth, turned to the pipe it sits on. */
interface Cube {
  readonly kind: 'cube';
  readonly depthM: number;
  readonly sideM: number;
  /** A point along the pipe the cube is turned to (none: east). */
  readonly toward?: LonLatDeg;
  readonly material: FeatureMaterial;
}

type Solid = Column | Cube;

/** A manhole shaft is at least this tall below its cover, whatever its recorded depth. */
const MIN_SHAFT_M = 0.5;

/**
 * The shapes of a node. Pipe depths come from its segments; without any, from its own depth.
 * Shapes wider than the earth above them are pushed down so that nothing reaches the surface.
 */
function solidsOf(properties: PipeNodeProperties, connections: readonly NodeConnection[]): Solid[] {
  const { lid, minCoverM } = pipeDimensions;
  const material = networkMaterial(properties.network);
  const depths = connections.length ? connections.map((c) => c.depthM) : [properties.depthM];
  const [shallowest, deepest] = [Math.min(...depths), Math.max(...depths)];
  const pipeRadius = connections.length ? Math.max(...connections.map((c) => c.radiusM)) : pipeDimensions.minRadiusM;
  const knotRadius = pipeDimensions.knotRadiusM(pipeRadius);
  const knotTop = Math.max(shallowest, knotRadius + minCoverM);
  const knot: Column = { kind: 'column', topDepthM: knotTop, bottomDepthM: Math.max(deepest, knotTop), radiusM: knotRadius, ends: 'round', material };

  if (properties.kind === 'manhole') {
    // The chamber reaches below the pipes (the node's depth is its floor) and up to the cover.
    const floor = Math.max(properties.depthM, lid.bottomDepthM + MIN_SHAFT_M, ...connections.map((c) => c.depthM + c.radiusM));
    return [
      { kind: 'column', topDepthM: lid.bottomDepthM, bottomDepthM: floor, radiusM: pipeDimensions.manholeRadiusM(pipeRadius), ends: 'flat', material },
      { kind: 'column', topDepthM: lid.topDepthM, bottomDepthM: lid.bottomDepthM, radiusM: lid.radiusM, ends: 'flat', material: LID },
    ];
  }
  if (properties.kind === 'valve') {
    const [main] = connections;
    const side = pipeDimensions.valveSideM(pipeRadius);
    const cube: Cube = { kind: 'cube', depthM: Math.max(deepest, side / 2 + minCoverM), sideM: side, ...(main ? { toward: main.toward } : {}), material };
    // A riser joins pipes that arrive at other depths.
    return deepest > shallowest ? [cube, knot] : [cube];
  }
  return [knot];
}

/** Metres of a solid across (its error when left out) and its region. */
function extentOf(solid: Solid, point: LonLatDeg): { widthM: number; region: GeoRegion } {
  if (solid.kind === 'cube') {
    const reach = (solid.sideM * Math.sqrt(3)) / 2;
    return { widthM: solid.sideM, region: regionAround([point], reach, -solid.depthM - reach, -solid.depthM + reach) };
  }
  const round = solid.ends === 'round' ? solid.radiusM : 0;
  return { widthM: 2 * solid.radiusM, region: regionAround([point], solid.radiusM, -solid.bottomDepthM - round, -solid.topDepthM + round) };
}

function addSolid(solid: Solid, point: LonLatDeg, frame: EnuFrame, meshes: MaterialMeshes, featureId: number): void {
  const [lon, lat] = point;
  const up = frame.upAt(lon, lat);
  const mesh = meshes.meshFor(solid.material);
  if (solid.kind === 'column') {
    const top = frame.toEnu(lon, lat, -solid.topDepthM);
    const points = solid.bottomDepthM > solid.topDepthM ? [top, frame.toEnu(lon, lat, -solid.bottomDepthM)] : [top];
    addTube(mesh, featureId, { points, radius: solid.radiusM, sides: pipeDimensions.sides(solid.radiusM), ends: solid.ends, up });
    return;
  }
  const centre = frame.toEnu(lon, lat, -solid.depthM);
  // Level, along the pipe (east without one).
  const toward: Vec3 = solid.toward ? vec3.reject(vec3.sub(frame.toEnu(solid.toward[0], solid.toward[1], -solid.depthM), centre), up) : [0, 0, 0];
  const along = vec3.normalize(vec3.length(toward) > 1e-6 ? toward : vec3.reject([1, 0, 0], up));
  const half = solid.sideM / 2;
  addBoxSection(mesh, featureId, { points: [vec3.addScaled(centre, along, -half), vec3.addScaled(centre, along, half)], width: solid.sideM, height: solid.sideM, up });
}

/**
 * A pipe node as drawn: a manhole is a shaft from below its pipes up to just under the street
 * with a cast-iron cover; a valve a cube on its pipe; a junction or an end a knot on its pipes,
 * stretched into a riser where pipes meet at different depths.
 */
export function nodeFeature({ properties, point }: PipeNodeRecord, connections: readonly NodeConnection[]): PipeFeature {
  const solids = solidsOf(properties, connections);
  const extents = solids.map((s) => extentOf(s, point));
  const thicknessM = Math.max(...extents.map((e) => e.widthM));
  const pipeWidths = connections.map((c) => 2 * c.radiusM);
  return {
    className: 'pipe_node',
    lon: point[0],
    lat: point[1],
    region: unionRegions(extents.map((e) => e.region)),
    rank: pipeWidths.length ? Math.max(...pipeWidths) : thicknessM,
    thicknessM,
    row: pipeMetadata.nodeRow(properties),
    addTo(frame, meshes, featureId) {
      for (const solid of solids) addSolid(solid, point, frame, meshes, featureId);
    },
  };
}
