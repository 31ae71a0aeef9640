import { describe, expect, it } from 'vitest';
import type { LayerStylingEvents } from '../engine/layers/catalogLayers.js';
import type { SceneEngine } from '../engine/sceneEngine.js';
import { createViewerStore } from '../state/viewerStore.js';
import { startLayerSync } from './layerSync.js';

function fakeEngine() {
  const calls: string[] = [];
  let styling: LayerStylingEvents | undefined;
  const engine = {
    layers: {
      setDisplay: (id: string, d: { visible: boolean; opacity: number }) => calls.push(`display ${id} ${d.visible} ${d.opacity}`),
      setStyle: (id: string, s: { property: string } | undefined) => {
        calls.push(`style ${id} ${s?.property ?? '-'}`);
        // The engine answers a style at once with its legend, back into the store.
        styling?.onLegend({ id, legend: s ? { layerId: id, property: s.property, text: {}, entries: [] } : undefined });
      },
      addUrl: (id: string, url: string) => calls.push(`add ${id} ${url}`),
    },
    onLayerStyling(listener: LayerStylingEvents) {
      styling = listener;
      return () => {
        styling = undefined;
      };
    },
  };
  return { engine: engine as unknown as SceneEngine, calls, styling: () => styling };
}

describe('startLayerSync', () => {
  it('applies the store to the engine, changes one by one, and everything again to a rebuilt engine', () => {
    const store = createViewerStore({ addedLayers: [{ id: 'url-1', url: 'https://x/t.json' }] });
    store.getState().setLayerDisplay('district-ground', { opacity: 0.5 });
    store.getState().setLayerStyle('district-buildings', { property: 'use' });
    const stop = startLayerSync(store);
    const first = fakeEngine();
    store.getState().setEngine(first.engine);
    expect(first.calls).toEqual(['add url-1 https://x/t.json', 'display district-ground true 0.5', 'style district-buildings use']);

    expect(store.getState().legends['district-buildings']?.property).toBe('use');

    first.calls.length = 0;
    store.getState().setLayerDisplay('district-buildings', { visible: false });
    expect(first.calls).toEqual(['display district-buildings false 1']);
    store.getState().setLayerStyle('district-buildings', { property: 'heightM' });
    expect(first.calls).toEqual(['display district-buildings false 1', 'style district-buildings heightM']);

    first.styling()?.onStyleOptions({ id: 'district-buildings', options: [] });
    first.styling()?.onLegend({ id: 'district-buildings', legend: { layerId: 'district-buildings', property: 'use', text: {}, entries: [] } });
    expect(store.getState().styleOptions['district-buildings']).toEqual([]);
    expect(store.getState().legends['district-buildings']?.property).toBe('use');

    const second = fakeEngine();
    store.getState().setEngine(second.engine);
    expect(first.styling()).toBeUndefined();
    expect(second.calls).toEqual(expect.arrayContaining(['display district-buildings false 1', 'style district-buildings heightM', 'add url-1 https://x/t.json']));
    stop();
    expect(second.styling()).toBeUndefined();
  });
});
