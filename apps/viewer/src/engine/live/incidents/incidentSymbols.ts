import { SYMBOL_OUTLINE } from '../sensors/sensorPalette.js';
import type { IncidentGlyph, MarkerRing } from './incidentStyle.js';

/** Draws a glyph in the current ink, centred on 0,0, within a radius of 1. */
type Draw = (c: CanvasRenderingContext2D) => void;

const path = (c: CanvasRenderingContext2D, draw: () => void, mode: 'fill' | 'stroke') => {
  c.beginPath();
  draw();
  if (mode === 'fill') c.fill();
  else c.stroke();
};

const GLYPHS: Readonly<Record<IncidentGlyph, Draw>> = {
  flame: (c) =>
    path(c, () => {
      c.moveTo(0, -0.85);
      c.bezierCurveTo(0.25, -0.35, 0.65, -0.15, 0.6, 0.3);
      c.bezierCurveTo(0.55, 0.7, 0.25, 0.85, 0, 0.85);
      c.bezierCurveTo(-0.3, 0.85, -0.6, 0.65, -0.6, 0.3);
      c.bezierCurveTo(-0.6, 0, -0.3, -0.1, -0.2, -0.45);
      c.bezierCurveTo(-0.05, -0.3, 0, -0.55, 0, -0.85);
    }, 'fill'),
  burst: (c) => {
    // A drop with spray lines: water escaping a main.
    path(c, () => {
      c.moveTo(0, -0.55);
      c.bezierCurveTo(0.3, -0.1, 0.45, 0.1, 0.45, 0.35);
      c.arc(0, 0.35, 0.45, 0, Math.PI);
      c.bezierCurveTo(-0.45, 0.1, -0.3, -0.1, 0, -0.55);
    }, 'fill');
    path(c, () => {
      for (const [x, y, dx, dy] of [[-0.55, -0.45, -0.25, -0.3], [0.55, -0.45, 0.25, -0.3], [0, -0.75, 0, -0.2]] as const) {
        c.moveTo(x, y);
        c.lineTo(x + dx, y + dy);
      }
    }, 'stroke');
  },
  waves: (c) =>
    path(c, () => {
      for (const y of [-0.35, 0.05, 0.45]) {
        c.moveTo(-0.75, y);
        c.bezierCurveTo(-0.45, y - 0.25, -0.25, y + 0.25, 0, y);
        c.bezierCurveTo(0.25, y - 0.25, 0.45, y + 0.25, 0.75, y);
      }
    }, 'stroke'),
  digger: (c) => {
    // An excavator's arm and bucket over a track.
    path(c, () => c.rect(-0.75, 0.35, 0.9, 0.3), 'fill');
    path(c, () => {
      c.moveTo(-0.2, 0.35);
      c.lineTo(0.2, -0.6);
      c.lineTo(0.65, -0.1);
    }, 'stroke');
    path(c, () => {
      c.moveTo(0.5, -0.1);
      c.lineTo(0.8, -0.1);
      c.lineTo(0.7, 0.25);
      c.closePath();
    }, 'fill');
  },
  crossing: (c) =>
    path(c, () => {
      c.moveTo(-0.75, -0.3);
      c.lineTo(0.75, -0.3);
      c.moveTo(-0.75, 0.3);
      c.lineTo(0.75, 0.3);
      c.moveTo(-0.3, -0.75);
      c.lineTo(-0.3, 0.75);
      c.moveTo(0.3, -0.75);
      c.lineTo(0.3, 0.75);
    }, 'stroke'),
  bridge: (c) =>
    path(c, () => {
      c.moveTo(-0.8, 0.1);
      c.lineTo(0.8, 0.1);
      c.moveTo(-0.6, 0.6);
      c.quadraticCurveTo(0, -0.7, 0.6, 0.6);
    }, 'stroke'),
  hole: (c) => {
    // A road surface with a cracked pit.
    path(c, () => c.ellipse(0, 0.2, 0.7, 0.35, 0, 0, 2 * Math.PI), 'fill');
    c.save();
    c.strokeStyle = SYMBOL_OUTLINE;
    path(c, () => {
      c.moveTo(-0.05, -0.1);
      c.lineTo(0.1, 0.15);
      c.lineTo(-0.1, 0.35);
      c.lineTo(0.05, 0.5);
    }, 'stroke');
    c.restore();
    path(c, () => {
      c.moveTo(-0.2, -0.35);
      c.lineTo(0, -0.75);
      c.lineTo(0.2, -0.35);
    }, 'stroke');
  },
  car: (c) => {
    path(c, () => {
      c.moveTo(-0.8, 0.3);
      c.lineTo(-0.8, -0.05);
      c.lineTo(-0.45, -0.45);
      c.lineTo(0.45, -0.45);
      c.lineTo(0.8, -0.05);
      c.lineTo(0.8, 0.3);
      c.closePath();
    }, 'fill');
    c.save();
    c.fillStyle = SYMBOL_OUTLINE;
    for (const x of [-0.45, 0.45]) path(c, () => c.arc(x, 0.35, 0.2, 0, 2 * Math.PI), 'fill');
    c.restore();
  },
  leaf: (c) =>
    path(c, () => {
      c.moveTo(-0.6, 0.6);
      c.bezierCurveTo(-0.7, -0.2, -0.1, -0.7, 0.7, -0.7);
      c.bezierCurveTo(0.7, 0.1, 0.2, 0.7, -0.6, 0.6);
    }, 'fill'),
  facility: (c) =>
    // A lamp post: street furniture.
    path(c, () => {
      c.moveTo(-0.2, 0.8);
      c.lineTo(-0.2, -0.6);
      c.lineTo(0.45, -0.6);
      c.lineTo(0.45, -0.3);
      c.moveTo(-0.5, 0.8);
      c.lineTo(0.1, 0.8);
    }, 'stroke'),
  exclamation: (c) => {
    path(c, () => {
      c.moveTo(0, -0.7);
      c.lineTo(0, 0.25);
    }, 'stroke');
    path(c, () => c.arc(0, 0.6, 0.13, 0, 2 * Math.PI), 'fill');
  },
};

const canvasOf = (sizePx: number): [HTMLCanvasElement, CanvasRenderingContext2D] => {
  const canvas = document.createElement('canvas');
  canvas.width = sizePx;
  canvas.height = sizePx;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas to draw the incident markers');
  return [canvas, context];
};

/**
 * An incident marker: a diamond in the severity's colour (incidents differ in shape from the
 * round sensor symbols) holding the category's glyph, inside a ring that tells the state.
 */
export function drawIncidentMarker(glyph: IncidentGlyph, colour: string, ring: MarkerRing, sizePx: number): HTMLCanvasElement {
  const [canvas, c] = canvasOf(sizePx);
  const r = sizePx / 2;
  const edge = Math.max(1.5, sizePx / 16);
  c.translate(r, r);
  c.globalAlpha = ring === 'check' ? 0.7 : 1;

  // The state ring, outermost.
  c.lineWidth = ring === 'solid' ? edge * 2 : edge;
  c.strokeStyle = ring === 'solid' ? colour : '#ffffff';
  c.setLineDash(ring === 'dashed' ? [edge * 2.5, edge * 1.8] : []);
  path(c, () => c.arc(0, 0, r - c.lineWidth / 2 - 0.5, 0, 2 * Math.PI), 'stroke');
  c.setLineDash([]);

  // The diamond.
  const d = r * 0.72;
  c.fillStyle = colour;
  c.strokeStyle = SYMBOL_OUTLINE;
  c.lineWidth = edge;
  c.beginPath();
  c.moveTo(0, -d);
  c.lineTo(d, 0);
  c.lineTo(0, d);
  c.lineTo(-d, 0);
  c.closePath();
  c.fill();
  c.stroke();

  c.save();
  const unit = d * 0.5;
  c.scale(unit, unit);
  c.fillStyle = '#ffffff';
  c.strokeStyle = '#ffffff';
  c.lineWidth = 0.22;
  c.lineCap = 'round';
  c.lineJoin = 'round';
  GLYPHS[glyph](c);
  c.restore();

  if (ring === 'check') {
    // Resolved: a tick badge at the lower right, so "done" reads without the colour.
    c.globalAlpha = 1;
    const br = r * 0.32;
    c.translate(r - br, r - br);
    c.fillStyle = '#2fd3b4';
    path(c, () => c.arc(0, 0, br, 0, 2 * Math.PI), 'fill');
    c.strokeStyle = SYMBOL_OUTLINE;
    c.lineWidth = Math.max(1.5, br / 3.5);
    path(c, () => {
      c.moveTo(-br * 0.5, 0);
      c.lineTo(-br * 0.1, br * 0.4);
      c.lineTo(br * 0.55, -br * 0.4);
    }, 'stroke');
  }
  return canvas;
}

/** The halo around a marker that awaits dispatch; the layer scales and fades it to pulse. */
export function drawHalo(colour: string, sizePx: number): HTMLCanvasElement {
  const [canvas, c] = canvasOf(sizePx);
  const r = sizePx / 2;
  const gradient = c.createRadialGradient(r, r, r * 0.45, r, r, r);
  gradient.addColorStop(0, `${colour}00`);
  gradient.addColorStop(0.75, `${colour}aa`);
  gradient.addColorStop(1, `${colour}00`);
  c.fillStyle = gradient;
  c.fillRect(0, 0, sizePx, sizePx);
  return canvas;
}

/** The selected incident's ring: white with a dark edge, reads over any marker colour. */
export function drawSelection(sizePx: number): HTMLCanvasElement {
  const [canvas, c] = canvasOf(sizePx);
  const r = sizePx / 2;
  const width = Math.max(2, sizePx / 18);
  c.lineWidth = width * 1.8;
  c.strokeStyle = SYMBOL_OUTLINE;
  path(c, () => c.arc(r, r, r - width * 1.2, 0, 2 * Math.PI), 'stroke');
  c.lineWidth = width;
  c.strokeStyle = '#ffffff';
  path(c, () => c.arc(r, r, r - width * 1.2, 0, 2 * Math.PI), 'stroke');
  return canvas;
}
