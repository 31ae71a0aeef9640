import { Color, NearFarScalar, type Scene, type SkyBox } from 'cesium';

/** How much of the ground stays visible in underground mode: enough to keep one's bearings. */
const GROUND_ALPHA = 0.45;
/** What shows through the ground instead of the stars on the far side of the globe. */
const EARTH_BELOW = Color.fromCssColorString('#0b1118');
/** The sky box each scene had before underground mode took it away. */
const savedSkyBoxes = new WeakMap<Scene, SkyBox>();

/**
 * Underground mode: the ground turns translucent (more so near the camera) and the camera may
 * go below it, so pipelines under the roads can be seen. Off restores the opaque ground.
 */
export function setUndergroundView(scene: Scene, on: boolean): void {
  const { globe, screenSpaceCameraController } = scene;
  globe.translucency.enabled = on;
  globe.translucency.frontFaceAlpha = GROUND_ALPHA;
  // Clearer near the camera, where the pipes are looked at; more solid towards the horizon.
  globe.translucency.frontFaceAlphaByDistance = new NearFarScalar(300, GROUND_ALPHA, 15_000, 0.95);
  globe.translucency.backFaceAlpha = 0;
  // Through a translucent ground one would see space: show dark earth instead (the background
  // colour shows only where there is no sky box).
  if (on && scene.skyBox) {
    savedSkyBoxes.set(scene, scene.skyBox);
    scene.skyBox = undefined as unknown as SkyBox;
  } else if (!on && savedSkyBoxes.has(scene)) {
    scene.skyBox = savedSkyBoxes.get(scene) as SkyBox;
    savedSkyBoxes.delete(scene);
  }
  if (scene.skyAtmosphere) scene.skyAtmosphere.show = !on;
  scene.backgroundColor = on ? EARTH_BELOW : Color.BLACK;
  screenSpaceCameraController.enableCollisionDetection = !on;
  scene.requestRender();
}
