import { Cartesian3, Math as CesiumMath, type Camera } from 'cesium';

/** A camera position and direction: degrees, metres above the ellipsoid. */
export interface CameraPose {
  readonly longitude: number;
  readonly latitude: number;
  readonly heightM: number;
  readonly headingDeg: number;
  readonly pitchDeg: number;
}

export function applyCameraPose(camera: Camera, pose: CameraPose): void {
  camera.setView({
    destination: Cartesian3.fromDegrees(pose.longitude, pose.latitude, pose.heightM),
    orientation: {
      heading: CesiumMath.toRadians(pose.headingDeg),
      pitch: CesiumMath.toRadians(pose.pitchDeg),
      roll: 0,
    },
  });
}
