import { NearFarScalar, Rectangle, type Scene } from 'cesium';
import type { GeoRect } from '../drawing/geoRect.js';
import { setEarthBackdrop } from './earthBackdrop.js';

/** How much of the ground stays visible in underground mode: enough to keep one's bearings. */
const GROUND_ALPHA = 0.45;

/**
 * Underground mode: the ground turns translucent and the camera may go below it, so pipelines
 * under the roads can be seen. Without an area the whole ground does, clearer near the camera
 * (around the view); with one, only inside it, and the ground around stays solid. Off
 * restores the opaque ground.
 */
export function setUndergroundView(scene: Scene, on: boolean, area?: GeoRect): void {
  const { globe, screenSpaceCameraController } = scene;
  globe.translucency.enabled = on;
  globe.translucency.frontFaceAlpha = GROUND_ALPHA;
  // Around the view: clearer near the camera, where the pipes are looked at; more solid towards
  // the horizon. In a drawn area the planner chose where to look: evenly clear inside it.
  // Cesium reads undefined as no fade, though its typings do not say so.
  globe.translucency.frontFaceAlphaByDistance = (area ? undefined : new NearFarScalar(300, GROUND_ALPHA, 15_000, 0.95)) as NearFarScalar;
  globe.translucency.backFaceAlpha = 0;
  globe.translucency.rectangle = area ? Rectangle.fromDegrees(area.west, area.south, area.east, area.north) : Rectangle.MAX_VALUE.clone();
  setEarthBackdrop(scene, 'underground', on);
  screenSpaceCameraController.enableCollisionDetection = !on;
  scene.requestRender();
}
