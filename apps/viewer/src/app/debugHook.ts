import type { CameraPose } from '../engine/camera/cameraPose.js';
import type { LiveSceneReport } from '../engine/live/liveScene.js';
import { sensorStates, type SensorState } from '../engine/live/sensors/sensorState.js';
import type { QualityReport } from '../engine/quality/adaptiveQuality.js';
import type { SceneHandle } from '../engine/recovery/sceneHandle.js';
import type { SceneStatus } from '../engine/sceneStatus.js';
import { readUndergroundReport, type UndergroundReport } from '../engine/underground/undergroundReport.js';
import type { ViewerStore } from '../state/viewerStore.js';
import type { Mode } from '../ui/layouts/modeSettings.js';

export interface MemoryReport {
  /** Chrome's `performance.memory`; undefined elsewhere. */
  readonly jsHeapBytes: number | undefined;
  readonly jsHeapLimitBytes: number | undefined;
  /** GPU and CPU memory of the loaded tiles (Cesium's `totalMemoryUsageInBytes`), summed. */
  readonly tileBytes: number;
  /** The tilesets' cache limits (`cacheBytes`), summed. */
  readonly cacheBytes: number;
}

/**
 * `window.__pengcheng`: a read-only window on the running viewer for browser tests and
 * benchmarks, always present (it holds nothing a user could not see). Fields are added here,
 * never removed.
 */
export interface PengchengHook {
  readonly mode: Mode;
  /** The scene's phase: `loading`, `ready` or `error`. */
  readonly status: SceneStatus['phase'];
  /** The camera now: degrees and metres, as `?camera=` writes it; undefined without a scene. */
  cameraPose(): CameraPose | undefined;
  /** How many of the catalog's 3D tilesets are shown. */
  shownTilesets(): number;
  memory(): MemoryReport;
  /** The adaptive quality controller's state; undefined without a scene. */
  quality(): QualityReport | undefined;
  /** What the scene cuts away and where its ground is see-through, read from Cesium itself. */
  underground(): UndergroundReport | undefined;
  /** Scenes built again after a lost context, a render error or memory pressure. */
  readonly recoveries: number;
  /** The live data as the screen holds and draws it. */
  live(): LiveReport;
}

export interface LiveReport {
  readonly connection: string;
  /** In replay: the recorded moment shown. */
  readonly replayTimeMs: number | undefined;
  readonly role: string | undefined;
  readonly sensors: number;
  readonly readings: number;
  readonly alarms: readonly { readonly id: string; readonly sensorId: string; readonly level: string; readonly state: string; readonly raisedAtMs: number }[];
  readonly incidents: readonly { readonly id: string; readonly state: string; readonly version: number }[];
  /** Each sensor's state as its symbol shows it (normal, warning, alarm, offline). */
  readonly sensorStates: Readonly<Record<string, SensorState>>;
  readonly scene: LiveSceneReport | undefined;
}

declare global {
  interface Window {
    __pengcheng?: PengchengHook;
  }
}

export function installDebugHook({ mode, store, handle, liveScene }: { mode: Mode; store: ViewerStore; handle: SceneHandle; liveScene: () => LiveSceneReport | undefined }): () => void {
  const hook: PengchengHook = {
    mode,
    get status() {
      return store.getState().scene.phase;
    },
    cameraPose: () => handle.watch?.cameraPose(),
    shownTilesets() {
      let shown = 0;
      for (const tileset of handle.context?.tilesets() ?? []) if (tileset.show) shown++;
      return shown;
    },
    memory() {
      const report = handle.quality?.report();
      const memory = (performance as Performance & { memory?: { usedJSHeapSize: number; jsHeapSizeLimit: number } }).memory;
      return { jsHeapBytes: memory?.usedJSHeapSize, jsHeapLimitBytes: memory?.jsHeapSizeLimit, tileBytes: report?.tileBytes ?? 0, cacheBytes: report?.cacheBytes ?? 0 };
    },
    quality: () => handle.quality?.report(),
    underground: () => (handle.context ? readUndergroundReport(handle.context) : undefined),
    get recoveries() {
      return handle.recoveries;
    },
    live() {
      const { live } = store.getState();
      return {
        connection: live.connection,
        replayTimeMs: live.replayTimeMs,
        role: live.principal?.role,
        sensors: live.sensors.size,
        readings: live.readings.size,
        alarms: live.alarms.map(({ id, sensorId, level, state, raisedAtMs }) => ({ id, sensorId, level, state, raisedAtMs })),
        incidents: live.incidents.map(({ id, state, version }) => ({ id, state, version })),
        sensorStates: Object.fromEntries(sensorStates(live.sensors.values(), live.readings, live.alarms, Date.now())),
        scene: liveScene(),
      };
    },
  };
  Object.defineProperty(window, '__pengcheng', { value: Object.freeze(hook), configurable: true, writable: false });
  return () => {
    delete window.__pengcheng;
  };
}
