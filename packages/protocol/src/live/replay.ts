import { z } from 'zod';
import { Alarm } from './alarms.js';
import { Kpis, LiveLayer } from './hub.js';
import { Incident } from './incidents.js';
import { StoredObservation, Timestamp } from './observations.js';
import { LinkState } from './traffic.js';

/**
 * Replay (回放): `GET /api/v1/replay?from=&to=` plays back the recorded live data of the last
 * day in the same layers the hub serves, for after-action review (事后总结). One answer is the
 * state at `from` and every event in `(from, to]`, oldest first.
 */

/** How far back replay reaches: the recordings keep a day. */
export const REPLAY_HORIZON_MS = 24 * 3_600_000;
/** The longest span one request may ask for: a client fetches windows one after another. */
export const REPLAY_MAX_SPAN_MS = 15 * 60_000;

export const ReplayQuery = z.strictObject({ from: Timestamp, to: Timestamp }, { message: 'only from and to are understood' });
export type ReplayQuery = z.infer<typeof ReplayQuery>;

/** A binary vehicle frame (`encodeVehicleFrame`) as base64, so it fits a JSON answer. */
export const VehicleFrameBase64 = z.base64();

export const ReplayEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reading'), timeMs: z.number().int(), observation: StoredObservation }),
  /** An alarm as one write left it (a version of the change log). */
  z.object({ kind: z.literal('alarm'), timeMs: z.number().int(), alarm: Alarm }),
  z.object({ kind: z.literal('incident'), timeMs: z.number().int(), incident: Incident }),
  /** The link states that changed since the previous `links` event. */
  z.object({ kind: z.literal('links'), timeMs: z.number().int(), links: z.array(LinkState) }),
  /** Every vehicle at one moment: a keyframe, replacing the one before. */
  z.object({ kind: z.literal('vehicles'), timeMs: z.number().int(), frame: VehicleFrameBase64 }),
  z.object({ kind: z.literal('kpis'), timeMs: z.number().int(), kpis: Kpis }),
]);
export type ReplayEvent = z.infer<typeof ReplayEvent>;

/** The state at a window's start; alarms and incidents are absent for roles that may not see them. */
export const ReplayState = z.object({
  /** Each sensor's last reading at or before the moment. */
  sensors: z.array(StoredObservation),
  links: z.array(LinkState),
  /** The nearest vehicle keyframe at or before the moment. */
  vehicles: z.object({ timeMs: z.number().int(), frame: VehicleFrameBase64 }).optional(),
  kpis: Kpis.optional(),
  /** The alarms open at the moment, each as its version then. */
  alarms: z.array(Alarm).optional(),
  incidents: z.array(Incident).optional(),
});
export type ReplayState = z.infer<typeof ReplayState>;

export const ReplayWindow = z.object({
  fromMs: z.number().int(),
  toMs: z.number().int(),
  /** The layers this token was served (a kiosk: no alarms, no incidents). */
  layers: z.array(LiveLayer),
  initial: ReplayState,
  /** Every event in `(fromMs, toMs]`, oldest first. */
  events: z.array(ReplayEvent),
});
export type ReplayWindow = z.infer<typeof ReplayWindow>;
