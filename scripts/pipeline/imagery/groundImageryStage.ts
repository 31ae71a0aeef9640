import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { PILOT_AREA_BOUNDS } from '@pengcheng/protocol';
import type { PipelineStage, StageContext, StageResult } from '../stage.js';
import { binSceneByTile } from './binSceneByTile.js';
import type { GroundScene, WorldBox } from './groundScene.js';
import { GROUND_SOURCES, loadGroundScene } from './loadGroundScene.js';
import { renderGroundView } from './renderGroundView.js';
import { tileRange, type TileRange } from './tileRange.js';
import { webMercator } from './webMercator.js';

export interface GroundImageryOptions {
  /** Coarsest zoom written (12: the whole district in one tile). */
  readonly minZoom?: number;
  /** Finest zoom written (19: about 0.25 m per pixel, lane markings visible). */
  readonly maxZoom?: number;
}

/** Lossy WebP at 80 keeps tiles small; the alpha plane stays lossless, so the edge is exact. */
const WEBP_QUALITY = 80;
/** Tiles being encoded and written while the next ones are drawn, so file writes overlap drawing. */
const IN_FLIGHT = availableParallelism() + 2;

const isEmpty = (scene: GroundScene): boolean => scene.areas.length + scene.surfaces.length + scene.roads.length + scene.bridges.length === 0;

function isInside(zoom: number, x: number, y: number, area: WorldBox): boolean {
  const tiles = 2 ** zoom;
  return x / tiles >= area.minX && (x + 1) / tiles <= area.maxX && y / tiles >= area.minY && (y + 1) / tiles <= area.maxY;
}

function renderTile(scene: GroundScene, zoom: number, x: number, y: number, area: WorldBox): Promise<Buffer> {
  const size = webMercator.tileSize;
  const canvas = createCanvas(size, size);
  renderGroundView(canvas.getContext('2d'), scene, { zoom, originX: x * size, originY: y * size, width: size, height: size, area });
  return canvas.encode('webp', WEBP_QUALITY);
}

/**
 * The district base map (政务区底图): an XYZ WebP pyramid drawn from the synthetic district's
 * ground layers, transparent outside the pilot area so the globe's own imagery shows around it.
 */
export function groundImageryStage(options: GroundImageryOptions = {}): PipelineStage {
  const minZoom = options.minZoom ?? 12;
  const maxZoom = options.maxZoom ?? 19;
  return {
    id: 'district-ground',
    kind: 'imagery',
    name: { zh: '政务区底图', en: 'District base map' },
    attribution: { zh: '底图据合成的政务区数据绘制', en: 'Drawn from the synthetic district data' },
    inputs: Object.values(GROUND_SOURCES),

    async run(context: StageContext): Promise<StageResult> {
      const northWest = webMercator.project(PILOT_AREA_BOUNDS.west, PILOT_AREA_BOUNDS.north);
      const southEast = webMercator.project(PILOT_AREA_BOUNDS.east, PILOT_AREA_BOUNDS.south);
      const area = { minX: northWest.x, minY: northWest.y, maxX: southEast.x, maxY: southEast.y };
      const { scene, features, skipped } = await loadGroundScene(context.sourceDir, area, (message) => context.log(message));

      const ranges: TileRange[] = [];
      for (let zoom = minZoom; zoom <= maxZoom; zoom++) ranges.push(tileRange(PILOT_AREA_BOUNDS, zoom));
      const total = ranges.reduce((sum, r) => sum + (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1), 0);
      let done = 0;
      let failure: unknown;
      // Plain ground tiles are all alike: encode one and write its bytes everywhere.
      let plainTile: Promise<Buffer> | undefined;
      const inFlight = new Set<Promise<void>>();

      for (const range of ranges) {
        const sceneAt = binSceneByTile(scene, range);
        for (let x = range.minX; x <= range.maxX; x++) {
          const dir = path.join(context.outDir, String(range.zoom), String(x));
          await mkdir(dir, { recursive: true });
          for (let y = range.minY; y <= range.maxY; y++) {
            const tileScene = sceneAt(x, y);
            const plain = isEmpty(tileScene) && isInside(range.zoom, x, y, area);
            const bytes = plain ? (plainTile ??= renderTile(tileScene, range.zoom, x, y, area)) : renderTile(tileScene, range.zoom, x, y, area);
            const job: Promise<void> = bytes
              .then((data) => writeFile(path.join(dir, `${y}.webp`), data))
              .then(() => context.onProgress(++done, total))
              .catch((error: unknown) => {
                failure ??= error;
              })
              .finally(() => inFlight.delete(job));
            inFlight.add(job);
            if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
            if (failure) throw failure;
          }
        }
      }
      await Promise.all(inFlight);
      if (failure) throw failure;

      return {
        entry: '{z}/{x}/{y}.webp',
        bounds: { west: PILOT_AREA_BOUNDS.west, south: PILOT_AREA_BOUNDS.south, east: PILOT_AREA_BOUNDS.east, north: PILOT_AREA_BOUNDS.north },
        features,
        skipped,
        tiles: total,
        imagery: { minZoom, maxZoom, format: 'webp' },
      };
    },
  };
}
