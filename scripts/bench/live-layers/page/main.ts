/// <reference lib="dom" />
import { createVehicleLayer } from '../../../../apps/viewer/src/engine/live/traffic/vehicleLayer.js';
import { SyntheticFleet } from '../syntheticFleet.js';
import type { BenchPageState, PageParams } from '../pageContract.js';
import { Cartesian3, CesiumWidget, Math as CesiumMath } from 'cesium';
import { createEntityFleet } from './entityFleet.js';

const query = new URLSearchParams(location.search);
const params: PageParams = {
  sink: (query.get('sink') ?? 'ours') as PageParams['sink'],
  moving: query.get('moving') !== 'false',
  fullSize: query.get('fullSize') === 'true',
  count: Number(query.get('count') ?? 10_000),
  frames: Number(query.get('frames') ?? 0),
};

const state: BenchPageState = { ready: false, frames: 0, applied: 0, applyMs: [], layerMs: [], vehicles: 0 };
(globalThis as { __bench?: BenchPageState }).__bench = state;

const widget = new CesiumWidget('scene', {
  baseLayer: false,
  // Continuous rendering: the frame rate is what is measured.
  requestRenderMode: false,
  skyBox: false,
  skyAtmosphere: false,
  showRenderLoopErrors: false,
});
const { scene } = widget;
scene.globe.show = false;
scene.camera.setView({
  destination: Cartesian3.fromDegrees(117.278, 34.205, 4000),
  orientation: { heading: 0, pitch: CesiumMath.toRadians(-90), roll: 0 },
});
// Cesium only queues a frame's GPU work; without waiting for it, a frame counts before it is
// drawn, and how far the queue runs ahead of the GPU varied the frame rates tenfold between
// pages. Reading one pixel back waits until the frame is drawn, so every phase counts drawn frames.
const gl = widget.canvas.getContext('webgl2') ?? widget.canvas.getContext('webgl');
const pixel = new Uint8Array(4);
scene.postRender.addEventListener(() => {
  gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  state.frames++;
});

// Listeners run in the order added: these two bracket the layer's own preRender work.
let layerStart = 0;
scene.preRender.addEventListener(() => (layerStart = performance.now()));
const record = (ms: number) => {
  if (state.applied === 0) state.firstApplyMs = ms;
  else state.applyMs.push(ms);
  state.applied++;
};
// Our layer indexes frames in a worker: it reports each frame's main-thread time when it is drawn.
const sink =
  params.sink === 'ours'
    ? createVehicleLayer(scene, { ...(params.fullSize ? { distanceScale: null } : {}), onFrame: ({ outcome, mainThreadMs }) => outcome === 'applied' && record(mainThreadMs) })
    : params.sink === 'entities'
      ? createEntityFleet(widget)
      : undefined;
if (params.sink === 'ours') scene.preRender.addEventListener(() => state.layerMs.push(performance.now() - layerStart));

const fleet = new SyntheticFleet({ count: params.count, seed: 8, churn: 0.005 });
let handed = 0;
const feed = () => {
  const bytes = fleet.frame(params.moving);
  handed++;
  if (params.sink === 'ours') {
    sink?.applyFrame(bytes);
    return;
  }
  const started = performance.now();
  sink?.applyFrame(bytes);
  record(performance.now() - started);
};
const vehiclesOf = (layer: typeof sink) => (layer && 'stats' in layer ? layer.stats.vehicles : (layer?.vehicles ?? 0));
Object.defineProperty(state, 'vehicles', { get: () => vehiclesOf(sink) });

// `frames` 0: a frame every second, like the simulator; otherwise that many frames, one a second.
const timer = setInterval(() => {
  if (params.frames > 0 && handed >= params.frames) clearInterval(timer);
  else feed();
}, 1000);
feed();
state.ready = true;
