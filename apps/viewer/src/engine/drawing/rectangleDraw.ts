import {
  type Cartesian2,
  Cartesian3,
  Cartographic,
  Color,
  Material,
  Math as CesiumMath,
  PolylineCollection,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type Polyline,
  type Scene,
} from 'cesium';
import { rectFromCorners, rectSizeMetres, type GeoRect } from './geoRect.js';

/** Smaller than this is a slip of the hand, not an area. */
const MIN_SIDE_METRES = 5;
const LINE = Color.fromCssColorString('#ffd34d');
// The rubber band sits just above the ground, so the globe does not hide it.
const LIFT_METRES = 2;

export interface RectangleDraw {
  /** The drawn area; undefined when cancelled (Escape, a tiny drag, or `cancel`). */
  readonly result: Promise<GeoRect | undefined>;
  cancel(): void;
}

interface GroundPoint {
  readonly longitude: number;
  readonly latitude: number;
}

/**
 * Draws an area on the ground: press, drag to the opposite corner, release; a rubber band shows
 * it meanwhile. The camera does not move while drawing; Escape cancels.
 */
export function drawRectangle(scene: Scene): RectangleDraw {
  const { canvas, camera, screenSpaceCameraController: controller } = scene;
  const handler = new ScreenSpaceEventHandler(canvas);
  const lines = scene.primitives.add(new PolylineCollection()) as PolylineCollection;
  let band: Polyline | undefined;
  let start: GroundPoint | undefined;
  const cameraInputs = controller.enableInputs;
  controller.enableInputs = false;
  const cursor = canvas.style.cursor;
  canvas.style.cursor = 'crosshair';

  let finish: (rect: GeoRect | undefined) => void = () => undefined;
  const result = new Promise<GeoRect | undefined>((resolve) => {
    finish = (rect) => {
      cleanUp();
      resolve(rect);
    };
  });

  const ground = (position: Cartesian2): GroundPoint | undefined => {
    const point = camera.pickEllipsoid(position, scene.ellipsoid);
    if (!point) return undefined;
    const cartographic = Cartographic.fromCartesian(point, scene.ellipsoid);
    return { longitude: CesiumMath.toDegrees(cartographic.longitude), latitude: CesiumMath.toDegrees(cartographic.latitude) };
  };

  const showBand = (rect: GeoRect): void => {
    const { west, south, east, north } = rect;
    const positions = Cartesian3.fromDegreesArrayHeights([
      west, south, LIFT_METRES,
      east, south, LIFT_METRES,
      east, north, LIFT_METRES,
      west, north, LIFT_METRES,
      west, south, LIFT_METRES,
    ]);
    if (band) band.positions = positions;
    else band = lines.add({ positions, width: 3, material: Material.fromType('Color', { color: LINE }) });
    scene.requestRender();
  };

  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') finish(undefined);
  };

  function cleanUp(): void {
    document.removeEventListener('keydown', onKey);
    if (!handler.isDestroyed()) handler.destroy();
    if (!scene.isDestroyed()) {
      scene.primitives.remove(lines);
      controller.enableInputs = cameraInputs;
      canvas.style.cursor = cursor;
      scene.requestRender();
    }
  }

  handler.setInputAction((event: { position: Cartesian2 }) => {
    start = ground(event.position);
  }, ScreenSpaceEventType.LEFT_DOWN);
  handler.setInputAction((event: { endPosition: Cartesian2 }) => {
    if (!start) return;
    const corner = ground(event.endPosition);
    if (corner) showBand(rectFromCorners(start, corner));
  }, ScreenSpaceEventType.MOUSE_MOVE);
  handler.setInputAction((event: { position: Cartesian2 }) => {
    const corner = start && ground(event.position);
    if (!start || !corner) {
      start = undefined;
      return;
    }
    const rect = rectFromCorners(start, corner);
    const { eastM, northM } = rectSizeMetres(rect);
    finish(eastM >= MIN_SIDE_METRES && northM >= MIN_SIDE_METRES ? rect : undefined);
  }, ScreenSpaceEventType.LEFT_UP);
  document.addEventListener('keydown', onKey);

  return { result, cancel: () => finish(undefined) };
}
