import { Cartesian3, DirectionalLight, Math as CesiumMath, Matrix4, Transforms, type Scene } from 'cesium';

export interface SunPlace {
  readonly longitude: number;
  readonly latitude: number;
  /** Where the sun stands, degrees clockwise from north. */
  readonly azimuthDegrees: number;
  /** How high the sun stands above the horizon, degrees. */
  readonly elevationDegrees: number;
}

/** A late spring morning over the district: the sun in the south-east, 50° up, so façades facing the streets read. */
export const MORNING_SUN = { azimuthDegrees: 135, elevationDegrees: 50 } as const;

/** The direction sunlight travels at a place (from the sun to the ground), Earth-fixed, unit length. */
export function sunlightDirection({ longitude, latitude, azimuthDegrees, elevationDegrees }: SunPlace, result = new Cartesian3()): Cartesian3 {
  const azimuth = CesiumMath.toRadians(azimuthDegrees);
  const elevation = CesiumMath.toRadians(elevationDegrees);
  const towardsSun = new Cartesian3(Math.cos(elevation) * Math.sin(azimuth), Math.cos(elevation) * Math.cos(azimuth), Math.sin(elevation));
  const enu = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(longitude, latitude));
  Matrix4.multiplyByPointAsVector(enu, towardsSun, result);
  return Cartesian3.normalize(Cartesian3.negate(result, result), result);
}

/**
 * Lights the scene with a fixed sun instead of Cesium's, which follows the real clock: a wall runs
 * for days and a desk is used into the evening, and at night the real sun left the district's
 * models nearly black. A fixed light also makes every screenshot of the same view the same.
 */
export function lightWithFixedSun(scene: Scene, place: SunPlace): void {
  scene.light = new DirectionalLight({ direction: sunlightDirection(place) });
}
