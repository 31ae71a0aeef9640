import type { AreaFeature, BridgeDeck, GroundScene, RoadLine, RoadSurface, WorldBox } from './groundScene.js';
import { groundStyle } from './groundStyle.js';
import { webMercator } from './webMercator.js';
import type { TileRange } from './tileRange.js';

/** Anti-aliasing and 1-pixel outlines reach this far past a feature's geometry. */
const EDGE_PX = 2;

interface Bin {
  areas: AreaFeature[];
  surfaces: RoadSurface[];
  roads: RoadLine[];
  bridges: BridgeDeck[];
}

const EMPTY: GroundScene = { areas: [], surfaces: [], roads: [], bridges: [] };

/**
 * Sorts the features of a scene into the tiles of one zoom they can paint on (their box grown
 * by how far their strokes reach), so each tile draws a handful of features instead of all.
 * Order within a bin is the scene's order, so drawing order is kept.
 */
export function binSceneByTile(scene: GroundScene, range: TileRange): (x: number, y: number) => GroundScene {
  const tiles = 2 ** range.zoom;
  const scale = webMercator.worldPixels(range.zoom);
  const columns = range.maxX - range.minX + 1;
  const bins = new Map<number, Bin>();

  const add = <K extends keyof Bin>(kind: K, feature: Bin[K][number], box: WorldBox, reachPx: number): void => {
    const reach = reachPx / scale;
    const x0 = Math.max(range.minX, Math.floor((box.minX - reach) * tiles));
    const x1 = Math.min(range.maxX, Math.floor((box.maxX + reach) * tiles));
    const y0 = Math.max(range.minY, Math.floor((box.minY - reach) * tiles));
    const y1 = Math.min(range.maxY, Math.floor((box.maxY + reach) * tiles));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const key = (y - range.minY) * columns + (x - range.minX);
        let bin = bins.get(key);
        if (!bin) {
          bin = { areas: [], surfaces: [], roads: [], bridges: [] };
          bins.set(key, bin);
        }
        (bin[kind] as Bin[K][number][]).push(feature);
      }
    }
  };

  for (const area of scene.areas) add('areas', area, area.box, EDGE_PX);
  for (const surface of scene.surfaces) add('surfaces', surface, surface.box, groundStyle.metresPx(groundStyle.casingM, surface.unitsPerMetre, range.zoom, 0.8) + EDGE_PX);
  for (const road of scene.roads) {
    const { widthPx, casingPx } = groundStyle.roadPx(road, range.zoom);
    if (widthPx > 0) add('roads', road, road.box, widthPx / 2 + casingPx + EDGE_PX);
  }
  for (const bridge of scene.bridges) {
    const { deckPx, parapetPx, shadowPx } = groundStyle.bridgePx(bridge, range.zoom);
    if (deckPx > 0) add('bridges', bridge, bridge.box, deckPx / 2 + parapetPx + shadowPx + EDGE_PX);
  }
  return (x, y) => bins.get((y - range.minY) * columns + (x - range.minX)) ?? EMPTY;
}
