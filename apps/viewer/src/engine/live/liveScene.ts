import { Cartesian3, Math as CesiumMath, ScreenSpaceEventHandler, ScreenSpaceEventType, type Cartesian2 } from 'cesium';
import type { SceneContext, ScenePlugin } from '../sceneContext.js';
import { createHeatmapLayer, type HeatmapLayer } from './heatmap/heatmapLayer.js';
import { createIncidentLayer, type IncidentLayer } from './incidents/incidentLayer.js';
import { createLinkLayer, type LinkLayer } from './links/linkLayer.js';
import { createSensorLayer, type SensorLayer } from './sensors/sensorLayer.js';
import { createVehicleLayer, type VehicleLayer } from './traffic/vehicleLayer.js';

export interface LiveSceneOptions {
  /** A click on a sensor's symbol or an incident's marker, or on anything else of the scene (both undefined). */
  readonly onPick: (picked: { readonly sensorId?: string; readonly incidentId?: string }) => void;
  /** Bigger symbols on the wall, read from three metres. */
  readonly symbolScale?: number;
}

export interface LiveSceneReport {
  readonly sensors: { readonly registered: number; readonly shown: number; readonly clusters: number };
  readonly vehicles: number;
  /** Vehicles in the last render's draw call. */
  readonly vehiclesDrawn: number;
  /** Vehicle frames drawn, and refused as broken, since the scene began. */
  readonly vehicleFrames: { readonly applied: number; readonly rejected: number };
  readonly links: { readonly drawn: number; readonly coloured: number };
  readonly incidents: number;
}

/** The live layers of one scene, drawn under one roof: sensors, incidents, vehicles, road links, heatmap. */
export interface LiveScene extends ScenePlugin {
  readonly sensors: SensorLayer;
  readonly vehicles: VehicleLayer;
  readonly links: LinkLayer;
  readonly heatmap: HeatmapLayer;
  readonly incidents: IncidentLayer;
  report(): LiveSceneReport;
}

/**
 * Adds the live layers to a scene and routes clicks on them: a sensor opens its panel, a cluster
 * flies in until it splits. Clicks on the 3D tiles are the feature picker's; this one only says
 * which sensor, if any, was hit.
 */
export function createLiveScene(context: SceneContext, options: LiveSceneOptions): LiveScene {
  const { scene } = context;
  const scale = options.symbolScale ?? 1;
  const heatmap = createHeatmapLayer(scene);
  const links = createLinkLayer(scene);
  const vehicles = createVehicleLayer(scene, { symbolPx: Math.round(18 * scale) });
  const sensors = createSensorLayer(scene, { symbolPx: Math.round(26 * scale) });
  // After the sensors, so an incident's marker is drawn over the sensors around it.
  const incidents = createIncidentLayer(scene, { markerPx: Math.round(34 * scale) });

  const handler = new ScreenSpaceEventHandler(scene.canvas);
  handler.setInputAction(({ position }: { position: Cartesian2 }) => {
    const picked: unknown = scene.pick(position);
    const cluster = sensors.clusterOf(picked);
    if (cluster) {
      const camera = scene.camera;
      camera.flyTo({
        destination: Cartesian3.fromDegrees(cluster.lon, cluster.lat, cluster.expansionHeightM),
        orientation: { heading: camera.heading, pitch: CesiumMath.toRadians(-90), roll: 0 },
        duration: 1.2,
      });
      return;
    }
    const incidentId = incidents.incidentIdOf(picked);
    if (incidentId !== undefined) {
      options.onPick({ incidentId });
      return;
    }
    const sensorId = sensors.sensorIdOf(picked);
    options.onPick(sensorId === undefined ? {} : { sensorId });
  }, ScreenSpaceEventType.LEFT_CLICK);

  return {
    sensors,
    vehicles,
    links,
    heatmap,
    incidents,
    report: () => ({
      sensors: { registered: sensors.stats.sensors, shown: sensors.stats.shown, clusters: sensors.stats.clusters },
      vehicles: vehicles.stats.vehicles,
      vehiclesDrawn: vehicles.stats.drawn,
      vehicleFrames: { applied: vehicles.stats.applied, rejected: vehicles.stats.rejected },
      links: { drawn: links.stats.links, coloured: links.stats.coloured },
      incidents: incidents.stats.incidents,
    }),
    dispose() {
      handler.destroy();
      incidents.dispose();
      sensors.dispose();
      vehicles.dispose();
      links.dispose();
      heatmap.dispose();
    },
  };
}
