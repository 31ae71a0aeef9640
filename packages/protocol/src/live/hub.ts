import { z } from 'zod';
import { Alarm } from './alarms.js';
import { Incident, INCIDENT_CATEGORIES } from './incidents.js';
import { StoredObservation } from './observations.js';
import { LinkState, VehicleType, type VehicleState } from './traffic.js';

/**
 * The live hub's wire contract (Socket.IO, namespace `/live`), shared by the server and the one
 * client module. Event names are `domain:verb`; every request a client sends is acknowledged with
 * an {@link Ack}. Reliable streams (alarms, incidents) carry a durable sequence number common to
 * every server node; the rest (sensors, vehicles, links, KPIs) are latest-wins.
 */

/** The Socket.IO namespace of the hub. */
export const LIVE_NAMESPACE = '/live';
/** The Engine.IO path, on the same origin as the viewer and the API. */
export const LIVE_SOCKET_PATH = '/socket.io/';

/** Side of the grid cells interest management works in, in degrees (about 460 × 555 m here). */
export const LIVE_CELL_DEG = 0.005;

export const LIVE_LAYERS = ['sensors', 'vehicles', 'links', 'alarms', 'incidents', 'kpis'] as const;
export const LiveLayer = z.enum(LIVE_LAYERS);
export type LiveLayer = z.infer<typeof LiveLayer>;

/** What a kiosk may subscribe to; of `sensors`, only the public sensors reach it. */
export const PUBLIC_LIVE_LAYERS: readonly LiveLayer[] = ['sensors', 'vehicles', 'links', 'kpis'];

/** The streams that are never dropped: each change has a sequence number in the change log. */
export const RELIABLE_STREAMS = ['alarms', 'incidents'] as const;
export const ReliableStream = z.enum(RELIABLE_STREAMS);
export type ReliableStream = z.infer<typeof ReliableStream>;

/** Client → server. */
export const LIVE_CLIENT_EVENTS = {
  /** Replace the subscription (layers, box); answered with a snapshot of each layer. */
  subscribe: 'live:subscribe',
  /** Drop some layers (or all when `layers` is absent). */
  unsubscribe: 'live:unsubscribe',
  /** After a gap in a reliable stream: what came after the given sequence numbers. */
  resume: 'live:resume',
} as const;

/** Server → client. */
export const LIVE_SERVER_EVENTS = {
  /** {@link AlarmChange}; the client acknowledges it with `{ data: { seq } }`. */
  alarmChanged: 'alarms:changed',
  /** {@link IncidentChange}; acknowledged like alarms. */
  incidentChanged: 'incidents:changed',
  /** {@link SensorsObserved}: new current values. */
  sensorsObserved: 'sensors:observed',
  /** A binary vehicle frame ({@link encodeVehicleFrame}), volatile: latest wins, may be dropped. */
  vehiclesFrame: 'vehicles:frame',
  /** {@link LinksUpdated}: link states changed this tick, coalesced. */
  linksUpdated: 'links:updated',
  /** {@link Kpis}, pushed when they change (throttled). */
  kpisUpdated: 'kpis:updated',
  /** {@link ServerShutdown}: this node is going away; reconnect after the delay. */
  serverShutdown: 'server:shutdown',
} as const;

export const LIVE_ERROR_CODES = [
  /** The payload failed its schema. */
  'invalid_payload',
  /** The role may not see a requested layer (a kiosk asking for alarms). */
  'forbidden_layer',
  /** The box covers more cells than a subscription may. */
  'bbox_too_large',
  /** The storage could not be read; try again. */
  'unavailable',
] as const;
export const LiveErrorCode = z.enum(LIVE_ERROR_CODES);
export type LiveErrorCode = z.infer<typeof LiveErrorCode>;

/** Handshake refusals: the `message` of the client's `connect_error`; `data` is `{ code, message }`. */
export const LIVE_CONNECT_ERRORS = ['unauthorized', 'forbidden', 'origin_not_allowed', 'shutting_down'] as const;

export const LiveError = z.object({ code: z.string(), message: z.string() });
export type LiveError = z.infer<typeof LiveError>;

/** Every acknowledgement: the answer, or why there is none. */
export type Ack<T> = { readonly data: T } | { readonly error: LiveError };
export function ackSchema<T extends z.ZodType>(data: T) {
  return z.union([z.object({ data }), z.object({ error: LiveError })]);
}

/** `[west, south, east, north]`, WGS84 degrees. */
export const LiveBbox = z
  .tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90), z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)])
  .refine(([w, s, e, n]) => w < e && s < n, { message: 'bbox must be [west, south, east, north] with west < east and south < north' });
export type LiveBbox = z.infer<typeof LiveBbox>;

/** The last sequence number the client holds of each reliable stream. */
export const ResumePoint = z
  .object({ alarms: z.number().int().nonnegative().optional(), incidents: z.number().int().nonnegative().optional() })
  .strict();
export type ResumePoint = z.infer<typeof ResumePoint>;

export const SubscribeRequest = z
  .object({
    layers: z.array(LiveLayer).min(1).max(LIVE_LAYERS.length),
    /** Absent: the whole district. Snapped outward to the {@link LIVE_CELL_DEG} grid. */
    bbox: LiveBbox.optional(),
    /** With it, a reliable stream the client already holds gets only what came after. */
    resume: ResumePoint.optional(),
  })
  .strict();
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export const UnsubscribeRequest = z.object({ layers: z.array(LiveLayer).min(1).max(LIVE_LAYERS.length).optional() }).strict();
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequest>;

export const ResumeRequest = ResumePoint;
export type ResumeRequest = ResumePoint;

/**
 * One change of a reliable stream. `seq` grows but has holes; `prevSeq` is the stream's change
 * before it, so a client that holds `prevSeq` knows it missed nothing. `alarm` is absent when the
 * alarm lies outside the subscriber's box (the change still advances its position).
 */
export const AlarmChange = z.object({ seq: z.number().int().positive(), prevSeq: z.number().int().nonnegative(), alarm: Alarm.optional() });
export type AlarmChange = z.infer<typeof AlarmChange>;
export const IncidentChange = z.object({ seq: z.number().int().positive(), prevSeq: z.number().int().nonnegative(), incident: Incident.optional() });
export type IncidentChange = z.infer<typeof IncidentChange>;

/** The client's answer to a reliable change. */
export const ChangeAck = z.object({ data: z.object({ seq: z.number().int().positive() }) });
export type ChangeAck = z.infer<typeof ChangeAck>;

/**
 * A reliable stream brought up to `seq`: either every open item (`snapshot`: replace what you
 * hold) or the changes after the client's resume point, in order (`changes`: apply them). Items
 * are applied only when their `version` is above the one held, so an item newer than `seq` in a
 * snapshot and its change arriving later agree.
 */
export function streamSyncSchema<T extends z.ZodType, C extends z.ZodType>(item: T, change: C) {
  return z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('snapshot'), seq: z.number().int().nonnegative(), items: z.array(item) }),
    z.object({ mode: z.literal('changes'), seq: z.number().int().nonnegative(), changes: z.array(change) }),
  ]);
}
export const AlarmSync = streamSyncSchema(Alarm, AlarmChange);
export type AlarmSync = z.infer<typeof AlarmSync>;
export const IncidentSync = streamSyncSchema(Incident, IncidentChange);
export type IncidentSync = z.infer<typeof IncidentSync>;

/** Open incident counts by age: under an hour, under a day, older. */
export const KpiAgeBuckets = z.object({ underHour: z.number().int().nonnegative(), underDay: z.number().int().nonnegative(), older: z.number().int().nonnegative() });

/** The district's key figures, computed on the server. `null`: no data yet. */
export const Kpis = z.object({
  timeMs: z.number().int(),
  incidents: z.object({
    open: z.number().int().nonnegative(),
    byCategory: z.partialRecord(z.enum(INCIDENT_CATEGORIES), z.number().int().nonnegative()),
    byAge: KpiAgeBuckets,
    /**
     * Mean time from report to resolution (平均处置时长) of the incidents resolved in the last 24 h
     * that the hub holds (see the server's computeKpis for exactly which); `null`: none. Defaults
     * to `null` so a client still parses the figures of a server that does not send it yet.
     */
    averageHandlingMs: z.number().int().nonnegative().nullable().default(null),
  }),
  alarms: z.object({ warning: z.number().int().nonnegative(), alarm: z.number().int().nonnegative() }),
  traffic: z
    .object({
      averageSpeedKmh: z.number().nonnegative(),
      /** 0 (free flow) to 10 (everything jammed): the mean congestion level scaled, as the Chinese index reads. */
      index: z.number().min(0).max(10),
      links: z.number().int().nonnegative(),
    })
    .nullable(),
  parkingFreeSpaces: z.number().int().nonnegative().nullable(),
  /** The mean AQI of the air-quality sensors that reported one. */
  aqi: z.number().nonnegative().nullable(),
});
export type Kpis = z.infer<typeof Kpis>;

/** The answer to `live:subscribe`: one entry per layer subscribed to. */
export const SubscribeResult = z.object({
  layers: z.array(LiveLayer),
  /** The box actually served (snapped to the grid), or absent for the whole district. */
  bbox: LiveBbox.optional(),
  sensors: z.array(StoredObservation).optional(),
  /** A vehicle frame (binary) of the last tick; absent before the first tick. */
  vehicles: z.instanceof(Uint8Array).or(z.instanceof(ArrayBuffer)).optional(),
  links: z.array(LinkState).optional(),
  alarms: AlarmSync.optional(),
  incidents: IncidentSync.optional(),
  kpis: Kpis.optional(),
});
export type SubscribeResult = z.infer<typeof SubscribeResult>;

export const UnsubscribeResult = z.object({ layers: z.array(LiveLayer) });
export type UnsubscribeResult = z.infer<typeof UnsubscribeResult>;

export const ResumeResult = z.object({ alarms: AlarmSync.optional(), incidents: IncidentSync.optional() });
export type ResumeResult = z.infer<typeof ResumeResult>;

export const SensorsObserved = z.object({ observations: z.array(StoredObservation) });
export type SensorsObserved = z.infer<typeof SensorsObserved>;

export const LinksUpdated = z.object({ timeMs: z.number().int(), links: z.array(LinkState) });
export type LinksUpdated = z.infer<typeof LinksUpdated>;

export const ServerShutdown = z.object({ reconnectAfterMs: z.number().int().nonnegative() });
export type ServerShutdown = z.infer<typeof ServerShutdown>;

/** What the snapshot holds of each stream: an alarm stays until cleared and acknowledged. */
export function isOpenAlarm(alarm: Pick<Alarm, 'state' | 'acknowledgedAtMs'>): boolean {
  return alarm.state !== 'cleared' || alarm.acknowledgedAtMs === undefined;
}
/** An incident stays until closed. */
export function isOpenIncident(incident: Pick<Incident, 'state'>): boolean {
  return incident.state !== 'closed';
}

/** The grid cell a point lies in, as integer column and row. */
export function liveCellOf(lon: number, lat: number): { readonly col: number; readonly row: number } {
  return { col: Math.floor(lon / LIVE_CELL_DEG), row: Math.floor(lat / LIVE_CELL_DEG) };
}

/** A box grown outward to whole grid cells: what a subscription with that box is served. */
export function snapBbox([west, south, east, north]: LiveBbox): LiveBbox {
  const at = (index: number) => Number((index * LIVE_CELL_DEG).toFixed(6));
  // Division rounds, so a corner a hair past a cell edge can land back on it: step once more.
  const down = (value: number) => {
    const index = Math.floor(value / LIVE_CELL_DEG);
    return at(at(index) > value ? index - 1 : index);
  };
  const up = (value: number, floor: number) => {
    let index = Math.max(Math.ceil(value / LIVE_CELL_DEG), Math.round(floor / LIVE_CELL_DEG) + 1);
    if (at(index) < value) index += 1;
    return at(index);
  };
  const w = down(west);
  const s = down(south);
  return [w, s, up(east, w), up(north, s)];
}

/** Whether a point lies in a box, west and south edges included, east and north excluded. */
export function inBbox([west, south, east, north]: LiveBbox, lon: number, lat: number): boolean {
  return lon >= west && lon < east && lat >= south && lat < north;
}

/** The server's typed event maps, for `Server<LiveClientToServer, LiveServerToClient>` and the client. */
export interface LiveClientToServer {
  'live:subscribe': (request: unknown, ack: (answer: Ack<SubscribeResult>) => void) => void;
  'live:unsubscribe': (request: unknown, ack: (answer: Ack<UnsubscribeResult>) => void) => void;
  'live:resume': (request: unknown, ack: (answer: Ack<ResumeResult>) => void) => void;
}
export interface LiveServerToClient {
  'alarms:changed': (change: AlarmChange, ack: (answer: ChangeAck) => void) => void;
  'incidents:changed': (change: IncidentChange, ack: (answer: ChangeAck) => void) => void;
  'sensors:observed': (payload: SensorsObserved) => void;
  'vehicles:frame': (frame: Uint8Array | ArrayBuffer) => void;
  'links:updated': (payload: LinksUpdated) => void;
  'kpis:updated': (kpis: Kpis) => void;
  'server:shutdown': (payload: ServerShutdown) => void;
}

/*
 * The binary vehicle frame, little-endian, columns so each is one aligned run:
 *   0  u8  version (1)        1 u8 reserved   2 u16 reserved
 *   4  u32 count n            8 f64 timeMs (the tick's simulated time)
 *   16       i32[n] lon in microdegrees
 *   16 + 4n  i32[n] lat in microdegrees
 *   16 + 8n  u16[n] heading, 360° / 65536 steps
 *   16 + 10n u16[n] speed in cm/s
 *   16 + 12n u8[n]  type, index in VehicleType
 *   16 + 13n ids: per vehicle a u8 length then its ASCII bytes
 */
export const VEHICLE_FRAME_VERSION = 1;
const HEADER_BYTES = 16;
const FIXED_BYTES_PER_VEHICLE = 13;
const MICRO = 1e6;
const HEADING_STEPS = 65_536;
const VEHICLE_TYPES = VehicleType.options;

/** A vehicle as a frame carries it: no link id, position to 0.1 m, heading to 0.006°, speed to 1 cm/s. */
export type VehiclePosition = Omit<VehicleState, 'linkId'>;

export interface VehicleFrame {
  readonly timeMs: number;
  readonly vehicles: VehiclePosition[];
}

/** Encodes a tick's vehicles into one frame (see the layout above). */
export function encodeVehicleFrame(timeMs: number, vehicles: readonly VehiclePosition[]): Uint8Array<ArrayBuffer> {
  const n = vehicles.length;
  let idBytes = 0;
  for (const vehicle of vehicles) idBytes += 1 + vehicle.id.length;
  const bytes = new Uint8Array(HEADER_BYTES + FIXED_BYTES_PER_VEHICLE * n + idBytes);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, VEHICLE_FRAME_VERSION);
  view.setUint32(4, n, true);
  view.setFloat64(8, timeMs, true);
  let idOffset = HEADER_BYTES + FIXED_BYTES_PER_VEHICLE * n;
  vehicles.forEach((vehicle, i) => {
    view.setInt32(HEADER_BYTES + 4 * i, Math.round(vehicle.lon * MICRO), true);
    view.setInt32(HEADER_BYTES + 4 * n + 4 * i, Math.round(vehicle.lat * MICRO), true);
    view.setUint16(HEADER_BYTES + 8 * n + 2 * i, Math.round((vehicle.headingDeg / 360) * HEADING_STEPS) % HEADING_STEPS, true);
    view.setUint16(HEADER_BYTES + 10 * n + 2 * i, Math.min(0xffff, Math.round(vehicle.speedMs * 100)), true);
    view.setUint8(HEADER_BYTES + 12 * n + i, Math.max(0, VEHICLE_TYPES.indexOf(vehicle.type)));
    view.setUint8(idOffset, vehicle.id.length);
    for (let c = 0; c < vehicle.id.length; c++) view.setUint8(idOffset + 1 + c, vehicle.id.charCodeAt(c));
    idOffset += 1 + vehicle.id.length;
  });
  return bytes;
}

/** A frame that is not one: wrong version, truncated, or an unknown vehicle type. */
export class VehicleFrameError extends Error {
  override readonly name = 'VehicleFrameError';
}

const viewOf = (frame: ArrayBuffer | ArrayBufferView): DataView =>
  frame instanceof ArrayBuffer ? new DataView(frame) : new DataView(frame.buffer, frame.byteOffset, frame.byteLength);

/**
 * Checks a frame's whole layout (version, lengths, types, ids) without decoding it, and gives its
 * time and size: a screen can hold and order frames cheaply and leave decoding to where it draws.
 */
export function checkVehicleFrame(frame: ArrayBuffer | ArrayBufferView): { timeMs: number; count: number } {
  const view = viewOf(frame);
  const n = readHeader(view);
  let idOffset = HEADER_BYTES + FIXED_BYTES_PER_VEHICLE * n;
  for (let i = 0; i < n; i++) {
    if (VEHICLE_TYPES[view.getUint8(HEADER_BYTES + 12 * n + i)] === undefined) throw new VehicleFrameError('unknown vehicle type in frame');
    idOffset = idEnd(view, idOffset);
  }
  return { timeMs: view.getFloat64(8, true), count: n };
}

/** The vehicle count, once the header and the fixed-size columns are known to fit. */
function readHeader(view: DataView): number {
  if (view.byteLength < HEADER_BYTES || view.getUint8(0) !== VEHICLE_FRAME_VERSION) throw new VehicleFrameError('not a version 1 vehicle frame');
  const n = view.getUint32(4, true);
  if (HEADER_BYTES + FIXED_BYTES_PER_VEHICLE * n > view.byteLength) throw new VehicleFrameError('vehicle frame is truncated');
  return n;
}

/** Where the id starting at `offset` ends, once it is known to fit. */
function idEnd(view: DataView, offset: number): number {
  if (offset >= view.byteLength) throw new VehicleFrameError('vehicle frame is truncated');
  const end = offset + 1 + view.getUint8(offset);
  if (end > view.byteLength) throw new VehicleFrameError('vehicle frame is truncated');
  return end;
}

/** Decodes a frame from what Socket.IO hands over (a Buffer in Node, an ArrayBuffer in a browser). */
export function decodeVehicleFrame(frame: ArrayBuffer | ArrayBufferView): VehicleFrame {
  const view = viewOf(frame);
  const n = readHeader(view);
  const timeMs = view.getFloat64(8, true);
  let idOffset = HEADER_BYTES + FIXED_BYTES_PER_VEHICLE * n;
  const vehicles: VehiclePosition[] = [];
  for (let i = 0; i < n; i++) {
    const type = VEHICLE_TYPES[view.getUint8(HEADER_BYTES + 12 * n + i)];
    if (type === undefined) throw new VehicleFrameError('unknown vehicle type in frame');
    const end = idEnd(view, idOffset);
    let id = '';
    for (let c = idOffset + 1; c < end; c++) id += String.fromCharCode(view.getUint8(c));
    idOffset = end;
    vehicles.push({
      id,
      type,
      lon: view.getInt32(HEADER_BYTES + 4 * i, true) / MICRO,
      lat: view.getInt32(HEADER_BYTES + 4 * n + 4 * i, true) / MICRO,
      headingDeg: (view.getUint16(HEADER_BYTES + 8 * n + 2 * i, true) * 360) / HEADING_STEPS,
      speedMs: view.getUint16(HEADER_BYTES + 10 * n + 2 * i, true) / 100,
    });
  }
  return { timeMs, vehicles };
}
