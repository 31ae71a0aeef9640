import { Cartesian3, Math as CesiumMath, type Camera } from 'cesium';

/** A camera position and direction: degrees, metres above the ellipsoid. */
export interface CameraPose {
  readonly longitude: number;
  readonly latitude: number;
  readonly heightM: number;
  readonly headingDeg: number;
  readonly pitchDeg: number;
  /** [default: 0, level] */
  readonly rollDeg?: number;
}

export function applyCameraPose(camera: Camera, pose: CameraPose): void {
  camera.setView({
    destination: Cartesian3.fromDegrees(pose.longitude, pose.latitude, pose.heightM),
    orientation: {
      heading: CesiumMath.toRadians(pose.headingDeg),
      pitch: CesiumMath.toRadians(pose.pitchDeg),
      roll: CesiumMath.toRadians(pose.rollDeg ?? 0),
    },
  });
}

/** Where the camera is and where it looks now, as {@link applyCameraPose} takes it. */
export function readCameraPose(camera: Camera): CameraPose {
  const position = camera.positionCartographic;
  return {
    longitude: CesiumMath.toDegrees(position.longitude),
    latitude: CesiumMath.toDegrees(position.latitude),
    heightM: position.height,
    headingDeg: CesiumMath.toDegrees(camera.heading),
    pitchDeg: CesiumMath.toDegrees(camera.pitch),
    rollDeg: CesiumMath.toDegrees(camera.roll),
  };
}
