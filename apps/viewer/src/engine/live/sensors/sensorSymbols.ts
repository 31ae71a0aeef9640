import type { SensorKind } from '@pengcheng/protocol';
import { STATE_COLOURS, SYMBOL_OUTLINE } from './sensorPalette.js';
import type { SensorState } from './sensorState.js';

/** Draws a kind's glyph in white, centred on 0,0, within a radius of 1. */
type Glyph = (c: CanvasRenderingContext2D) => void;

const stroke = (c: CanvasRenderingContext2D, draw: () => void) => {
  c.beginPath();
  draw();
  c.stroke();
};
const fill = (c: CanvasRenderingContext2D, draw: () => void) => {
  c.beginPath();
  draw();
  c.fill();
};

const drop: Glyph = (c) =>
  fill(c, () => {
    c.moveTo(0, -0.8);
    c.bezierCurveTo(0.35, -0.3, 0.55, 0, 0.55, 0.25);
    c.arc(0, 0.25, 0.55, 0, Math.PI);
    c.bezierCurveTo(-0.55, 0, -0.35, -0.3, 0, -0.8);
  });

const GLYPHS: Record<SensorKind, Glyph> = {
  air_quality: (c) => {
    // A leaf with its vein.
    fill(c, () => {
      c.moveTo(-0.6, 0.6);
      c.bezierCurveTo(-0.7, -0.2, -0.1, -0.7, 0.7, -0.7);
      c.bezierCurveTo(0.7, 0.1, 0.2, 0.7, -0.6, 0.6);
    });
    c.save();
    c.strokeStyle = SYMBOL_OUTLINE;
    c.lineWidth = 0.12;
    stroke(c, () => {
      c.moveTo(-0.6, 0.6);
      c.lineTo(0.35, -0.35);
    });
    c.restore();
  },
  noise: (c) =>
    stroke(c, () => {
      for (let i = 0; i <= 24; i++) {
        const x = -0.75 + (1.5 * i) / 24;
        const y = -0.45 * Math.sin((x / 0.75) * 2 * Math.PI) * (1 - Math.abs(x) / 1.2);
        if (i === 0) c.moveTo(x, y);
        else c.lineTo(x, y);
      }
    }),
  water_level: (c) => {
    drop(c);
    c.save();
    c.strokeStyle = SYMBOL_OUTLINE;
    c.lineWidth = 0.12;
    stroke(c, () => {
      c.moveTo(-0.4, 0.3);
      c.lineTo(0.4, 0.3);
    });
    c.restore();
  },
  manhole_cover: (c) => {
    stroke(c, () => c.arc(0, 0, 0.65, 0, 2 * Math.PI));
    stroke(c, () => {
      for (const x of [-0.3, 0, 0.3]) {
        c.moveTo(x, -0.55);
        c.lineTo(x, 0.55);
      }
    });
  },
  gas_concentration: (c) =>
    fill(c, () => {
      c.moveTo(0, -0.8);
      c.bezierCurveTo(0.2, -0.35, 0.6, -0.15, 0.55, 0.3);
      c.bezierCurveTo(0.5, 0.65, 0.25, 0.8, 0, 0.8);
      c.bezierCurveTo(-0.3, 0.8, -0.55, 0.6, -0.55, 0.3);
      c.bezierCurveTo(-0.55, 0, -0.3, -0.1, -0.2, -0.4);
      c.bezierCurveTo(-0.05, -0.25, 0, -0.5, 0, -0.8);
    }),
  pipe_pressure: (c) => {
    // A gauge: an arc with a needle.
    stroke(c, () => c.arc(0, 0.2, 0.6, Math.PI, 2 * Math.PI));
    stroke(c, () => {
      c.moveTo(0, 0.2);
      c.lineTo(0.4, -0.25);
    });
    fill(c, () => c.arc(0, 0.2, 0.14, 0, 2 * Math.PI));
  },
  pipe_flow: (c) => {
    stroke(c, () => {
      c.moveTo(-0.7, 0);
      c.lineTo(0.45, 0);
    });
    fill(c, () => {
      c.moveTo(0.75, 0);
      c.lineTo(0.25, -0.4);
      c.lineTo(0.25, 0.4);
      c.closePath();
    });
  },
  water_quality: (c) =>
    // A flask.
    fill(c, () => {
      c.moveTo(-0.2, -0.75);
      c.lineTo(0.2, -0.75);
      c.lineTo(0.2, -0.2);
      c.lineTo(0.6, 0.65);
      c.lineTo(-0.6, 0.65);
      c.lineTo(-0.2, -0.2);
      c.closePath();
    }),
  bridge_strain: (c) =>
    stroke(c, () => {
      c.moveTo(-0.8, 0);
      c.lineTo(0.8, 0);
      c.moveTo(-0.6, 0.5);
      c.quadraticCurveTo(0, -0.6, 0.6, 0.5);
    }),
  bridge_tilt: (c) =>
    // An angle against the horizontal.
    stroke(c, () => {
      c.moveTo(0.7, 0.5);
      c.lineTo(-0.6, 0.5);
      c.lineTo(0.4, -0.6);
      c.moveTo(-0.05, 0.5);
      c.arc(-0.6, 0.5, 0.55, 0, -0.83, true);
    }),
  parking_occupancy: (c) => {
    c.font = 'bold 1.5px sans-serif';
    c.textAlign = 'center';
    c.textBaseline = 'middle';
    c.fillText('P', 0, 0.08);
  },
  smart_pole_environment: (c) => {
    // A lamp post.
    stroke(c, () => {
      c.moveTo(-0.15, 0.75);
      c.lineTo(-0.15, -0.55);
      c.lineTo(0.45, -0.55);
    });
    fill(c, () => c.arc(0.45, -0.35, 0.18, 0, 2 * Math.PI));
  },
  traffic_detector: (c) => {
    // A traffic light.
    stroke(c, () => c.rect(-0.32, -0.8, 0.64, 1.6));
    for (const y of [-0.45, 0, 0.45]) fill(c, () => c.arc(0, y, 0.16, 0, 2 * Math.PI));
  },
};

/** Symbol sizes in CSS pixels; alarms are larger, so they stand out in colour and in size. */
export function symbolSizePx(state: SensorState, basePx: number): number {
  return state === 'alarm' ? Math.round(basePx * 1.35) : basePx;
}

const canvasOf = (sizePx: number): [HTMLCanvasElement, CanvasRenderingContext2D] => {
  const canvas = document.createElement('canvas');
  canvas.width = sizePx;
  canvas.height = sizePx;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas to draw the sensor symbols');
  return [canvas, context];
};

/**
 * A sensor symbol: a disc in the state's colour holding the kind's glyph; offline is hollow
 * (shape, not only colour, tells it apart), alarm has a white ring.
 */
export function drawSensorSymbol(kind: SensorKind, state: SensorState, sizePx: number): HTMLCanvasElement {
  const [canvas, c] = canvasOf(sizePx);
  const r = sizePx / 2;
  const edge = Math.max(1.5, sizePx / 14);
  c.translate(r, r);
  c.beginPath();
  c.arc(0, 0, r - edge, 0, 2 * Math.PI);
  c.fillStyle = state === 'offline' ? SYMBOL_OUTLINE : STATE_COLOURS[state];
  c.fill();
  c.lineWidth = edge;
  c.strokeStyle = state === 'alarm' ? '#ffffff' : state === 'offline' ? STATE_COLOURS.offline : SYMBOL_OUTLINE;
  c.stroke();
  const unit = (r - edge) * 0.62;
  c.scale(unit, unit);
  const ink = state === 'offline' ? STATE_COLOURS.offline : '#ffffff';
  c.fillStyle = ink;
  c.strokeStyle = ink;
  c.lineWidth = 0.2;
  c.lineCap = 'round';
  c.lineJoin = 'round';
  GLYPHS[kind](c);
  return canvas;
}

/**
 * A cluster's badge: a ringed disc in the worst state's colour with the count on it. The count
 * is drawn into the badge, not as a label: translucent collections are sorted by distance, and a
 * separate label collection could be drawn under the badges.
 */
export function drawClusterBadge(state: SensorState, sizePx: number, count: string): HTMLCanvasElement {
  const [canvas, c] = canvasOf(sizePx);
  const r = sizePx / 2;
  const edge = Math.max(2, sizePx / 10);
  c.beginPath();
  c.arc(r, r, r - edge / 2, 0, 2 * Math.PI);
  c.fillStyle = STATE_COLOURS[state];
  c.globalAlpha = 0.35;
  c.fill();
  c.globalAlpha = 1;
  c.beginPath();
  c.arc(r, r, r - edge * 1.6, 0, 2 * Math.PI);
  c.fillStyle = state === 'offline' ? '#3b4456' : STATE_COLOURS[state];
  c.fill();
  c.lineWidth = edge / 2;
  c.strokeStyle = SYMBOL_OUTLINE;
  c.stroke();
  c.font = `bold ${Math.round(sizePx * (count.length > 2 ? 0.3 : 0.38))}px sans-serif`;
  c.textAlign = 'center';
  c.textBaseline = 'middle';
  c.lineWidth = Math.max(2, sizePx / 24);
  c.strokeStyle = SYMBOL_OUTLINE;
  c.strokeText(count, r, r);
  c.fillStyle = '#ffffff';
  c.fillText(count, r, r);
  return canvas;
}

/** The ring around the selected sensor. */
export function drawSelectionRing(sizePx: number): HTMLCanvasElement {
  const [canvas, c] = canvasOf(sizePx);
  const r = sizePx / 2;
  const line = Math.max(2, sizePx / 14);
  c.beginPath();
  c.arc(r, r, r - line, 0, 2 * Math.PI);
  c.lineWidth = line;
  c.strokeStyle = '#ffffff';
  c.shadowColor = '#37b6ff';
  c.shadowBlur = line * 2;
  c.stroke();
  return canvas;
}
