/** A legend with its words in the UI's language, ready to show or draw. */
export interface LegendView {
  readonly layerId: string;
  /** e.g. "建筑 · 用途". */
  readonly title: string;
  readonly entries: readonly { readonly colour: string; readonly label: string }[];
}

export interface LegendDrawOptions {
  /** Left edge and bottom edge of the stack, in canvas pixels. */
  readonly left: number;
  readonly bottom: number;
  /** Canvas pixels per CSS pixel (e.g. devicePixelRatio × the page's zoom). [default: 1] */
  readonly scale?: number;
  /** [default: the theme's CJK-first sans-serif stack] */
  readonly fontFamily?: string;
}

export interface DrawnBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The subset of CanvasRenderingContext2D the legend needs (also met by node canvases in tests). */
export type LegendContext = Pick<
  CanvasRenderingContext2D,
  'save' | 'restore' | 'fillRect' | 'strokeRect' | 'fillText' | 'measureText'
> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  strokeStyle: CanvasRenderingContext2D['strokeStyle'];
  lineWidth: number;
  font: string;
  textBaseline: CanvasRenderingContext2D['textBaseline'];
};

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";
// The legend panel of the theme (ui/layers/layers.css), in CSS pixels.
const PANEL = 'rgba(10, 22, 40, 0.86)';
const BORDER = 'rgba(90, 170, 255, 0.45)';
const TEXT = '#e6f0ff';
const PADDING = 10;
const TITLE_SIZE = 15;
const ROW_SIZE = 13;
const ROW_HEIGHT = 20;
const SWATCH = 12;
const GAP = 8;

function measure(ctx: LegendContext, view: LegendView, s: number, family: string): { width: number; height: number } {
  ctx.font = `700 ${TITLE_SIZE * s}px ${family}`;
  let width = ctx.measureText(view.title).width;
  ctx.font = `400 ${ROW_SIZE * s}px ${family}`;
  for (const entry of view.entries) width = Math.max(width, (SWATCH + GAP) * s + ctx.measureText(entry.label).width);
  const height = (PADDING * 2 + TITLE_SIZE + 6 + view.entries.length * ROW_HEIGHT) * s;
  return { width: Math.ceil(width + PADDING * 2 * s), height: Math.ceil(height) };
}

/**
 * Draws the legends into a 2D canvas as a column growing up from (left, bottom), one panel per
 * legend, as the page shows them. For the screenshot: the scene's pixels do not hold the
 * legend's HTML. Returns the box drawn (empty when there is no legend).
 */
export function drawLegends(ctx: LegendContext, views: readonly LegendView[], options: LegendDrawOptions): DrawnBox {
  const s = options.scale ?? 1;
  const family = options.fontFamily ?? FONT;
  let bottom = options.bottom;
  let width = 0;
  ctx.save();
  for (const view of [...views].reverse()) {
    const size = measure(ctx, view, s, family);
    const x = options.left;
    const y = bottom - size.height;
    ctx.fillStyle = PANEL;
    ctx.fillRect(x, y, size.width, size.height);
    ctx.strokeStyle = BORDER;
    ctx.lineWidth = Math.max(1, s);
    ctx.strokeRect(x + 0.5 * s, y + 0.5 * s, size.width - s, size.height - s);
    ctx.textBaseline = 'middle';
    ctx.fillStyle = TEXT;
    ctx.font = `700 ${TITLE_SIZE * s}px ${family}`;
    ctx.fillText(view.title, x + PADDING * s, y + (PADDING + TITLE_SIZE / 2) * s);
    ctx.font = `400 ${ROW_SIZE * s}px ${family}`;
    view.entries.forEach((entry, i) => {
      const rowMiddle = y + (PADDING + TITLE_SIZE + 6 + i * ROW_HEIGHT + ROW_HEIGHT / 2) * s;
      ctx.fillStyle = entry.colour;
      ctx.fillRect(x + PADDING * s, rowMiddle - (SWATCH / 2) * s, SWATCH * s, SWATCH * s);
      ctx.fillStyle = TEXT;
      ctx.fillText(entry.label, x + (PADDING + SWATCH + GAP) * s, rowMiddle);
    });
    width = Math.max(width, size.width);
    bottom = y - GAP * s;
  }
  ctx.restore();
  const top = views.length ? bottom + GAP * s : options.bottom;
  return { x: options.left, y: top, width, height: options.bottom - top };
}
