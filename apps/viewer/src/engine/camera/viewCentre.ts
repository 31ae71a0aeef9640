import { Cartesian2, Cartographic, Math as CesiumMath, type Scene } from 'cesium';

/** The ground point at the centre of the screen and the camera's height, in degrees and metres. */
export interface ViewCentre {
  readonly longitude: number;
  readonly latitude: number;
  readonly cameraHeightMetres: number;
}

/** Where the camera looks, or undefined when the centre of the screen shows sky. */
export function viewCentre(scene: Scene): ViewCentre | undefined {
  const { canvas, camera } = scene;
  const centre = new Cartesian2(canvas.clientWidth / 2, canvas.clientHeight / 2);
  const ground = camera.pickEllipsoid(centre, scene.ellipsoid);
  if (!ground) return undefined;
  const point = Cartographic.fromCartesian(ground, scene.ellipsoid);
  return {
    longitude: CesiumMath.toDegrees(point.longitude),
    latitude: CesiumMath.toDegrees(point.latitude),
    cameraHeightMetres: camera.positionCartographic.height,
  };
}
