import { VEHICLE_OUTLINE } from './vehiclePalette.js';

/**
 * The vehicle symbol: an arrowhead pointing the way the vehicle drives, filled with its type's
 * colour and outlined dark. The traffic layer draws it in its fragment shader from this outline;
 * `drawVehicleSymbol` draws the same outline into a canvas for code that needs an image.
 */
export interface VehicleArrowhead {
  /** The symbol's box, pixels. */
  readonly widthPx: number;
  readonly heightPx: number;
  /** Width of the outline's stroke, centred on the path, pixels. */
  readonly linePx: number;
  /**
   * The right half of the path, about the symbol's centre with y pointing the way of travel: the
   * tip, the right barb, and the notch at the back (the left half mirrors it).
   */
  readonly tip: readonly [number, number];
  readonly barb: readonly [number, number];
  readonly notch: readonly [number, number];
}

/** The arrowhead for a symbol `heightPx` long (8 px at least). */
export function vehicleArrowhead(heightPx: number): VehicleArrowhead {
  const height = Math.max(8, Math.round(heightPx));
  const width = Math.round(height * 0.7);
  const line = Math.max(1.5, height / 10);
  // Half a pixel inside the box beyond the stroke, so the outline is never cut at the edge.
  const inset = line / 2 + 0.5;
  return {
    widthPx: width,
    heightPx: height,
    linePx: line,
    tip: [0, height / 2 - inset],
    barb: [width / 2 - inset, -(height / 2 - inset)],
    notch: [0, height / 2 - height * 0.74],
  };
}

/** The symbol as a canvas: white where the layer tints it, with the outline drawn in. */
export function drawVehicleSymbol(heightPx: number): HTMLCanvasElement {
  const arrow = vehicleArrowhead(heightPx);
  const canvas = document.createElement('canvas');
  canvas.width = arrow.widthPx;
  canvas.height = arrow.heightPx;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas to draw the vehicle symbol');
  // From the centred, y-up outline to the canvas's top-left, y-down pixels.
  const at = ([x, y]: readonly [number, number]): [number, number] => [arrow.widthPx / 2 + x, arrow.heightPx / 2 - y];
  context.beginPath();
  context.moveTo(...at(arrow.tip));
  context.lineTo(...at(arrow.barb));
  context.lineTo(...at(arrow.notch));
  context.lineTo(...at([-arrow.barb[0], arrow.barb[1]]));
  context.closePath();
  context.fillStyle = '#ffffff';
  context.fill();
  context.lineJoin = 'round';
  context.lineWidth = arrow.linePx;
  context.strokeStyle = VEHICLE_OUTLINE;
  context.stroke();
  return canvas;
}
