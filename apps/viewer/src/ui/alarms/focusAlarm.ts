import type { Alarm } from '@pengcheng/protocol';
import type { ViewerState } from '../../state/viewerStore.js';

/** The camera's framing around a sensor: its street corner, not the district. */
export const SENSOR_RADIUS_M = 40;

/**
 * Shows an alarm's sensor, as a click on its row does: opens the sensor's panel, flies to it and
 * lights the asset it watches. A sensor the registry does not hold only gets its panel.
 */
export function focusAlarm(state: Pick<ViewerState, 'setLive' | 'engine' | 'live'>, alarm: Alarm): void {
  state.setLive({ selectedSensorId: alarm.sensorId });
  const sensor = state.live.sensors.get(alarm.sensorId);
  if (!sensor || !state.engine) return;
  void state.engine.flyTo({ longitude: sensor.position.lon, latitude: sensor.position.lat, heightM: sensor.position.height, radiusM: SENSOR_RADIUS_M });
  state.engine.selectFeature(sensor.asset.id);
}
