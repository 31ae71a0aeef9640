import { Cartesian3, HeadingPitchRange, Math as CesiumMath, Matrix4, type Camera } from 'cesium';
import { ADMINISTRATIVE_CENTRE } from '@pengcheng/protocol';

/** A camera looking at a point on the ground: degrees, and metres from the point. */
export interface OrbitView {
  readonly longitude: number;
  readonly latitude: number;
  readonly height: number;
  readonly headingDegrees: number;
  readonly pitchDegrees: number;
  readonly rangeMetres: number;
}

/** Looking north over the municipal administrative centre, the whole pilot area in frame. */
export const PILOT_AREA_VIEW: OrbitView = {
  longitude: ADMINISTRATIVE_CENTRE.longitude,
  latitude: ADMINISTRATIVE_CENTRE.latitude,
  height: 0,
  headingDegrees: 0,
  pitchDegrees: -50,
  rangeMetres: 5200,
};

/** Puts the camera on the orbit view, then frees it so the user can move from there. */
export function applyOrbitView(camera: Camera, view: OrbitView): void {
  const target = Cartesian3.fromDegrees(view.longitude, view.latitude, view.height);
  camera.lookAt(
    target,
    new HeadingPitchRange(
      CesiumMath.toRadians(view.headingDegrees),
      CesiumMath.toRadians(view.pitchDegrees),
      view.rangeMetres,
    ),
  );
  camera.lookAtTransform(Matrix4.IDENTITY);
}
