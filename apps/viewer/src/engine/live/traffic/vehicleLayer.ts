import { VehicleType } from '@pengcheng/protocol';
import { BillboardCollection, BlendOption, Cartesian3, Cartesian4, Color, Matrix4, NearFarScalar, Transforms, type Billboard, type Scene } from 'cesium';
import { screenRotation } from './headingMath.js';
import { appearScale, type SegmentBounds } from './segmentTiming.js';
import { DEFAULT_DISTANCE_SCALE, nearFarOf, type SymbolDistanceScale } from './symbolDistanceScale.js';
import { VEHICLE_COLOURS } from './vehiclePalette.js';
import { drawVehicleSymbol } from './vehicleSymbol.js';
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
  /** The id of the vehicle a `scene.pick` result is, if it is one of this layer's. */
  vehicleIdOf(picked: unknown): string | undefined;
  readonly stats: VehicleLayerStats;
  dispose(): void;
}

/** What the layer's billboards carry as `id`, so a pick finds the slot (and its current vehicle). */
class VehicleSlot {
  constructor(readonly slot: number) {}
}

const TYPE_COLOURS = VehicleType.options.map((type) => Color.fromCssColorString(VEHICLE_COLOURS[type]));
const SYMBOL_ID = 'pengcheng-vehicle';
/** How far (in pixels) a symbol may trail its vehicle before it is moved: less than the eye sees. */
const SUBPIXEL = 0.25;
const RAD = Math.PI / 180;
/** How far (in degrees) a symbol may trail its vehicle's turn before it is re-aimed. */
const HEADING_STEP_DEG = 0.5;
/** A camera turn smaller than this (in eye-space vector components) does not re-aim the symbols. */
const CAMERA_EPSILON = 1e-4;

/**
 * The traffic layer: every vehicle of the hub's frames as one billboard of one translucent
 * collection, the symbols shrinking with distance where a dense fleet would be overlapping pixels. A
 * frame is decoded, matched to slots and put into ECEF in a worker (vehicleIndex), so applying ten
 * thousand vehicles costs the main thread a loop over typed arrays (vehicleTable); each render, a loop over them moves the
 * billboards that are still on their way, each once it is a quarter pixel off (Cesium rewrites
 * only the billboards it is handed, so unseen moves cost no buffer writes). Billboards are pooled: a vehicle that leaves hides its
 * billboard for the next one to arrive, so the collection is rebuilt only when the fleet grows.
 */
export function createVehicleLayer(scene: Scene, options: VehicleLayerOptions = {}): VehicleLayer {
  const appearMs = options.appearMs ?? 400;
  const table = new VehicleTable({
    segment: options.segment ?? { minMs: 100, maxMs: 2000 },
    maxGapMs: options.maxGapMs ?? 5000,
    maxStepM: options.maxStepM ?? 250,
  });
  const symbol = drawVehicleSymbol(options.symbolPx ?? 18);
  const distanceScale = options.distanceScale === null ? undefined : new NearFarScalar(...nearFarOf(options.distanceScale ?? DEFAULT_DISTANCE_SCALE));
  // One translucent pass instead of Cesium's default opaque-and-translucent pair: the symbol's
  // edges are translucent anyway, and in software WebGL the opaque pass made 10,000 symbols draw
  // about 16 times slower (issue 8's benchmark).
  const collection = scene.primitives.add(new BillboardCollection({ blendOption: BlendOption.TRANSLUCENT })) as BillboardCollection;
  collection.show = options.show ?? true;
  const billboards: Billboard[] = [];
  // Where each slot's symbol was last put (ECEF) and how it was last aimed: writes are skipped
  // while the difference cannot be seen.
  let drawn = new Float64Array(0);
  let drawnHeading = new Float32Array(0);
  const counts = { applied: 0, stale: 0, rejected: 0, lastError: undefined as string | undefined };

  // Eye-space images of the local east and north, at the first vehicle seen.
  let enu: Matrix4 | undefined;
  const east = new Cartesian3();
  const north = new Cartesian3();
  const eye = { eastX: 0, eastY: 0, northX: 0, northY: 0 };
  const scratch = new Cartesian3();
  let settled = true;
  let redrawAll = false;

  const grow = () => {
    if (drawnHeading.length < table.capacity) {
      const positions = new Float64Array(3 * table.capacity);
      positions.set(drawn);
      drawn = positions;
      const headings = new Float32Array(table.capacity);
      headings.set(drawnHeading);
      drawnHeading = headings;
    }
    while (billboards.length < table.capacity) {
      const billboard = collection.add({ show: false, position: Cartesian3.ZERO, id: new VehicleSlot(billboards.length), scaleByDistance: distanceScale });
      billboard.setImage(SYMBOL_ID, symbol);
      billboards.push(billboard);
    }
  };

  /** Whether the camera turned since the symbols were last aimed. */
  const readCamera = (): boolean => {
    if (!enu) return false;
    const view = scene.camera.viewMatrix;
    Matrix4.multiplyByPointAsVector(view, east, scratch);
    const eastX = scratch.x;
    const eastY = scratch.y;
    Matrix4.multiplyByPointAsVector(view, north, scratch);
    const turned =
      Math.abs(eastX - eye.eastX) > CAMERA_EPSILON ||
      Math.abs(eastY - eye.eastY) > CAMERA_EPSILON ||
      Math.abs(scratch.x - eye.northX) > CAMERA_EPSILON ||
      Math.abs(scratch.y - eye.northY) > CAMERA_EPSILON;
    if (turned) {
      eye.eastX = eastX;
      eye.eastY = eastY;
      eye.northX = scratch.x;
      eye.northY = scratch.y;
    }
    return turned;
  };

  const onPreRender = () => {
    if (!collection.show) return;
    const turned = readCamera();
    if (settled && !turned && !redrawAll) return;
    const now = performance.now();
    const t = table.progress(now);
    const all = turned || redrawAll;
    const { alive, moving, growing, from, to, fromHeading, turn, appearAtMs, highWater } = table;
    const { eastX, eastY, northX, northY } = eye;
    const { x: cx, y: cy, z: cz } = scene.camera.positionWC;
    // A vehicle is moved on screen once it is a fraction of a pixel away from where it was last
    // drawn (or at the end of its move): further off, the symbol would visibly lag.
    const fovy = (scene.camera.frustum as { fovy?: number }).fovy ?? 1;
    const step = (SUBPIXEL * 2 * Math.tan(fovy / 2)) / Math.max(1, scene.drawingBufferHeight);
    const step2 = step * step;
    let animating = t < 1;
    for (let slot = 0; slot < highWater; slot++) {
      if (alive[slot] === 0) continue;
      const isMoving = moving[slot] === 1;
      const isGrowing = growing[slot] === 1;
      if (!isMoving && !isGrowing && !all) continue;
      const billboard = billboards[slot];
      if (!billboard) continue;
      const heading = (fromHeading[slot] ?? 0) + (turn[slot] ?? 0) * t;
      if (isMoving) {
        const k = 3 * slot;
        const x = (from[k] ?? 0) + ((to[k] ?? 0) - (from[k] ?? 0)) * t;
        const y = (from[k + 1] ?? 0) + ((to[k + 1] ?? 0) - (from[k + 1] ?? 0)) * t;
        const z = (from[k + 2] ?? 0) + ((to[k + 2] ?? 0) - (from[k + 2] ?? 0)) * t;
        const mx = x - (drawn[k] ?? 0);
        const my = y - (drawn[k + 1] ?? 0);
        const mz = z - (drawn[k + 2] ?? 0);
        const ex = x - cx;
        const ey = y - cy;
        const ez = z - cz;
        if (t >= 1 || all || mx * mx + my * my + mz * mz > step2 * (ex * ex + ey * ey + ez * ez)) {
          scratch.x = drawn[k] = x;
          scratch.y = drawn[k + 1] = y;
          scratch.z = drawn[k + 2] = z;
          billboard.position = scratch;
        }
        if (t >= 1) moving[slot] = 0;
      }
      if (all || t >= 1 || Math.abs(heading - (drawnHeading[slot] ?? 0)) > HEADING_STEP_DEG) {
        drawnHeading[slot] = heading;
        billboard.rotation = screenRotation(Math.sin(heading * RAD), Math.cos(heading * RAD), eastX, eastY, northX, northY);
      }
      if (isGrowing) {
        const scale = appearScale(now - (appearAtMs[slot] ?? 0), appearMs);
        billboard.scale = scale;
        if (scale >= 1) growing[slot] = 0;
        else animating = true;
      }
    }
    redrawAll = false;
    settled = !animating;
    // The viewer renders on request: keep frames coming while anything is still on its way.
    if (animating) scene.requestRender();
  };
  const removePreRender = scene.preRender.addEventListener(onPreRender);

  const colourOf = (slot: number): Color => TYPE_COLOURS[table.type[slot] ?? 0] ?? Color.WHITE;

  const hide = (slots: Iterable<number>) => {
    for (const slot of slots) {
      const billboard = billboards[slot];
      if (billboard) billboard.show = false;
    }
  };

  const apply = (frame: IndexedFrame) => {
    const update = table.apply(frame, performance.now());
    grow();
    hide(update.removed);
    for (const slot of update.added) {
      const billboard = billboards[slot];
      if (!billboard) continue;
      const k = 3 * slot;
      drawn[k] = table.to[k] ?? 0;
      drawn[k + 1] = table.to[k + 1] ?? 0;
      drawn[k + 2] = table.to[k + 2] ?? 0;
      const heading = table.fromHeading[slot] ?? 0;
      drawnHeading[slot] = heading;
      billboard.position = Cartesian3.fromElements(drawn[k] ?? 0, drawn[k + 1] ?? 0, drawn[k + 2] ?? 0, scratch);
      billboard.rotation = screenRotation(Math.sin(heading * RAD), Math.cos(heading * RAD), eye.eastX, eye.eastY, eye.northX, eye.northY);
      billboard.color = colourOf(slot);
      billboard.scale = 0;
      billboard.show = true;
    }
    for (const slot of update.retyped) {
      const billboard = billboards[slot];
      if (billboard) billboard.color = colourOf(slot);
    }
    const firstAdded = update.added[0];
    if (!enu && firstAdded !== undefined) {
      const first = firstAdded * 3;
      enu = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromElements((table.to[first] ?? 0), (table.to[first + 1] ?? 0), (table.to[first + 2] ?? 0)));
      Cartesian3.fromCartesian4(Matrix4.getColumn(enu, 0, new Cartesian4()), east);
      Cartesian3.fromCartesian4(Matrix4.getColumn(enu, 1, new Cartesian4()), north);
      readCamera();
      redrawAll = true;
    }
    settled = false;
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
      return collection.show;
    },
    set show(value: boolean) {
      if (value && !collection.show) redrawAll = true;
      collection.show = value;
      scene.requestRender();
    },
    clear() {
      indexer.clear();
      hide(table.clear());
      scene.requestRender();
    },
    vehicleIdOf(picked) {
      const id = (picked as { id?: unknown } | undefined)?.id;
      if (!(id instanceof VehicleSlot) || (picked as { collection?: unknown }).collection !== collection) return undefined;
      return table.ids[id.slot];
    },
    get stats() {
      return { vehicles: table.count, ...counts };
    },
    dispose() {
      disposed = true;
      indexer.dispose();
      removePreRender();
      if (!collection.isDestroyed()) scene.primitives.remove(collection);
    },
  };
}
