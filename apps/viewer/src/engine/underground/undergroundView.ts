import { NearFarScalar, type Scene } from 'cesium';

/** How much of the ground stays visible in underground mode: enough to keep one's bearings. */
const GROUND_ALPHA = 0.35;

/**
 * Underground mode: the ground turns translucent (more so near the camera) and the camera may
 * go below it, so pipelines under the roads can be seen. Off restores the opaque ground.
 */
export function setUndergroundView(scene: Scene, on: boolean): void {
  const { globe, screenSpaceCameraController } = scene;
  globe.translucency.enabled = on;
  globe.translucency.frontFaceAlpha = GROUND_ALPHA;
  // Clearer near the camera, where the pipes are looked at; more solid towards the horizon.
  globe.translucency.frontFaceAlphaByDistance = new NearFarScalar(500, GROUND_ALPHA, 20_000, 0.9);
  globe.translucency.backFaceAlpha = 0;
  screenSpaceCameraController.enableCollisionDetection = !on;
  scene.requestRender();
}
