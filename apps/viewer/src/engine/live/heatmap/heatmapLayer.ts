import {
  GeometryInstance,
  Material,
  MaterialAppearance,
  Primitive,
  Rectangle,
  RectangleGeometry,
  type Scene,
} from 'cesium';
import { computeField, fieldGrid, type FieldGrid, type FieldOptions, type FieldPoint } from './heatmapField.js';
import { paintField } from './heatmapRaster.js';
import type { HeatmapScale } from './heatmapScale.js';

export interface HeatmapLayerOptions extends FieldOptions {
  /** Height of the sheet above the ellipsoid, metres (default 0.5: over the imagery, under the road links). */
  readonly heightM?: number;
  /** Opacity near a sensor, 0–1 (default 0.6): the imagery stays legible under it. */
  readonly opacity?: number;
  /** Raster cell size, metres (default 15), at most `maxCells` cells a side (default 384). */
  readonly cellM?: number;
  readonly maxCells?: number;
  readonly show?: boolean;
}

export interface HeatmapLayer {
  /** Redraws the field from these readings; no points: nothing is drawn. */
  setPoints(points: readonly FieldPoint[], scale: HeatmapScale): void;
  show: boolean;
  dispose(): void;
}

const sameGrid = (a: FieldGrid | undefined, b: FieldGrid) =>
  a !== undefined && a.west === b.west && a.south === b.south && a.east === b.east && a.north === b.north && a.cols === b.cols && a.rows === b.rows;

/**
 * A heatmap of one quantity: the interpolated field painted into a canvas, shown as the image
 * of one translucent rectangle a little above the ground (the ground is the ellipsoid, so the
 * sheet lies on the imagery; buildings rise through it and hide it). New values with the same
 * sensors only hand the material a new canvas (one texture upload); the rectangle is rebuilt
 * only when the sensors' extent changes.
 */
export function createHeatmapLayer(scene: Scene, options: HeatmapLayerOptions = {}): HeatmapLayer {
  const radiusM = options.radiusM ?? 500;
  const heightM = options.heightM ?? 0.5;
  const opacity = options.opacity ?? 0.6;
  let show = options.show ?? true;
  let primitive: Primitive | undefined;
  let material: Material | undefined;
  let grid: FieldGrid | undefined;

  const removePrimitive = () => {
    if (primitive && !primitive.isDestroyed()) scene.primitives.remove(primitive);
    primitive = undefined;
    material = undefined;
    grid = undefined;
  };

  const paint = (points: readonly FieldPoint[], scale: HeatmapScale, on: FieldGrid): HTMLCanvasElement => {
    const field = computeField(points, on, options);
    const canvas = document.createElement('canvas');
    canvas.width = on.cols;
    canvas.height = on.rows;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('heatmap: no 2D canvas');
    context.putImageData(new ImageData(paintField(field, scale, opacity), on.cols, on.rows), 0, 0);
    return canvas;
  };

  return {
    setPoints(points, scale) {
      const next = fieldGrid(points, radiusM, options.cellM, options.maxCells);
      if (!next) {
        removePrimitive();
        scene.requestRender();
        return;
      }
      // A new canvas each time: the material uploads an image only when the object changes.
      const image = paint(points, scale, next);
      if (material && sameGrid(grid, next)) {
        material.uniforms.image = image;
      } else {
        removePrimitive();
        grid = next;
        material = Material.fromType('Image', { image });
        primitive = scene.primitives.add(
          new Primitive({
            geometryInstances: new GeometryInstance({
              geometry: new RectangleGeometry({
                rectangle: Rectangle.fromDegrees(next.west, next.south, next.east, next.north),
                height: heightM,
                vertexFormat: MaterialAppearance.MaterialSupport.TEXTURED.vertexFormat,
              }),
            }),
            appearance: new MaterialAppearance({ material, materialSupport: MaterialAppearance.MaterialSupport.TEXTURED, translucent: true, flat: true }),
            asynchronous: false,
            // A sheet of colour, not a feature: picks go through to what lies under it.
            allowPicking: false,
            show,
          }),
        ) as Primitive;
      }
      scene.requestRender();
    },
    get show() {
      return show;
    },
    set show(value: boolean) {
      show = value;
      if (primitive) primitive.show = value;
      scene.requestRender();
    },
    dispose() {
      removePrimitive();
    },
  };
}
