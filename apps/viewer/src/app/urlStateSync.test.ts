import { describe, expect, it, vi } from 'vitest';
import type { CameraPose } from '../engine/camera/cameraPose.js';
import type { SceneEngine } from '../engine/sceneEngine.js';
import { createViewerStore } from '../state/viewerStore.js';
import { decodeShareState } from './urlState.js';
import { applyShareState, currentShareState, shareUrl } from './urlStateSync.js';

const POSE: CameraPose = { longitude: 117.2784, latitude: 34.2, heightM: 312.5, headingDeg: 10, pitchDeg: -35, rollDeg: 0 };

/** The part of the engine the URL glue uses; the rest is never called here. */
function fakeEngine(pose: CameraPose = POSE) {
  const calls = { flyToPose: [] as Array<[CameraPose, number | undefined]>, selectFeature: [] as Array<string | undefined> };
  const engine = {
    cameraPose: () => pose,
    flyToPose: (p: CameraPose, durationS?: number) => {
      calls.flyToPose.push([p, durationS]);
      return Promise.resolve(true);
    },
    selectFeature: (id: string | undefined) => void calls.selectFeature.push(id),
  } as unknown as SceneEngine;
  return { engine, calls };
}

const location = { origin: 'https://twin.example.cn', pathname: '/desk', search: '?lang=en&debug' };

describe('the view as a link', () => {
  it('carries the camera the engine has now, the layers, styles, selection and added tilesets', () => {
    const store = createViewerStore({ addedLayers: [{ id: 'url-1', url: 'https://tiles.example.cn/bim/tileset.json' }] });
    const { engine } = fakeEngine();
    const s = store.getState();
    s.setEngine(engine);
    s.setLayerDisplay('district-buildings', { opacity: 0.7 });
    s.setLayerStyle('district-buildings', { property: 'use' });
    s.setLayerStyle('district-pipelines', undefined);
    s.setUnderground(true);
    s.setSelection({ layerId: 'district-buildings', properties: { id: 'BLD-000001', name: '徐州市行政中心主楼' }, inScene: true });

    const url = new URL(shareUrl(store.getState(), location));
    expect(url.pathname).toBe('/desk');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.has('debug')).toBe(true);
    expect(url.searchParams.getAll('tileset')).toEqual(['https://tiles.example.cn/bim/tileset.json']);
    const back = decodeShareState(url.search);
    expect(back.camera).toMatchObject({ longitude: 117.2784, latitude: 34.2, heightM: 312.5, headingDeg: 10, pitchDeg: -35 });
    expect(back.layers).toEqual({ 'district-buildings': { visible: true, opacity: 0.7 } });
    expect(back.styles).toEqual({ 'district-buildings': { property: 'use' } });
    expect(back.selection).toBe('BLD-000001');
    expect(back.underground).toBe(true);
  });

  it('names a selection still being restored, and the start camera before there is a scene', () => {
    const store = createViewerStore({ camera: POSE });
    expect(currentShareState(store.getState(), 'PIPE-GS-000001')).toMatchObject({ camera: POSE, selection: 'PIPE-GS-000001' });
    // A feature without an id (a tileset added by URL) cannot be named.
    store.getState().setSelection({ layerId: 'url-1', properties: { name: 'x' } });
    expect(currentShareState(store.getState()).selection).toBeUndefined();
  });

  it('opening a view puts back what it names, resets what it does not, and flies there', async () => {
    const store = createViewerStore();
    const { engine, calls } = fakeEngine();
    const s = store.getState();
    s.setEngine(engine);
    s.setLayerDisplay('district-ground', { visible: false });
    s.setLayerStyle('district-pipelines', { property: 'network' });
    s.setUnderground(true);
    s.setSelection({ layerId: 'district-buildings', properties: { id: 'BLD-000002' }, inScene: true });

    const target: CameraPose = { ...POSE, headingDeg: 90 };
    await applyShareState(store, { camera: target, layers: { 'district-buildings': { visible: true, opacity: 0.5 } }, styles: { 'district-buildings': { property: 'yearBuilt' } }, selection: undefined, underground: false }, { flyS: 1.5 });

    const after = store.getState();
    expect(after.layerDisplay).toEqual({ 'district-ground': { visible: true, opacity: 1 }, 'district-buildings': { visible: true, opacity: 0.5 } });
    expect(after.styles['district-pipelines']).toBeUndefined();
    expect(after.styles['district-buildings']).toEqual({ property: 'yearBuilt' });
    expect(after.underground).toBe(false);
    expect(after.selection).toBeUndefined();
    expect(calls.flyToPose).toEqual([[target, 1.5]]);
  });

  it('a view naming another feature asks the search for it and selects it', async () => {
    const fetch = vi.fn(async () =>
      Response.json({
        query: 'BLD-000001',
        total: 1,
        results: [
          {
            id: 'BLD-000001',
            kind: 'building',
            name: { zh: '徐州市行政中心主楼' },
            position: { lon: 117.2784, lat: 34.205, height: 50 },
            radiusM: 120,
            layerId: 'district-buildings',
            properties: { id: 'BLD-000001', name: '徐州市行政中心主楼' },
          },
        ],
      }),
    );
    vi.stubGlobal('fetch', fetch);
    try {
      const store = createViewerStore();
      const { engine, calls } = fakeEngine();
      store.getState().setEngine(engine);
      store.getState().setCatalog({ phase: 'ready', entries: [{ id: 'district-buildings', kind: 'buildings', name: { zh: '建筑' }, attribution: { zh: '合成' }, version: '1', entry: 'tileset.json' }] });
      await applyShareState(store, { camera: undefined, layers: {}, styles: {}, selection: 'BLD-000001', underground: false }, { flyS: 0 });
      await vi.waitFor(() => expect(store.getState().selection?.properties.id).toBe('BLD-000001'));
      expect(calls.selectFeature).toContain('BLD-000001');
      expect(fetch).toHaveBeenCalledWith(expect.stringContaining('/api/v1/search?q=BLD-000001'), expect.anything());
      // The link's camera is its own: nothing flew.
      expect(calls.flyToPose).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
