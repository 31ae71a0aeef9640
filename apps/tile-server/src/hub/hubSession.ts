import {
  LIVE_CLIENT_EVENTS,
  LIVE_SERVER_EVENTS,
  PUBLIC_LIVE_LAYERS,
  RELIABLE_STREAMS,
  ResumeRequest,
  snapBbox,
  SubscribeRequest,
  UnsubscribeRequest,
  type Ack,
  type LiveClientToServer,
  type LiveLayer,
  type LiveServerToClient,
  type ReliableStream,
  type ResumeResult,
  type SubscribeResult,
} from '@pengcheng/protocol';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { redactIncident } from '../incidents/redactIncident.js';
import type { SensorDirectory } from '../sensors/sensorDirectory.js';
import type { ChangeFeed, FeedChange, Presenter } from './changeFeed.js';
import type { HubMetrics } from './hubMetrics.js';
import { inView, roomOf, type LiveView, type RoomLayer } from './liveViews.js';

export type HubSocket = Socket<LiveClientToServer, LiveServerToClient, HubPeerEvents, { principal?: Principal }>;

/** What nodes tell each other through the Redis adapter. */
export interface HubPeerEvents {
  /** The change log grew: read it. */
  'hub:changed': () => void;
  /** A traffic tick, its vehicle frame in base64 (the adapter carries JSON). */
  'hub:traffic': (tick: { timeMs: number; frame: string; links: unknown[] }) => void;
  'hub:observations': (observations: unknown[]) => void;
}

/** What a session needs of the hub. */
export interface SessionHost {
  readonly feed: ChangeFeed;
  readonly sensors: SensorDirectory;
  readonly metrics: HubMetrics;
  readonly ackTimeoutMs: number;
  readonly now: () => number;
  /** Cuts a socket's connection at once, not waiting for a closing handshake a stuck peer never completes. */
  cut(socket: HubSocket): void;
  /** The room layers' part of a subscribe answer, taken from memory in the same turn as the join. */
  roomSnapshot(view: LiveView): Pick<SubscribeResult, 'sensors' | 'vehicles' | 'links' | 'kpis'>;
}

const ROOM_LAYERS: readonly RoomLayer[] = ['sensors', 'vehicles', 'links', 'kpis'];

function invalid(error: z.ZodError): Ack<never> {
  const issue = error.issues[0];
  return { error: { code: 'invalid_payload', message: issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload' } };
}

/**
 * One connected socket: its subscription, its position in each reliable stream, and the
 * handlers of what it may send. Subscribe, unsubscribe and resume run on the change feed's
 * queue, so they see the feed at one position and nothing is handed out in between.
 */
export class HubSession {
  readonly socket: HubSocket;
  readonly principal: Principal;
  readonly #host: SessionHost;
  #view: LiveView | undefined;
  #awaitingAcks = 0;
  /** When the socket's transport last took data or was seen free. */
  #progressAt: number;
  /** Per reliable stream subscribed to: the last change sent (or the snapshot's sequence number). */
  readonly #position = new Map<ReliableStream, number>();

  constructor(socket: HubSocket, principal: Principal, host: SessionHost) {
    this.socket = socket;
    this.principal = principal;
    this.#host = host;
    this.#progressAt = host.now();
    // Engine.IO hands its buffer to the transport each time the transport is free again.
    socket.conn.on('drain', () => (this.#progressAt = host.now()));
    socket.on(LIVE_CLIENT_EVENTS.subscribe, (raw, ack) => this.#handle(ack, () => this.#subscribe(raw)));
    socket.on(LIVE_CLIENT_EVENTS.unsubscribe, (raw, ack) => this.#handle(ack, () => this.#unsubscribe(raw)));
    socket.on(LIVE_CLIENT_EVENTS.resume, (raw, ack) => this.#handle(ack, () => this.#resume(raw)));
  }

  /** A request without an acknowledgement callback is not our protocol: the socket goes. */
  #handle<T>(ack: unknown, work: () => Promise<Ack<T>>): void {
    if (typeof ack !== 'function') {
      this.socket.disconnect(true);
      return;
    }
    const answer = ack as (answer: Ack<T>) => void;
    this.#host.feed
      .run(work)
      .then(answer, () => answer({ error: { code: 'unavailable', message: 'The live state could not be read: try again.' } }));
  }

  /**
   * Drops a WebSocket whose transport has taken nothing for longer than `limitMs` while busy (a
   * client that stopped reading): what waits for it would only grow. It reconnects to a
   * snapshot. A client that is slow but reads keeps draining and stays. Long-polling is left
   * alone: it is busy between two polls by nature.
   */
  checkBackPressure(nowMs: number, limitMs: number): boolean {
    const transport = this.socket.conn.transport;
    if (transport.name !== 'websocket' || transport.writable) {
      this.#progressAt = nowMs;
      return false;
    }
    if (nowMs - this.#progressAt <= limitMs) return false;
    this.#host.cut(this.socket);
    return true;
  }

  /** Reliable changes sent and not yet acknowledged: that many acknowledgements are expected. */
  get awaitingAcks(): number {
    return this.#awaitingAcks;
  }

  wants(stream: ReliableStream): boolean {
    return this.#view?.layers.has(stream) === true && this.#position.has(stream);
  }

  /** Sends one reliable change; a socket that does not acknowledge it in time is dropped, to resume. */
  deliver(change: FeedChange<'alarms'> | FeedChange<'incidents'>): void {
    if (!this.wants(change.stream)) return;
    this.#position.set(change.stream, change.seq);
    this.#awaitingAcks += 1;
    const onAck = (error: Error | null) => {
      this.#awaitingAcks -= 1;
      if (error && this.socket.connected) {
        this.#host.metrics.ackTimedOut();
        this.socket.disconnect(true);
      }
    };
    const timed = this.socket.timeout(this.#host.ackTimeoutMs);
    if (change.stream === 'alarms') {
      const alarm = this.#presentAlarm(change.record);
      timed.emit(LIVE_SERVER_EVENTS.alarmChanged, { seq: change.seq, prevSeq: change.prevSeq, ...(alarm ? { alarm } : {}) }, onAck);
      this.#host.metrics.delivered(LIVE_SERVER_EVENTS.alarmChanged, 1);
    } else {
      const incident = this.#presentIncident(change.record);
      timed.emit(LIVE_SERVER_EVENTS.incidentChanged, { seq: change.seq, prevSeq: change.prevSeq, ...(incident ? { incident } : {}) }, onAck);
      this.#host.metrics.delivered(LIVE_SERVER_EVENTS.incidentChanged, 1);
    }
  }

  readonly #presentAlarm: Presenter<'alarms'> = (alarm) => (inView(this.#view?.bbox, this.#host.sensors.get(alarm.sensorId)?.position) ? alarm : undefined);
  readonly #presentIncident: Presenter<'incidents'> = (incident) => (inView(this.#view?.bbox, incident.place) ? redactIncident(incident, this.principal) : undefined);

  #present<S extends ReliableStream>(stream: S): Presenter<S> {
    return (stream === 'alarms' ? this.#presentAlarm : this.#presentIncident) as unknown as Presenter<S>;
  }

  async #subscribe(raw: unknown): Promise<Ack<SubscribeResult>> {
    const parsed = SubscribeRequest.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    const request = parsed.data;
    const layers = new Set<LiveLayer>(request.layers);
    const publicOnly = this.principal.role === 'kiosk';
    const refused = publicOnly ? [...layers].filter((layer) => !PUBLIC_LIVE_LAYERS.includes(layer)) : [];
    if (refused.length > 0) return { error: { code: 'forbidden_layer', message: `A kiosk may not subscribe to ${refused.join(', ')}.` } };
    const view: LiveView = { layers, bbox: request.bbox && snapBbox(request.bbox), publicOnly };

    const { feed } = this.#host;
    await feed.catchUp();
    // The reads first: once the socket joins its rooms nothing may wait before the answer goes.
    const previous = this.#view;
    this.#view = view;
    const reliable: Partial<Pick<SubscribeResult, 'alarms' | 'incidents'>> = {};
    for (const stream of RELIABLE_STREAMS) {
      if (!layers.has(stream)) continue;
      // A box or role change makes what the client holds a different set: only a snapshot fits.
      const sameView = previous !== undefined && previous.bbox?.join() === view.bbox?.join();
      const from = request.resume?.[stream] ?? (sameView ? this.#position.get(stream) : undefined);
      reliable[stream] = (await feed.sync(stream, from, this.#present(stream))) as never;
    }
    for (const stream of RELIABLE_STREAMS) {
      const sync = reliable[stream];
      if (sync) this.#position.set(stream, sync.seq);
      else this.#position.delete(stream);
    }
    this.#joinRooms(view);
    const result: SubscribeResult = { layers: [...layers], ...(view.bbox ? { bbox: view.bbox } : {}), ...this.#host.roomSnapshot(view), ...reliable };
    return { data: result };
  }

  async #unsubscribe(raw: unknown): Promise<Ack<{ layers: LiveLayer[] }>> {
    const parsed = UnsubscribeRequest.safeParse(raw ?? {});
    if (!parsed.success) return invalid(parsed.error);
    const current = this.#view;
    const drop = new Set(parsed.data.layers ?? current?.layers ?? []);
    const layers = new Set([...(current?.layers ?? [])].filter((layer) => !drop.has(layer)));
    for (const stream of RELIABLE_STREAMS) if (!layers.has(stream)) this.#position.delete(stream);
    this.#view = current && layers.size > 0 ? { ...current, layers } : undefined;
    this.#joinRooms(this.#view);
    return { data: { layers: [...layers] } };
  }

  async #resume(raw: unknown): Promise<Ack<ResumeResult>> {
    const parsed = ResumeRequest.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    const { feed } = this.#host;
    await feed.catchUp();
    const result: ResumeResult = {};
    for (const stream of RELIABLE_STREAMS) {
      const from = parsed.data[stream];
      if (from === undefined) continue;
      if (this.#view?.layers.has(stream) !== true) return { error: { code: 'invalid_payload', message: `Subscribe to ${stream} before resuming it.` } };
      const sync = await feed.sync(stream, from, this.#present(stream));
      result[stream] = sync as never;
    }
    for (const stream of RELIABLE_STREAMS) {
      const sync = result[stream];
      if (sync) this.#position.set(stream, sync.seq);
    }
    return { data: result };
  }

  /** Leaves the rooms of the old view and joins those of the new one, in one turn. */
  #joinRooms(view: LiveView | undefined): void {
    const wanted = new Set(view ? ROOM_LAYERS.filter((layer) => view.layers.has(layer)).map((layer) => roomOf(layer, view)) : []);
    for (const room of this.socket.rooms) {
      if (room !== this.socket.id && !wanted.has(room)) void this.socket.leave(room);
    }
    void this.socket.join([...wanted]);
  }
}
