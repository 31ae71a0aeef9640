import { BoundingSphere, Cartesian3, HeadingPitchRange, Math as CesiumMath, Matrix4, type Camera } from 'cesium';
import type { OrbitView } from '../camera/initialView.js';

function targetOf(view: OrbitView): Cartesian3 {
  return Cartesian3.fromDegrees(view.longitude, view.latitude, view.height);
}

function offsetOf(view: OrbitView, extraHeadingDeg = 0): HeadingPitchRange {
  return new HeadingPitchRange(CesiumMath.toRadians(view.headingDegrees + extraHeadingDeg), CesiumMath.toRadians(view.pitchDegrees), view.rangeMetres);
}

/**
 * Flies the camera to an orbit view; resolves true on arrival, false when the flight was
 * cancelled (another flight, or a person taking the camera). The camera is left free.
 */
export function flyToOrbit(camera: Camera, view: OrbitView, durationS: number): Promise<boolean> {
  return new Promise((resolve) => {
    camera.flyToBoundingSphere(new BoundingSphere(targetOf(view), 0), {
      offset: offsetOf(view),
      duration: durationS,
      complete: () => resolve(true),
      cancel: () => resolve(false),
    });
  });
}

/** Puts the camera on an orbit view turned by `extraHeadingDeg`, at once, and frees it. */
export function setOrbit(camera: Camera, view: OrbitView, extraHeadingDeg: number): void {
  camera.lookAt(targetOf(view), offsetOf(view, extraHeadingDeg));
  camera.lookAtTransform(Matrix4.IDENTITY);
}
