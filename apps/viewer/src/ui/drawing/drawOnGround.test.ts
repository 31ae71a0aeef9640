import { describe, expect, it } from 'vitest';
import type { GeoRect } from '../../engine/drawing/geoRect.js';
import type { SceneEngine } from '../../engine/sceneEngine.js';
import { createViewerStore } from '../../state/viewerStore.js';
import { drawOnGround, sectionAroundView } from './drawOnGround.js';

const AREA: GeoRect = { west: 117.277, south: 34.204, east: 117.2798, north: 34.206 };

/** An engine whose drawing the test finishes: `finish(area)` is the user releasing (or undefined: Escape). */
function drawingEngine() {
  let finish: (area: GeoRect | undefined) => void = () => undefined;
  const engine = { drawArea: () => new Promise<GeoRect | undefined>((resolve) => (finish = resolve)) } as unknown as SceneEngine;
  return { engine, finish: (area: GeoRect | undefined) => finish(area) };
}

describe('drawing on the ground', () => {
  it('makes the drawn area the translucent ground and turns underground on', async () => {
    const store = createViewerStore();
    const { engine, finish } = drawingEngine();
    store.getState().setEngine(engine);
    const done = drawOnGround(store, 'underground-area');
    expect(store.getState().drawing).toBe('underground-area');
    finish(AREA);
    await done;
    expect(store.getState()).toMatchObject({ drawing: undefined, underground: true, undergroundArea: AREA });
  });

  it('redraws the section box’s footprint and keeps its heights', async () => {
    const store = createViewerStore();
    const { engine, finish } = drawingEngine();
    store.getState().setEngine(engine);
    store.getState().setSection({ west: 117, south: 34, east: 117.01, north: 34.01, bottomM: -12, topM: 40 });
    const done = drawOnGround(store, 'section');
    finish(AREA);
    await done;
    expect(store.getState().section).toEqual({ ...AREA, bottomM: -12, topM: 40 });
  });

  it('changes nothing when cancelled', async () => {
    const store = createViewerStore();
    const { engine, finish } = drawingEngine();
    store.getState().setEngine(engine);
    const done = drawOnGround(store, 'section');
    finish(undefined);
    await done;
    expect(store.getState()).toMatchObject({ drawing: undefined, section: undefined, underground: false, undergroundArea: undefined });
  });

  it('puts a new box around where the camera looks, sized to its height within bounds', () => {
    const store = createViewerStore();
    expect(sectionAroundView(store)).toBeUndefined();
    store.getState().setView({ longitude: 117.2784, latitude: 34.205, cameraHeightMetres: 400 });
    const box = sectionAroundView(store);
    expect(box).toBeDefined();
    if (!box) return;
    expect((box.west + box.east) / 2).toBeCloseTo(117.2784, 9);
    expect((box.north - box.south) * 111_320).toBeCloseTo(400, 3);
    store.getState().setView({ longitude: 117.2784, latitude: 34.205, cameraHeightMetres: 20_000 });
    expect(((sectionAroundView(store)?.north ?? 0) - (sectionAroundView(store)?.south ?? 0)) * 111_320).toBeCloseTo(1600, 3);
  });
});
