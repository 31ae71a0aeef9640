import { VEHICLE_OUTLINE } from './vehiclePalette.js';

/**
 * The vehicle symbol: an arrowhead pointing up (the direction of travel once rotated), white so a
 * billboard's colour tints it, with a dark outline that the tint leaves dark.
 */
export function drawVehicleSymbol(heightPx: number): HTMLCanvasElement {
  const height = Math.max(8, Math.round(heightPx));
  const width = Math.round(height * 0.7);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas to draw the vehicle symbol');
  const line = Math.max(1.5, height / 10);
  const inset = line / 2 + 0.5;
  context.beginPath();
  context.moveTo(width / 2, inset);
  context.lineTo(width - inset, height - inset);
  context.lineTo(width / 2, height * 0.74);
  context.lineTo(inset, height - inset);
  context.closePath();
  context.fillStyle = '#ffffff';
  context.fill();
  context.lineJoin = 'round';
  context.lineWidth = line;
  context.strokeStyle = VEHICLE_OUTLINE;
  context.stroke();
  return canvas;
}
