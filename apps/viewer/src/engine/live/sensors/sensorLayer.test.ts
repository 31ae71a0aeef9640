import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { SENSOR_KINDS, type Sensor } from '@pengcheng/protocol';
import { BillboardCollection, Cartographic, Event, PerspectiveFrustum, PrimitiveCollection, type Billboard, type LabelCollection, type Scene } from 'cesium';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSensorLayer } from './sensorLayer.js';
import { SENSOR_STATES } from './sensorState.js';
import { drawSensorSymbol } from './sensorSymbols.js';

// Cesium draws label glyphs and our symbols on 2D canvases; Node has them through @napi-rs/canvas.
beforeAll(() => {
  Object.assign(globalThis, {
    document: {
      createElement: (tag: string) => (tag === 'canvas' ? createCanvas(1, 1) : { style: {} }),
      body: { appendChild() {}, removeChild() {} },
      defaultView: { getComputedStyle: () => ({ getPropertyValue: (p: string) => ({ 'font-size': '16px', 'font-family': 'sans-serif' })[p] ?? '' }) },
    },
  });
});

function fakeScene(heightM: number) {
  const camera = {
    moveEnd: new Event(),
    frustum: new PerspectiveFrustum({ fov: Math.PI / 3, aspectRatio: 16 / 9 }),
    positionCartographic: Cartographic.fromDegrees(117.26, 34.26, heightM),
  };
  const scene = { primitives: new PrimitiveCollection({ destroyPrimitives: false }), camera, preRender: new Event(), canvas: { clientHeight: 1080 }, drawingBufferHeight: 1080, requestRender() {} };
  const moveTo = (height: number) => {
    camera.positionCartographic = Cartographic.fromDegrees(117.26, 34.26, height);
    camera.moveEnd.raiseEvent();
  };
  /** What `scene.pick` would return for each shown billboard. */
  const picks = () => {
    const out: { primitive: Billboard; id: unknown }[] = [];
    for (let i = 0; i < scene.primitives.length; i++) {
      const collection: unknown = scene.primitives.get(i);
      if (!(collection instanceof BillboardCollection)) continue;
      for (let j = 0; j < collection.length; j++) {
        const billboard = collection.get(j);
        if (billboard.show && billboard.id !== undefined) out.push({ primitive: billboard, id: billboard.id });
      }
    }
    return out;
  };
  return { scene: scene as unknown as Scene, primitives: scene.primitives, moveTo, picks };
}

const sensor = (id: string, lon: number, lat = 34.26): Sensor => ({
  id,
  kind: 'water_level',
  name: { zh: id, en: id },
  position: { lon, lat, height: -2 },
  asset: { kind: 'low_point', id: 'lp-1' },
  thresholds: [],
  externalIds: [],
  public: true,
});

// Two sensors 10 m apart by a road, one 4 km off.
const SENSORS = [sensor('wl-1', 117.26), sensor('wl-2', 117.2601), sensor('wl-3', 117.3)];

describe('sensor layer', () => {
  it('clusters sensors from afar, with the worst state, and zooms a clicked cluster until it splits', () => {
    const { scene, moveTo, picks } = fakeScene(6000);
    const layer = createSensorLayer(scene, { pulse: false });
    layer.setSensors(SENSORS);
    layer.setStates(new Map([['wl-1', 'alarm'], ['wl-2', 'normal'], ['wl-3', 'warning']]));
    expect(layer.stats).toEqual({ sensors: 3, clusters: 1, shown: 2 });

    const cluster = picks().map((p) => layer.clusterOf(p)).find((target) => target !== undefined);
    expect(cluster?.count).toBe(2);
    expect(layer.sensorIdOf(picks().find((p) => layer.clusterOf(p)))).toBeUndefined();
    expect(cluster?.expansionHeightM).toBeLessThan(6000);

    moveTo(cluster?.expansionHeightM ?? 0);
    expect(layer.stats.clusters).toBe(0);
    expect(picks().map((p) => layer.sensorIdOf(p)).sort()).toEqual(['wl-1', 'wl-2', 'wl-3']);
    layer.dispose();
  });

  it('shows every sensor on its own near the ground', () => {
    const { scene } = fakeScene(500);
    const layer = createSensorLayer(scene, { pulse: false });
    layer.setSensors(SENSORS);
    expect(layer.stats).toEqual({ sensors: 3, clusters: 0, shown: 3 });
    layer.dispose();
  });

  it('draws alarms in a collection of their own, above the others', () => {
    const { scene, primitives, picks } = fakeScene(500);
    const layer = createSensorLayer(scene, { pulse: false });
    layer.setSensors(SENSORS);
    layer.setStates(new Map([['wl-2', 'alarm']]));
    const alarm = picks().find((p) => layer.sensorIdOf(p) === 'wl-2');
    const quiet = picks().find((p) => layer.sensorIdOf(p) === 'wl-1');
    const order = (billboard: Billboard | undefined) => {
      for (let i = 0; i < primitives.length; i++) if (primitives.get(i) === (billboard as unknown as { _billboardCollection: unknown })._billboardCollection) return i;
      return -1;
    };
    expect(order(alarm?.primitive)).toBeGreaterThan(order(quiet?.primitive));
    expect(alarm?.primitive.width).toBeGreaterThan(quiet?.primitive.width ?? Infinity);
    layer.dispose();
  });

  it('answers picks of its own symbols only', () => {
    const a = fakeScene(500);
    const first = createSensorLayer(a.scene, { pulse: false });
    const second = createSensorLayer(a.scene, { pulse: false });
    first.setSensors(SENSORS.slice(0, 1));
    const [picked] = a.picks();
    expect(first.sensorIdOf(picked)).toBe('wl-1');
    expect(second.sensorIdOf(picked)).toBeUndefined();
    expect(first.sensorIdOf({ id: 'wl-1' })).toBeUndefined();
    expect(first.sensorIdOf(undefined)).toBeUndefined();
    first.dispose();
    second.dispose();
  });

  it('takes all its primitives out of the scene on dispose', () => {
    const { scene, primitives } = fakeScene(500);
    const layer = createSensorLayer(scene);
    layer.setSensors(SENSORS);
    expect(primitives.length).toBeGreaterThan(0);
    layer.dispose();
    expect(primitives.length).toBe(0);
  });

  it('hides and shows every collection together', () => {
    const { scene, primitives } = fakeScene(500);
    const layer = createSensorLayer(scene, { show: false });
    const shows = () => Array.from({ length: primitives.length }, (_, i) => (primitives.get(i) as BillboardCollection | LabelCollection).show);
    expect(shows().every((show) => !show)).toBe(true);
    layer.show = true;
    expect(shows().every((show) => show)).toBe(true);
    layer.dispose();
  });
});

describe('sensor symbols', () => {
  it('every kind has a symbol of its own, and each state draws it differently', () => {
    const images = new Set<string>();
    for (const kind of SENSOR_KINDS) {
      for (const state of SENSOR_STATES) {
        const canvas = drawSensorSymbol(kind, state, 48) as unknown as Canvas;
        images.add(canvas.toBuffer('image/png').toString('base64'));
      }
    }
    expect(images.size).toBe(SENSOR_KINDS.length * SENSOR_STATES.length);
  });
});
