import type { CesiumWidget } from 'cesium';

/** Draws on top of the scene's pixels (legend, attribution) in a 2D canvas of the same size. */
export type CaptureOverlay = (ctx: CanvasRenderingContext2D, size: CaptureSize) => void;

export interface CaptureSize {
  /** Canvas pixels. */
  readonly width: number;
  readonly height: number;
  /** Canvas pixels per CSS pixel of the scene, to size text as the page shows it. */
  readonly scale: number;
}

/**
 * A PNG of the scene at its canvas's full resolution, with `overlay` drawn over it. If adaptive
 * quality has lowered the resolution, the frame captured is drawn at full resolution and the
 * lowered one is put back after. The pixels are read in the frame's own postRender, while
 * the WebGL drawing buffer still holds them (it is not preserved between frames).
 */
export function captureScene(widget: CesiumWidget, overlay?: CaptureOverlay): Promise<Blob> {
  const { scene } = widget;
  const lowered = widget.resolutionScale < 1 ? widget.resolutionScale : undefined;
  if (lowered !== undefined) widget.resolutionScale = 1;

  return new Promise<Blob>((resolve, reject) => {
    const stop = scene.postRender.addEventListener(() => {
      stop();
      const source = scene.canvas;
      try {
        const canvas = document.createElement('canvas');
        canvas.width = source.width;
        canvas.height = source.height;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2D canvas for the screenshot');
        ctx.drawImage(source, 0, 0);
        const scale = source.clientWidth > 0 ? source.width / source.clientWidth : 1;
        overlay?.(ctx, { width: canvas.width, height: canvas.height, scale });
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the screenshot could not be encoded as PNG'))), 'image/png');
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        if (lowered !== undefined && !widget.isDestroyed()) widget.resolutionScale = lowered;
      }
    });
    scene.requestRender();
  });
}

export interface AttributionOptions {
  /** One line per source, e.g. "© 徐州市自然资源和规划局 (synthetic)". */
  readonly lines: readonly string[];
  /** Top-left caption: what and when, e.g. "彭城数字孪生 · 2026-12-01 23:50". */
  readonly caption?: string;
  readonly fontFamily?: string;
}

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";
const PANEL = 'rgba(10, 22, 40, 0.78)';
const TEXT = '#e6f0ff';

/**
 * The sources' attribution in the bottom-right corner and a caption in the top-left, as text
 * on a dark band so they read over any part of the scene.
 */
export function drawAttribution(ctx: CanvasRenderingContext2D, size: CaptureSize, options: AttributionOptions): void {
  const s = size.scale;
  const family = options.fontFamily ?? FONT;
  const pad = 8 * s;
  const lineHeight = 17 * s;
  ctx.save();
  ctx.textBaseline = 'middle';
  if (options.lines.length > 0) {
    ctx.font = `400 ${12 * s}px ${family}`;
    const width = Math.max(...options.lines.map((line) => ctx.measureText(line).width)) + pad * 2;
    const height = options.lines.length * lineHeight + pad;
    const x = size.width - width;
    const y = size.height - height;
    ctx.fillStyle = PANEL;
    ctx.fillRect(x, y, width, height);
    ctx.fillStyle = TEXT;
    ctx.textAlign = 'right';
    options.lines.forEach((line, i) => ctx.fillText(line, size.width - pad, y + pad / 2 + lineHeight * (i + 0.5)));
  }
  if (options.caption) {
    ctx.font = `600 ${15 * s}px ${family}`;
    ctx.textAlign = 'left';
    const width = ctx.measureText(options.caption).width + pad * 2;
    ctx.fillStyle = PANEL;
    ctx.fillRect(0, 0, width, lineHeight + pad * 1.5);
    ctx.fillStyle = TEXT;
    ctx.fillText(options.caption, pad, (lineHeight + pad * 1.5) / 2);
  }
  ctx.restore();
}
