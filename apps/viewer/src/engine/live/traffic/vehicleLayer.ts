import { VehicleType } from '@pengcheng/protocol';
import { Color, type Scene } from 'cesium';
import type { SegmentBounds } from './segmentTiming.js';
import { DEFAULT_DISTANCE_SCALE, nearFarOf, type SymbolDistanceScale } from './symbolDistanceScale.js';
import { VehicleBatch } from './vehicleBatch.js';
import { VEHICLE_COLOURS, VEHICLE_OUTLINE } from './vehiclePalette.js';
import type { IndexedFrame } from './vehicleIndex.js';
import { createVehicleIndexer, type IndexerResult } from './vehicleIndexer.js';
import { VehicleTable } from './vehicleTable.js';

export interface VehicleLayerOptions {
  /** Height of the symbols above the ellipsoid, metres (default 2). */
  readonly heightM?: number;
  /** Symbol length on screen, CSS pixels (default 18). */
  readonly symbolPx?: number;
  /** How symbols shrink with the camera's distance (default 1000–5000 m, to 0.4); null: always full size. */
  readonly distanceScale?: SymbolDistanceScale | null;
  /** How long a new vehicle takes to grow in, ms (default 400). */
  readonly appearMs?: number;
  /** Bounds of the time a frame's move is drawn over, ms (default 100–2000). */
  readonly segment?: SegmentBounds;
  /** Frames further apart than this in simulated time make vehicles jump, ms (default 5000). */
  readonly maxGapMs?: number;
  /** A vehicle that moved further than this between frames jumps, metres (default 250). */
  readonly maxStepM?: number;
  /** Frames with more vehicles are refused (default 200,000). */
  readonly maxVehicles?: number;
  readonly show?: boolean;
  /** Told of each frame's outcome, with the main thread's time for it (handing over and applying), ms. */
  readonly onFrame?: (report: FrameReport) => void;
}

/** What became of a frame: `stale` and `rejected` frames change nothing. */
export type FrameOutcome = 'applied' | 'stale' | 'rejected';

export interface FrameReport {
  readonly outcome: FrameOutcome;
  readonly mainThreadMs: number;
}

export interface VehicleLayerStats {
  readonly vehicles: number;
  /** Vehicles in the last render's draw: what the screen shows, 0 while hidden. */
  readonly drawn: number;
  readonly applied: number;
  readonly stale: number;
  readonly rejected: number;
  /** Why the last rejected frame was refused. */
  readonly lastError: string | undefined;
}

export interface VehicleLayer {
  /**
   * A hub frame as the hub encoded it. It is decoded and indexed in a worker and drawn when that
   * is done; a frame not newer than the last is stale, and one handed while the worker is busy
   * waits (a newer one replaces it).
   */
  applyFrame(frame: Uint8Array): void;
  show: boolean;
  /** Removes every vehicle; the next frame starts afresh (no interpolation from before), whatever its time. */
  clear(): void;
  readonly stats: VehicleLayerStats;
  dispose(): void;
}

const TYPE_COLOURS = VehicleType.options.map((type) => Color.fromCssColorString(VEHICLE_COLOURS[type]));
const OUTLINE = Color.fromCssColorString(VEHICLE_OUTLINE);

/**
 * The traffic layer: every vehicle of the hub's frames as one instance of one draw call
 * (vehicleBatch), the symbols shrinking with distance where a dense fleet would be overlapping
 * pixels. A frame is decoded, matched to slots and put into ECEF in a worker (vehicleIndex), so
 * applying ten thousand vehicles costs the main thread a loop over typed arrays (vehicleTable)
 * and one upload of their segments; between frames the GPU moves and turns them, and a render
 * costs the main thread a few uniforms whatever the fleet's size.
 */
export function createVehicleLayer(scene: Scene, options: VehicleLayerOptions = {}): VehicleLayer {
  const appearMs = options.appearMs ?? 400;
  const table = new VehicleTable({
    segment: options.segment ?? { minMs: 100, maxMs: 2000 },
    maxGapMs: options.maxGapMs ?? 5000,
    maxStepM: options.maxStepM ?? 250,
  });
  const batch = scene.primitives.add(
    new VehicleBatch({
      symbolPx: options.symbolPx ?? 18,
      // Full size at every distance: the same scale near and far.
      distanceScale: options.distanceScale === null ? [0, 1, 1, 1] : nearFarOf(options.distanceScale ?? DEFAULT_DISTANCE_SCALE),
      appearMs,
      palette: TYPE_COLOURS,
      outline: OUTLINE,
    }),
  ) as VehicleBatch;
  batch.show = options.show ?? true;
  const counts = { applied: 0, stale: 0, rejected: 0, lastError: undefined as string | undefined };
  let lastArrivalMs = Number.NEGATIVE_INFINITY;

  const onPreRender = () => {
    if (!batch.show) return;
    const now = performance.now();
    batch.progress = table.progress(now);
    batch.sinceSegmentMs = now - table.segmentStartMs;
    // The viewer renders on request: keep frames coming while vehicles move or grow in.
    if (batch.progress < 1 || now - lastArrivalMs < appearMs) scene.requestRender();
  };
  const removePreRender = scene.preRender.addEventListener(onPreRender);

  const apply = (frame: IndexedFrame) => {
    const now = performance.now();
    const update = table.apply(frame, now);
    if (update.added.length > 0) lastArrivalMs = now;
    batch.setVehicles(table);
    scene.requestRender();
  };

  let disposed = false;
  const onResult = (result: IndexerResult) => {
    if (disposed) return;
    const started = performance.now();
    if (result.kind === 'indexed') apply(result.frame);
    else if (result.kind === 'rejected') counts.lastError = result.error;
    const outcome: FrameOutcome = result.kind === 'indexed' ? 'applied' : result.kind;
    counts[outcome]++;
    options.onFrame?.({ outcome, mainThreadMs: result.handedMs + performance.now() - started });
  };
  const indexer = createVehicleIndexer({ heightM: options.heightM ?? 2, maxVehicles: options.maxVehicles ?? 200_000 }, onResult);

  return {
    applyFrame(frame) {
      indexer.index(frame);
    },
    get show() {
      return batch.show;
    },
    set show(value: boolean) {
      batch.show = value;
      scene.requestRender();
    },
    clear() {
      indexer.clear();
      table.clear();
      batch.clear();
      scene.requestRender();
    },
    get stats() {
      return { vehicles: table.count, drawn: batch.drawn, ...counts };
    },
    dispose() {
      disposed = true;
      indexer.dispose();
      removePreRender();
      if (!batch.isDestroyed()) scene.primitives.remove(batch);
    },
  };
}
