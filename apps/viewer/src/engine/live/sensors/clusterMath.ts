import { severityOf, worseState, SENSOR_STATES, type SensorState } from './sensorState.js';

/** Earth's equatorial circumference, metres (the web-mercator world width at the equator). */
const EQUATOR_M = 40_075_016.686;
/** Supercluster's tile extent: its cluster radius is in these units of a tile. */
export const TILE_EXTENT = 512;

export interface ZoomFrame {
  /** Vertical field of view, radians. */
  readonly fovyRad: number;
  /** The canvas height in CSS pixels. */
  readonly viewportPx: number;
  /** The latitude looked at (mercator tiles shrink with its cosine), degrees. */
  readonly latDeg: number;
}

/** Ground metres per CSS pixel at the middle of a view looking straight down from `heightM`. */
function metresPerPixel(heightM: number, frame: ZoomFrame): number {
  return (2 * Math.max(1, heightM) * Math.tan(frame.fovyRad / 2)) / Math.max(1, frame.viewportPx);
}

/**
 * The (fractional) supercluster zoom whose pixels are as large on the ground as the screen's at
 * this camera height, so a cluster radius in pixels means the same on screen.
 */
export function zoomForHeight(heightM: number, frame: ZoomFrame): number {
  const worldM = EQUATOR_M * Math.cos((frame.latDeg * Math.PI) / 180);
  return Math.log2(worldM / (TILE_EXTENT * metresPerPixel(heightM, frame)));
}

/** The camera height at which {@link zoomForHeight} is `zoom`. */
export function heightForZoom(zoom: number, frame: ZoomFrame): number {
  const worldM = EQUATOR_M * Math.cos((frame.latDeg * Math.PI) / 180);
  const mpp = worldM / (TILE_EXTENT * 2 ** zoom);
  return (mpp * Math.max(1, frame.viewportPx)) / (2 * Math.tan(frame.fovyRad / 2));
}

export interface ClusterPolicy {
  /** Below this camera height every sensor shows on its own, metres. */
  readonly nearHeightM: number;
  /** The highest zoom supercluster clusters at; above it, it returns the points. */
  readonly maxZoom: number;
}

/** The integer zoom to ask supercluster for at this height: past `maxZoom` when near, so nothing clusters. */
export function clusterZoom(heightM: number, frame: ZoomFrame, policy: ClusterPolicy): number {
  if (heightM < policy.nearHeightM) return policy.maxZoom + 1;
  return Math.max(0, Math.min(policy.maxZoom, Math.floor(zoomForHeight(heightM, frame))));
}

/**
 * The camera height to fly to so a cluster that splits at `expansionZoom` shows split: half a
 * zoom step inside it (so float noise does not floor back), and no higher than the near height
 * once it splits only into single sensors.
 */
export function expansionHeight(expansionZoom: number, frame: ZoomFrame, policy: ClusterPolicy): number {
  if (expansionZoom > policy.maxZoom) return policy.nearHeightM * 0.8;
  return Math.max(policy.nearHeightM * 0.8, heightForZoom(expansionZoom + 0.5, frame));
}

/** What a cluster carries: its worst state's severity (a number, as supercluster merges props). */
export interface ClusterProps {
  worst: number;
}

/** Supercluster's `map`: a sensor's state as a cluster's props. */
export function clusterPropsOf(state: SensorState): ClusterProps {
  return { worst: severityOf(state) };
}

/** Supercluster's `reduce`: the worse of the two. */
export function mergeClusterProps(into: ClusterProps, other: Readonly<ClusterProps>): void {
  into.worst = Math.max(into.worst, other.worst);
}

/** The state a cluster's badge shows: the worst of its sensors'. */
export function clusterState(props: ClusterProps): SensorState {
  return SENSOR_STATES.find((state) => severityOf(state) === props.worst) ?? 'normal';
}

/** The worst of several states (`normal` for none). */
export function worstState(states: Iterable<SensorState>): SensorState {
  let worst: SensorState = 'normal';
  for (const state of states) worst = worseState(worst, state);
  return worst;
}
