import type { Incident } from '@pengcheng/protocol';
import type { ViewerState } from '../../state/viewerStore.js';

/** The camera's framing around an incident: the junction or block it is in. */
export const INCIDENT_RADIUS_M = 120;

/** Shows an incident, as a click on its row does: opens its panel and flies to its place. */
export function focusIncident(state: Pick<ViewerState, 'setLive' | 'engine'>, incident: Pick<Incident, 'id' | 'place'>): void {
  state.setLive({ selectedIncidentId: incident.id });
  void state.engine?.flyTo({ longitude: incident.place.lon, latitude: incident.place.lat, heightM: incident.place.height, radiusM: INCIDENT_RADIUS_M });
}
