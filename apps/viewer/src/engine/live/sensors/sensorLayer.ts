import type { Sensor } from '@pengcheng/protocol';
import { BillboardCollection, Cartesian3, type Billboard, type Scene } from 'cesium';
import Supercluster from 'supercluster';
import { startBillboardPulse } from '../pulse/billboardPulse.js';
import { clusterPropsOf, clusterState, clusterZoom, expansionHeight, mergeClusterProps, type ClusterPolicy, type ClusterProps, type ZoomFrame } from './clusterMath.js';
import type { SensorState } from './sensorState.js';
import { drawClusterBadge, drawSelectionRing, drawSensorSymbol, symbolSizePx } from './sensorSymbols.js';

export interface SensorLayerOptions {
  /** Symbol diameter on screen, CSS pixels (default 26); the wall passes a larger one. */
  readonly symbolPx?: number;
  /** Below this camera height every sensor shows on its own, metres (default 800). */
  readonly nearHeightM?: number;
  /** Sensors closer than this on screen merge into a cluster, CSS pixels (default 56). */
  readonly clusterRadiusPx?: number;
  /** Alarm symbols pulse (default true); a still screen (a capture, a test) turns it off. */
  readonly pulse?: boolean;
  readonly show?: boolean;
}

/** Where to fly so a clicked cluster splits into its sensors (or smaller clusters). */
export interface ClusterTarget {
  readonly lon: number;
  readonly lat: number;
  readonly count: number;
  /** A camera height at which the cluster shows split, metres above the ground. */
  readonly expansionHeightM: number;
}

export interface SensorLayerStats {
  /** Sensors registered. */
  readonly sensors: number;
  /** Clusters drawn now. */
  readonly clusters: number;
  /** Symbols drawn now: single sensors and clusters. */
  readonly shown: number;
}

export interface SensorLayer {
  /** The registry to draw; replaces the previous one. */
  setSensors(sensors: readonly Sensor[]): void;
  /** Each sensor's state (see sensorState); a sensor missing here shows offline. */
  setStates(states: ReadonlyMap<string, SensorState>): void;
  /** Rings the sensor (the selected one), even while it is inside a cluster; undefined removes the ring. */
  highlight(id: string | undefined): void;
  /** The id of the sensor a `scene.pick` result is, if it is one of this layer's single symbols. */
  sensorIdOf(picked: unknown): string | undefined;
  /** Where to zoom for a `scene.pick` result that is one of this layer's clusters (badge or count). */
  clusterOf(picked: unknown): ClusterTarget | undefined;
  show: boolean;
  readonly stats: SensorLayerStats;
  dispose(): void;
}

/** What the layer's primitives carry as `id`; `owner` tells this layer's from another's. */
class SensorRef {
  constructor(
    readonly owner: object,
    readonly sensorId: string,
  ) {}
}
class ClusterRef {
  constructor(
    readonly owner: object,
    readonly target: ClusterTarget,
  ) {}
}

/** Hands out a collection's billboards in order each redraw and hides the ones left over. */
class BillboardPool {
  private readonly images = new Map<Billboard, string>();
  private readonly items: Billboard[] = [];
  private used = 0;
  constructor(private readonly collection: BillboardCollection) {}
  begin() {
    this.used = 0;
  }
  next(image: string, draw: () => HTMLCanvasElement): Billboard {
    let billboard = this.items[this.used];
    if (!billboard) {
      billboard = this.collection.add({ show: false, position: Cartesian3.ZERO, disableDepthTestDistance: Number.POSITIVE_INFINITY });
      this.items.push(billboard);
    }
    this.used++;
    // setImage rewrites the billboard's texture coordinates: only when the image changes.
    if (this.images.get(billboard) !== image) {
      billboard.setImage(image, draw());
      this.images.set(billboard, image);
    }
    billboard.show = true;
    return billboard;
  }
  end() {
    for (let i = this.used; i < this.items.length; i++) {
      const billboard = this.items[i];
      if (billboard) billboard.show = false;
    }
  }
  /** How many billboards this redraw handed out. */
  get shown(): number {
    return this.used;
  }
  /** Calls `f` on each billboard handed out this redraw. */
  forEachShown(f: (billboard: Billboard) => void) {
    for (let i = 0; i < this.used; i++) {
      const billboard = this.items[i];
      if (billboard) f(billboard);
    }
  }
}

const WORLD: [number, number, number, number] = [-180, -90, 180, 90];
const MAX_ZOOM = 16;
const PULSE_MS = 1200;
const CLUSTER_HEIGHT_M = 2;

interface PointProps {
  readonly index: number;
}

/**
 * The sensors as symbols in the scene: one billboard per sensor (a glyph per kind, coloured by
 * state) near the ground, merged into count badges (supercluster, coloured by the worst state
 * inside) when the camera is far. Alarms are larger, ringed and pulse, in a collection drawn
 * after the others. Everything draws through terrain and the ground, since pipe sensors sit
 * below it. The layer handles no input: the app picks and asks `sensorIdOf`/`clusterOf`.
 */
export function createSensorLayer(scene: Scene, options: SensorLayerOptions = {}): SensorLayer {
  const symbolPx = options.symbolPx ?? 26;
  const policy: ClusterPolicy = { nearHeightM: options.nearHeightM ?? 800, maxZoom: MAX_ZOOM };
  const radius = options.clusterRadiusPx ?? 56;
  const pulse = options.pulse ?? true;
  const owner = {};

  const quiet = scene.primitives.add(new BillboardCollection()) as BillboardCollection;
  const loud = scene.primitives.add(new BillboardCollection()) as BillboardCollection;
  const rings = scene.primitives.add(new BillboardCollection()) as BillboardCollection;
  const collections = [quiet, loud, rings];
  let shown = options.show ?? true;
  for (const collection of collections) collection.show = shown;

  const quietPool = new BillboardPool(quiet);
  const loudPool = new BillboardPool(loud);
  const ring = rings.add({ show: false, position: Cartesian3.ZERO, disableDepthTestDistance: Number.POSITIVE_INFINITY, width: symbolPx * 1.8, height: symbolPx * 1.8 });
  ring.setImage('ring', drawSelectionRing(Math.round(symbolPx * 3.6)));

  // Canvases are drawn at twice the display size so they stay sharp on high-density screens.
  const canvases = new Map<string, HTMLCanvasElement>();
  const canvas = (key: string, draw: () => HTMLCanvasElement) => () => {
    let image = canvases.get(key);
    if (!image) {
      image = draw();
      canvases.set(key, image);
    }
    return image;
  };

  let sensors: readonly Sensor[] = [];
  let positions: Cartesian3[] = [];
  let byId = new Map<string, number>();
  let states: ReadonlyMap<string, SensorState> = new Map();
  let index: Supercluster<PointProps, ClusterProps> | undefined;
  let highlighted: string | undefined;
  let counts = { clusters: 0, shown: 0 };

  const stateOf = (sensor: Sensor): SensorState => states.get(sensor.id) ?? 'offline';

  const frame = (): ZoomFrame => ({
    fovyRad: (scene.camera.frustum as { fovy?: number }).fovy ?? 1,
    viewportPx: scene.canvas.clientHeight || scene.drawingBufferHeight,
    latDeg: (scene.camera.positionCartographic.latitude * 180) / Math.PI,
  });

  const reindex = () => {
    index = new Supercluster<PointProps, ClusterProps>({
      radius,
      maxZoom: MAX_ZOOM,
      map: (props) => {
        const sensor = sensors[props.index];
        return clusterPropsOf(sensor ? stateOf(sensor) : 'offline');
      },
      reduce: mergeClusterProps,
    });
    index.load(sensors.map((sensor, i) => ({ type: 'Feature', properties: { index: i }, geometry: { type: 'Point', coordinates: [sensor.position.lon, sensor.position.lat] } })));
  };

  const placeRing = () => {
    const i = highlighted === undefined ? undefined : byId.get(highlighted);
    const position = i === undefined ? undefined : positions[i];
    ring.show = position !== undefined;
    if (position) ring.position = position;
  };

  const redraw = () => {
    quietPool.begin();
    loudPool.begin();
    let clusters = 0;
    const view = frame();
    const zoom = clusterZoom(scene.camera.positionCartographic.height, view, policy);
    for (const feature of index?.getClusters(WORLD, zoom) ?? []) {
      const [lon = 0, lat = 0] = feature.geometry.coordinates;
      const props = feature.properties;
      if ('cluster' in props) {
        const state = clusterState(props);
        const size = Math.round(symbolPx * (props.point_count >= 100 ? 1.6 : 1.35));
        const pool = state === 'alarm' ? loudPool : quietPool;
        const count = String(props.point_count_abbreviated);
        const key = `cluster:${state}:${count}`;
        const badge = pool.next(key, canvas(key, () => drawClusterBadge(state, symbolPx * 3.2, count)));
        const target: ClusterTarget = { lon, lat, count: props.point_count, expansionHeightM: expansionHeight(index?.getClusterExpansionZoom(props.cluster_id) ?? MAX_ZOOM + 1, view, policy) };
        const ref = new ClusterRef(owner, target);
        const position = Cartesian3.fromDegrees(lon, lat, CLUSTER_HEIGHT_M);
        badge.position = position;
        badge.width = size;
        badge.height = size;
        badge.scale = 1;
        badge.id = ref;
        clusters++;
        continue;
      }
      const sensor = sensors[props.index];
      const position = positions[props.index];
      if (!sensor || !position) continue;
      const state = stateOf(sensor);
      const key = `${sensor.kind}:${state}`;
      const size = symbolSizePx(state, symbolPx);
      const symbol = (state === 'alarm' ? loudPool : quietPool).next(key, canvas(key, () => drawSensorSymbol(sensor.kind, state, size * 2)));
      symbol.position = position;
      symbol.width = size;
      symbol.height = size;
      symbol.scale = 1;
      symbol.id = new SensorRef(owner, sensor.id);
    }
    quietPool.end();
    loudPool.end();
    counts = { clusters, shown: quietPool.shown + loudPool.shown };
    scene.requestRender();
  };

  // Alarms throb (scale 1 → 1.2 → 1) while shown.
  const stopPulse = startBillboardPulse(scene, {
    periodMs: PULSE_MS,
    active: () => pulse && shown && loudPool.shown > 0,
    apply: (phase) => {
      const scale = 1 + 0.1 * (1 - Math.cos(2 * Math.PI * phase));
      loudPool.forEachShown((billboard) => {
        billboard.scale = scale;
      });
    },
  });
  const removeMoveEnd = scene.camera.moveEnd.addEventListener(redraw);

  const owned = (picked: unknown): unknown => (picked as { id?: unknown } | undefined)?.id;

  return {
    setSensors(next) {
      sensors = next;
      positions = next.map((sensor) => Cartesian3.fromDegrees(sensor.position.lon, sensor.position.lat, sensor.position.height));
      byId = new Map(next.map((sensor, i) => [sensor.id, i]));
      reindex();
      redraw();
      placeRing();
    },
    setStates(next) {
      const changed = sensors.some((sensor) => (next.get(sensor.id) ?? 'offline') !== stateOf(sensor));
      states = next;
      if (!changed) return;
      // The clusters' worst states are merged at load: a state change reloads the index.
      reindex();
      redraw();
    },
    highlight(id) {
      highlighted = id;
      placeRing();
      scene.requestRender();
    },
    sensorIdOf(picked) {
      const id = owned(picked);
      return id instanceof SensorRef && id.owner === owner ? id.sensorId : undefined;
    },
    clusterOf(picked) {
      const id = owned(picked);
      return id instanceof ClusterRef && id.owner === owner ? id.target : undefined;
    },
    get show() {
      return shown;
    },
    set show(value: boolean) {
      shown = value;
      for (const collection of collections) collection.show = value;
      scene.requestRender();
    },
    get stats() {
      return { sensors: sensors.length, ...counts };
    },
    dispose() {
      stopPulse();
      removeMoveEnd();
      for (const collection of collections) if (!collection.isDestroyed()) scene.primitives.remove(collection);
    },
  };
}
