import { createCanvas } from '@napi-rs/canvas';
import type { Incident } from '@pengcheng/protocol';
import { BillboardCollection, Cartographic, Event, LabelCollection, PerspectiveFrustum, PrimitiveCollection, type Billboard, type Scene } from 'cesium';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIncidentLayer } from './incidentLayer.js';

// Cesium draws label glyphs and our markers on 2D canvases; Node has them through @napi-rs/canvas.
beforeAll(() => {
  Object.assign(globalThis, {
    document: {
      createElement: (tag: string) => (tag === 'canvas' ? createCanvas(1, 1) : { style: {} }),
      body: { appendChild() {}, removeChild() {} },
      defaultView: { getComputedStyle: () => ({ getPropertyValue: (p: string) => ({ 'font-size': '16px', 'font-family': 'sans-serif' })[p] ?? '' }) },
    },
  });
});

function fakeScene() {
  let renders = 0;
  const camera = { moveEnd: new Event(), frustum: new PerspectiveFrustum({ fov: Math.PI / 3, aspectRatio: 16 / 9 }), positionCartographic: Cartographic.fromDegrees(117.26, 34.26, 800) };
  const scene = {
    primitives: new PrimitiveCollection({ destroyPrimitives: false }),
    camera,
    preRender: new Event(),
    canvas: { clientHeight: 1080 },
    requestRender() {
      renders++;
    },
  };
  const billboards = () => {
    const out: Billboard[] = [];
    for (let i = 0; i < scene.primitives.length; i++) {
      const collection: unknown = scene.primitives.get(i);
      if (!(collection instanceof BillboardCollection)) continue;
      for (let j = 0; j < collection.length; j++) {
        const billboard = collection.get(j);
        if (billboard.show) out.push(billboard);
      }
    }
    return out;
  };
  const labels = () => {
    for (let i = 0; i < scene.primitives.length; i++) {
      const collection: unknown = scene.primitives.get(i);
      if (collection instanceof LabelCollection) return Array.from({ length: collection.length }, (_, j) => collection.get(j));
    }
    return [];
  };
  return { scene: scene as unknown as Scene, primitives: scene.primitives, billboards, labels, renders: () => renders };
}

const incident = (id: string, patch: Partial<Incident> = {}): Incident => ({
  id,
  category: 'gas_leak',
  source: 'threshold',
  severity: 'high',
  state: 'reported',
  title: `${id} 燃气泄漏`,
  place: { lon: 117.26, lat: 34.26, height: 0 },
  linkedSensors: [],
  linkedAssets: [],
  linkedAlarms: [],
  createdAtMs: 1,
  updatedAtMs: 1,
  version: 1,
  audit: [],
  ...patch,
});

describe('incident layer', () => {
  it('draws a marker per open incident, over everything, picks back to its id, and leaves closed ones off', () => {
    const { scene, billboards, labels } = fakeScene();
    const layer = createIncidentLayer(scene, { pulse: false });
    layer.setIncidents([incident('INC-1'), incident('INC-2', { state: 'handling' }), incident('INC-3', { state: 'closed' })]);
    expect(layer.stats).toEqual({ incidents: 2, awaitingDispatch: 1 });
    const picked = billboards().map((b) => layer.incidentIdOf({ primitive: b, id: b.id }));
    expect(new Set(picked)).toEqual(new Set(['INC-1', 'INC-2']));
    for (const b of billboards()) expect(b.disableDepthTestDistance).toBe(Number.POSITIVE_INFINITY);
    expect(labels().map((l) => l.text).sort()).toEqual(['INC-1 燃气泄漏', 'INC-2 燃气泄漏']);
    // Titles only near the marker, not over the whole district.
    expect(labels()[0]?.distanceDisplayCondition?.far).toBe(1500);
    layer.dispose();
  });

  it('does not claim other layers\u2019 picks', () => {
    const { scene, billboards } = fakeScene();
    const a = createIncidentLayer(scene, { pulse: false });
    const b = createIncidentLayer(scene, { pulse: false });
    a.setIncidents([incident('INC-1')]);
    const picks = billboards().map((billboard) => ({ primitive: billboard, id: billboard.id }));
    expect(picks.some((p) => a.incidentIdOf(p) === 'INC-1')).toBe(true);
    expect(picks.map((p) => b.incidentIdOf(p)).filter(Boolean)).toEqual([]);
    expect(a.incidentIdOf(undefined)).toBeUndefined();
    expect(a.incidentIdOf({ id: 'INC-1' })).toBeUndefined();
    a.dispose();
    b.dispose();
  });

  it('follows state changes in place: the pulse halo goes once dispatched, the marker stays the same primitive', () => {
    const { scene, billboards } = fakeScene();
    const layer = createIncidentLayer(scene, { pulse: false });
    layer.setIncidents([incident('INC-1')]);
    const before = billboards().filter((b) => layer.incidentIdOf({ id: b.id }) === 'INC-1');
    expect(before).toHaveLength(2); // marker and halo
    layer.setIncidents([incident('INC-1', { state: 'dispatched', version: 2 })]);
    const after = billboards().filter((b) => layer.incidentIdOf({ id: b.id }) === 'INC-1');
    expect(after).toHaveLength(1);
    expect(before).toContain(after[0]);
    expect(layer.stats.awaitingDispatch).toBe(0);
    layer.setIncidents([]);
    expect(layer.stats.incidents).toBe(0);
    expect(billboards().filter((b) => b.id !== undefined)).toHaveLength(0);
    layer.dispose();
  });

  it('rings the highlighted incident at its place and removes the ring when it goes', () => {
    const { scene, billboards, renders } = fakeScene();
    const layer = createIncidentLayer(scene, { pulse: false });
    layer.setIncidents([incident('INC-1', { state: 'handling', place: { lon: 117.27, lat: 34.25, height: 0 } })]);
    const ringCount = () => billboards().filter((b) => b.id === undefined).length;
    expect(ringCount()).toBe(0);
    const before = renders();
    layer.highlight('INC-1');
    expect(ringCount()).toBe(1);
    expect(renders()).toBeGreaterThan(before);
    const ring = billboards().find((b) => b.id === undefined);
    const marker = billboards().find((b) => b.id !== undefined);
    expect(ring?.position).toEqual(marker?.position);
    layer.setIncidents([]);
    expect(ringCount()).toBe(0);
    layer.dispose();
  });

  it('hides and shows as a whole, and removes its collections on dispose', () => {
    const { scene, primitives, billboards } = fakeScene();
    const layer = createIncidentLayer(scene, { pulse: false, show: false });
    layer.setIncidents([incident('INC-1')]);
    expect(layer.show).toBe(false);
    layer.show = true;
    expect(billboards().length).toBeGreaterThan(0);
    layer.dispose();
    expect(primitives.length).toBe(0);
  });
});
