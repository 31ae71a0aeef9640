import type { Cesium3DTileset } from 'cesium';
import type { SceneContext, ScenePlugin } from '../sceneContext.js';
import { adaptQuality, INITIAL_QUALITY, medianFrameMs, QUALITY_LADDER, qualityLevel, type QualityOptions, type QualityState } from './qualityLadder.js';

/** What the quality controller chose and why, for the debug overlay and the benchmarks. */
export interface QualityReport {
  readonly adaptive: boolean;
  readonly level: number;
  readonly resolutionScale: number;
  readonly sseFactor: number;
  /** The first shown tileset's maximum screen-space error now (the buildings'), in pixels. */
  readonly maximumScreenSpaceError: number | undefined;
  /** Median of the frames drawn back to back, in milliseconds; undefined while the scene idles. */
  readonly frameMs: number | undefined;
  readonly targetFrameMs: number;
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  /** Chrome's `performance.memory`; undefined in browsers without it. */
  readonly jsHeapBytes: number | undefined;
  readonly jsHeapLimitBytes: number | undefined;
  /** GPU and CPU memory of the loaded tiles, summed over the tilesets. */
  readonly tileBytes: number;
  /** The tilesets' cache limits, summed: tile memory above it means the cache cannot shed. */
  readonly cacheBytes: number;
  readonly tilesetsShown: number;
}

export interface AdaptiveQualityOptions extends QualityOptions {
  /** False holds full quality (the desk) and only measures. [default: true] */
  readonly adaptive?: boolean;
  /** Draw at the screen's device pixels instead of CSS pixels (a 4K wall at 200 % scaling). [default: false] */
  readonly devicePixels?: boolean;
  /** Start at this rung (a rebuilt scene resumes where the last one had settled). [default: 0] */
  readonly initialLevel?: number;
  /** Called at most every `reportEveryMs` with the state. */
  readonly onReport?: (report: QualityReport) => void;
  /** [default: 1000] */
  readonly reportEveryMs?: number;
}

export interface AdaptiveQuality extends ScenePlugin {
  report(): QualityReport;
}

interface ChromeMemory {
  readonly usedJSHeapSize: number;
  readonly jsHeapSizeLimit: number;
}

function chromeMemory(): ChromeMemory | undefined {
  return (performance as Performance & { memory?: ChromeMemory }).memory;
}

/**
 * Holds a target frame time by stepping the resolution scale and the tilesets' screen-space
 * error along the quality ladder. A frame counts only when it follows the previous one with no
 * idle tick between (request-render mode draws nothing while nothing changes), so an idle wall
 * is not mistaken for a fast one, nor a redraw after a minute's pause for a slow one.
 */
export function createAdaptiveQuality(context: SceneContext, options: AdaptiveQualityOptions = {}): AdaptiveQuality {
  const { widget, scene } = context;
  const adaptive = options.adaptive ?? true;
  const targetFrameMs = options.targetFrameMs ?? 1000 / 30;
  const reportEveryMs = options.reportEveryMs ?? 1000;
  const window = options.window ?? 12;
  const baseSse = new WeakMap<Cesium3DTileset, number>();
  let state: QualityState = adaptive && options.initialLevel ? { level: Math.min(Math.max(0, Math.round(options.initialLevel)), QUALITY_LADDER.length - 1), samples: [] } : INITIAL_QUALITY;
  let ticksSinceFrame = Number.POSITIVE_INFINITY;
  let lastFrameAt: number | undefined;
  let lastReportAt = Number.NEGATIVE_INFINITY;
  let applied: { resolutionScale: number; sseFactor: number } | undefined;
  let disposed = false;

  if (options.devicePixels) widget.useBrowserRecommendedResolution = false;

  const apply = (): void => {
    const level = qualityLevel(state);
    for (const tileset of context.tilesets()) {
      // Each tileset keeps its own base error (pipes refine sooner than buildings).
      if (!baseSse.has(tileset)) baseSse.set(tileset, tileset.maximumScreenSpaceError);
      const wanted = (baseSse.get(tileset) ?? 16) * level.sseFactor;
      if (tileset.maximumScreenSpaceError !== wanted) tileset.maximumScreenSpaceError = wanted;
    }
    if (applied?.resolutionScale !== level.resolutionScale) widget.resolutionScale = level.resolutionScale;
    if (applied?.resolutionScale !== level.resolutionScale || applied.sseFactor !== level.sseFactor) scene.requestRender();
    applied = level;
  };

  const report = (): QualityReport => {
    const level = qualityLevel(state);
    const memory = chromeMemory();
    let tileBytes = 0;
    let cacheBytes = 0;
    let tilesetsShown = 0;
    let firstSse: number | undefined;
    for (const tileset of context.tilesets()) {
      tileBytes += tileset.totalMemoryUsageInBytes;
      cacheBytes += tileset.cacheBytes;
      if (!tileset.show) continue;
      tilesetsShown++;
      firstSse ??= tileset.maximumScreenSpaceError;
    }
    return {
      adaptive,
      level: state.level,
      resolutionScale: level.resolutionScale,
      sseFactor: level.sseFactor,
      maximumScreenSpaceError: firstSse,
      frameMs: medianFrameMs(state),
      targetFrameMs,
      canvasWidth: scene.canvas.width,
      canvasHeight: scene.canvas.height,
      jsHeapBytes: memory?.usedJSHeapSize,
      jsHeapLimitBytes: memory?.jsHeapSizeLimit,
      tileBytes,
      cacheBytes,
      tilesetsShown,
    };
  };

  const removers = [
    scene.preUpdate.addEventListener(() => {
      ticksSinceFrame++;
    }),
    scene.postRender.addEventListener(() => {
      const now = performance.now();
      // The tick that drew this frame is the only one since the last: drawn back to back.
      if (lastFrameAt !== undefined && ticksSinceFrame <= 1) {
        const frameMs = now - lastFrameAt;
        state = adaptive ? adaptQuality(state, frameMs, { targetFrameMs, window }) : { level: 0, samples: [...state.samples, frameMs].slice(-window) };
      }
      lastFrameAt = now;
      ticksSinceFrame = 0;
      // Tilesets arrive after the controller: give each its level as soon as it is there.
      apply();
      if (options.onReport && now - lastReportAt >= reportEveryMs) {
        lastReportAt = now;
        options.onReport(report());
      }
    }),
  ];

  return {
    report,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const remove of removers) remove();
    },
  };
}
