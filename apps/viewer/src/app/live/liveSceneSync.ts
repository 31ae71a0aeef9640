import type { Sensor } from '@pengcheng/protocol';
import { fetchRoadNetwork, type RoadLine } from '../../api/roadNetworkClient.js';
import { heatmapQuantity } from '../../engine/live/heatmap/heatmapScale.js';
import { createLiveScene, type LiveScene, type LiveSceneReport } from '../../engine/live/liveScene.js';
import { sensorStates } from '../../engine/live/sensors/sensorState.js';
import type { SceneEngine } from '../../engine/sceneEngine.js';
import type { ViewerState, ViewerStore } from '../../state/viewerStore.js';
import type { Mode } from '../../ui/layouts/modeSettings.js';
import type { LiveController } from './liveController.js';
import type { LiveSource } from './liveSource.js';

/** Readings go stale (offline) with no message at all: states are looked at again this often. */
const RESTATE_MS = 30_000;
/** The heatmap is repainted at most this often: a canvas upload per repaint. */
const HEATMAP_MS = 5_000;
const OVERLAYS_ID = 'district-overlays';

export interface LiveSceneSync {
  /** What the live layers draw now; undefined without a scene. */
  report(): LiveSceneReport | undefined;
  dispose(): void;
}

/** Where the road lines are: beside the overlays' layer list, same version. */
function roadNetworkUrl(state: ViewerState): string | undefined {
  if (state.catalog.phase !== 'ready') return undefined;
  const overlays = state.catalog.entries.find((entry) => entry.id === OVERLAYS_ID);
  return overlays?.url?.replace('layers.json', 'road_edges.geojson');
}

/**
 * Feeds the scene's live layers: the sensors and their states from the store, vehicles and road
 * links straight from the hub's client (too many and too frequent for React), the heatmap from
 * the readings. A rebuilt scene gets a new set of layers, fed again from what is held.
 */
export function startLiveSceneSync(store: ViewerStore, controller: LiveController, mode: Mode): LiveSceneSync {
  let engine: SceneEngine | undefined;
  let scene: LiveScene | undefined;
  let network: readonly RoadLine[] | undefined;
  let networkLoading = false;
  let stopClient: (() => void) | undefined;
  let heatmapTimer: ReturnType<typeof setTimeout> | undefined;
  let heatmapDue = false;
  const abort = new AbortController();
  let last: Partial<Pick<ViewerState['live'], 'sensors' | 'readings' | 'alarms' | 'selectedSensorId' | 'incidents' | 'selectedIncidentId'>> & { heatmap?: ViewerState['heatmap'] | null } = {};

  const restate = () => {
    const { live } = store.getState();
    scene?.sensors.setStates(sensorStates(live.sensors.values(), live.readings, live.alarms, Date.now()));
  };

  const paintHeatmap = () => {
    heatmapTimer = undefined;
    if (!scene) return;
    const { heatmap: choice, live } = store.getState();
    scene.heatmap.show = choice !== undefined;
    if (choice === undefined) return;
    const quantity = heatmapQuantity(choice);
    const points: { lon: number; lat: number; value: number }[] = [];
    for (const sensor of live.sensors.values()) {
      const source = quantity.sources.find((s) => s.kind === sensor.kind);
      const value = source ? live.readings.get(sensor.id)?.values[source.quantity] : undefined;
      if (value !== undefined && live.readings.get(sensor.id)?.quality !== 'bad') points.push({ lon: sensor.position.lon, lat: sensor.position.lat, value });
    }
    scene.heatmap.setPoints(points, quantity.scale);
  };
  const scheduleHeatmap = (now: boolean) => {
    if (now) {
      clearTimeout(heatmapTimer);
      paintHeatmap();
      return;
    }
    heatmapDue = true;
    heatmapTimer ??= setTimeout(() => {
      heatmapDue = false;
      paintHeatmap();
    }, HEATMAP_MS);
  };

  const feedSource = (source: LiveSource | undefined) => {
    stopClient?.();
    stopClient = undefined;
    scene?.vehicles.clear();
    scene?.links.clear();
    // Without live data (no token) the network has nothing to say, and it would draw across a section box.
    if (scene) scene.links.show = source !== undefined;
    if (!source) return;
    let vehiclesTimeMs = Number.NEGATIVE_INFINITY;
    const applyVehicles = () => {
      const { vehicleFrame, vehiclesTimeMs: timeMs } = source.view;
      if (!vehicleFrame || timeMs === undefined || !scene) return;
      // A replay sought back in time: its frames are older than those drawn; start afresh from them.
      if (timeMs < vehiclesTimeMs) scene.vehicles.clear();
      vehiclesTimeMs = timeMs;
      scene.vehicles.applyFrame(vehicleFrame);
    };
    let linksTimeMs = Number.NEGATIVE_INFINITY;
    const applyLinks = () => {
      let newest = Number.NEGATIVE_INFINITY;
      for (const link of source.view.links.values()) newest = Math.max(newest, link.timeMs);
      // The layer keeps only newer states: a replay sought back starts its links afresh.
      if (newest < linksTimeMs) scene?.links.clear();
      linksTimeMs = newest;
      scene?.links.applyStates(source.view.links.values());
    };
    applyVehicles();
    applyLinks();
    stopClient = source.onChange((layer) => {
      if (layer === 'vehicles') applyVehicles();
      else if (layer === 'links') applyLinks();
    });
  };

  const loadNetwork = (state: ViewerState) => {
    const url = roadNetworkUrl(state);
    if (network || networkLoading || !url) return;
    networkLoading = true;
    fetchRoadNetwork(url, abort.signal).then(
      (lines) => {
        network = lines;
        scene?.links.setNetwork(lines);
        if (controller.source) scene?.links.applyStates(controller.source.view.links.values());
      },
      (error: unknown) => {
        networkLoading = false;
        if (!abort.signal.aborted) console.warn(`road links not drawn: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };

  const apply = (state: ViewerState) => {
    if (state.engine !== engine) {
      engine = state.engine;
      scene = engine?.attach((context) =>
        createLiveScene(context, {
          // A click on the scene picks one thing: the incident, the sensor, or neither (both panels close).
          onPick: ({ sensorId, incidentId }) => store.getState().setLive({ selectedSensorId: sensorId, selectedIncidentId: incidentId }),
          symbolScale: mode === 'wall' ? 1.5 : 1,
        }),
      );
      last = {};
      if (scene && network) scene.links.setNetwork(network);
      feedSource(controller.source);
    }
    loadNetwork(state);
    if (!scene) return;
    const { live } = state;
    if (live.sensors !== last.sensors) scene.sensors.setSensors([...live.sensors.values()] as Sensor[]);
    if (live.sensors !== last.sensors || live.readings !== last.readings || live.alarms !== last.alarms) restate();
    if (live.selectedSensorId !== last.selectedSensorId) scene.sensors.highlight(live.selectedSensorId);
    if (live.incidents !== last.incidents) scene.incidents.setIncidents(live.incidents);
    if (live.selectedIncidentId !== last.selectedIncidentId) scene.incidents.highlight(live.selectedIncidentId);
    if (state.heatmap !== last.heatmap) scheduleHeatmap(true);
    else if ((live.readings !== last.readings || live.sensors !== last.sensors) && state.heatmap !== undefined && !heatmapDue) scheduleHeatmap(false);
    last = {
      sensors: live.sensors,
      readings: live.readings,
      alarms: live.alarms,
      selectedSensorId: live.selectedSensorId,
      incidents: live.incidents,
      selectedIncidentId: live.selectedIncidentId,
      heatmap: state.heatmap ?? null,
    };
  };

  const stopSource = controller.onSource(feedSource);

  apply(store.getState());
  const unsubscribe = store.subscribe(apply);
  const restateTimer = setInterval(restate, RESTATE_MS);

  return {
    report: () => scene?.report(),
    dispose() {
      abort.abort();
      unsubscribe();
      stopSource();
      stopClient?.();
      clearInterval(restateTimer);
      clearTimeout(heatmapTimer);
    },
  };
}
