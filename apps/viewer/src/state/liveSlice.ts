import type { Alarm, Incident, Kpis, Role, Sensor, StoredObservation } from '@pengcheng/protocol';

/**
 * The live hub as a screen sees it: `offline` without a token (a desk not logged in, a wall
 * without its device token), the live client's states, and `replay` while the time slider plays
 * back recorded data instead.
 */
export type LiveConnection = 'offline' | 'connecting' | 'live' | 'reconnecting' | 'refused' | 'replay';

/** Who the screen's token belongs to (`GET /api/v1/auth/me`). */
export interface LivePrincipal {
  readonly subject: string;
  readonly role: Role;
  readonly kind: 'user' | 'device';
}

export interface LiveSlice {
  readonly connection: LiveConnection;
  /** Why the hub or the API refused the token, when it did. */
  readonly refusal: string | undefined;
  readonly principal: LivePrincipal | undefined;
  /** The sensor registry (a kiosk gets the public sensors only), by id. */
  readonly sensors: ReadonlyMap<string, Sensor>;
  /** Each sensor's current reading, by sensor id. */
  readonly readings: ReadonlyMap<string, StoredObservation>;
  /** Open alarms (not yet cleared and acknowledged), newest raised first. */
  readonly alarms: readonly Alarm[];
  /** Open incidents (not closed), newest reported first. */
  readonly incidents: readonly Incident[];
  readonly kpis: Kpis | undefined;
  /** The sensor whose panel is open (a click on its symbol, an alarm in the list). */
  readonly selectedSensorId: string | undefined;
  /** The incident whose panel is open (a click on its marker or in the list). */
  readonly selectedIncidentId: string | undefined;
  /** In replay: the recorded moment shown, epoch ms; undefined while live. */
  readonly replayTimeMs: number | undefined;
}

export const INITIAL_LIVE: LiveSlice = {
  connection: 'offline',
  refusal: undefined,
  principal: undefined,
  sensors: new Map(),
  readings: new Map(),
  alarms: [],
  incidents: [],
  kpis: undefined,
  selectedSensorId: undefined,
  selectedIncidentId: undefined,
  replayTimeMs: undefined,
};
