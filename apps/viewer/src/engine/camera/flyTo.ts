import { BoundingSphere, Cartesian3, HeadingPitchRange, Math as CesiumMath, type Camera } from 'cesium';
import { applyCameraPose, type CameraPose } from './cameraPose.js';

/** A thing to look at: its middle (degrees, metres above the ellipsoid) and its size. */
export interface FlyTarget {
  readonly longitude: number;
  readonly latitude: number;
  readonly heightM: number;
  /** Radius of a sphere around the middle that holds the whole thing, metres. */
  readonly radiusM: number;
}

export interface FlyOptions {
  /** Seconds; 0 jumps there. [default: 1.5] */
  readonly durationS?: number;
  /** Looking down this steeply, degrees below the horizon. [default: 35] */
  readonly downDeg?: number;
}

/** Far enough back for the whole thing and some of its surroundings; never closer than this. */
const FRAMING = 3;
const MIN_RANGE_M = 45;

/**
 * Flies to look at the target from the current heading, so the view does not spin; resolves
 * true when the flight arrives, false when another flight or the user cut it short.
 */
export function flyToTarget(camera: Camera, target: FlyTarget, options: FlyOptions = {}): Promise<boolean> {
  const centre = Cartesian3.fromDegrees(target.longitude, target.latitude, target.heightM);
  const range = Math.max(MIN_RANGE_M, target.radiusM * FRAMING);
  const offset = new HeadingPitchRange(camera.heading, -CesiumMath.toRadians(options.downDeg ?? 35), range);
  return new Promise((resolve) => {
    camera.flyToBoundingSphere(new BoundingSphere(centre, target.radiusM), {
      offset,
      duration: options.durationS ?? 1.5,
      complete: () => resolve(true),
      cancel: () => resolve(false),
    });
  });
}

/** Flies to an exact camera pose (a bookmark, a shared view). */
export function flyToPose(camera: Camera, pose: CameraPose, options: Pick<FlyOptions, 'durationS'> = {}): Promise<boolean> {
  const duration = options.durationS ?? 1.5;
  if (duration <= 0) {
    applyCameraPose(camera, pose);
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    camera.flyTo({
      destination: Cartesian3.fromDegrees(pose.longitude, pose.latitude, pose.heightM),
      orientation: {
        heading: CesiumMath.toRadians(pose.headingDeg),
        pitch: CesiumMath.toRadians(pose.pitchDeg),
        roll: CesiumMath.toRadians(pose.rollDeg ?? 0),
      },
      duration,
      complete: () => resolve(true),
      cancel: () => resolve(false),
    });
  });
}
