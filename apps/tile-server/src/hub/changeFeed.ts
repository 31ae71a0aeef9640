import type { Alarm, AlarmSync, Incident, IncidentSync, ReliableStream } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import type { LiveRepository } from '../storage/liveRepository.js';
import type { LiveState } from './liveState.js';

/** What a stream carries, by name. */
export interface StreamRecord {
  readonly alarms: Alarm;
  readonly incidents: Incident;
}

/** How a subscriber sees a record: as it may see it (redacted), or undefined when outside its box. */
export type Presenter<S extends ReliableStream> = (record: StreamRecord[S]) => StreamRecord[S] | undefined;

export interface StreamSync {
  readonly alarms: AlarmSync;
  readonly incidents: IncidentSync;
}

/** One change as the feed hands it to subscribers: `prevSeq` is the stream's change before it. */
export interface FeedChange<S extends ReliableStream> {
  readonly stream: S;
  readonly seq: number;
  readonly prevSeq: number;
  readonly record: StreamRecord[S];
}

export interface ChangeFeedOptions {
  readonly repository: LiveRepository;
  readonly state: LiveState;
  readonly logger: Logger;
  /** Called for every change, in order, once the state holds it. */
  readonly onChange: (change: FeedChange<'alarms'> | FeedChange<'incidents'>) => void;
  /** Changes read per query while catching up. */
  readonly batch?: number;
  /** A client further behind than this many changes gets a snapshot instead. */
  readonly resumeLimit: number;
  /** Open incidents and alarms loaded at start, at most. */
  readonly loadLimit?: number;
}

const STREAMS = ['alarms', 'incidents'] as const;
const OPEN_INCIDENT_STATES = ['reported', 'dispatched', 'handling', 'resolved'] as const;

/**
 * The reliable streams, tailed from the change log in storage: the one order every node agrees
 * on. Every read and every hand-out runs on one queue, so a subscriber's snapshot is taken at
 * the feed's position and the changes after it follow on the same socket, in order.
 */
export class ChangeFeed {
  readonly #options: ChangeFeedOptions;
  readonly #cursor: Record<ReliableStream, number> = { alarms: 0, incidents: 0 };
  #queue: Promise<unknown> = Promise.resolve();
  #pollQueued: Promise<void> | undefined;

  constructor(options: ChangeFeedOptions) {
    this.#options = options;
  }

  /** Where the feed is, per stream: every change up to it is in the state and handed out. */
  position(stream: ReliableStream): number {
    return this.#cursor[stream];
  }

  /**
   * Loads the open alarms and incidents. The position is read first: a write between the two
   * reads is then both in the lists and handed out again later, which the versions absorb.
   */
  async start(): Promise<void> {
    const { repository, state, loadLimit = 10_000 } = this.#options;
    await this.run(async () => {
      for (const stream of STREAMS) this.#cursor[stream] = await repository.latestChangeSeq(stream);
      for (const alarm of await repository.listAlarms({ open: true, limit: loadLimit })) state.applyAlarm(alarm);
      for (const incident of await repository.listIncidents({ states: [...OPEN_INCIDENT_STATES], limit: loadLimit })) state.applyIncident(incident);
    });
  }

  /** Runs `job` after every job queued before it; a failing job does not stop the queue. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(job);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Catches up with the change log (queued; a poll already waiting covers this one too).
   * Failures are logged: the next poll retries from the same position.
   */
  poll(): Promise<void> {
    if (this.#pollQueued) return this.#pollQueued;
    const queued = this.run(async () => {
      this.#pollQueued = undefined;
      await this.catchUp();
    }).catch((error: unknown) => this.#options.logger.warn({ err: error }, 'live hub: reading the change log failed'));
    this.#pollQueued = queued;
    return queued;
  }

  /** Reads and hands out every change past the position. Only from inside a job. */
  async catchUp(): Promise<void> {
    const { repository, state, onChange, batch = 500 } = this.#options;
    for (const stream of STREAMS) {
      for (;;) {
        const changes = await repository.changesSince(stream, this.#cursor[stream], batch);
        for (const change of changes) {
          const prevSeq = this.#cursor[stream];
          this.#cursor[stream] = change.seq;
          if (stream === 'alarms') {
            const record = change.record as Alarm;
            state.applyAlarm(record);
            onChange({ stream, seq: change.seq, prevSeq, record });
          } else {
            const record = change.record as Incident;
            state.applyIncident(record);
            onChange({ stream, seq: change.seq, prevSeq, record });
          }
        }
        if (changes.length < batch) break;
      }
    }
  }

  /**
   * Brings a subscriber to the feed's position (only from inside a job, after `catchUp`): the
   * changes after `from` when it holds a position not too far behind and not pruned from the
   * log, else every open record.
   */
  async sync<S extends ReliableStream>(stream: S, from: number | undefined, present: Presenter<S>): Promise<StreamSync[S]> {
    const seq = this.#cursor[stream];
    if (from !== undefined && from <= seq && from >= (await this.#options.repository.changesPrunedThrough(stream))) {
      const { resumeLimit } = this.#options;
      const changes = from === seq ? [] : await this.#options.repository.changesSince(stream, from, resumeLimit + 1);
      const missed = changes.filter((change) => change.seq <= seq);
      if (missed.length <= resumeLimit) {
        let prevSeq = from;
        const out = missed.map((change) => {
          const shown = present(change.record as StreamRecord[S]);
          const entry = { seq: change.seq, prevSeq, ...(shown === undefined ? {} : { [stream === 'alarms' ? 'alarm' : 'incident']: shown }) };
          prevSeq = change.seq;
          return entry;
        });
        return { mode: 'changes', seq, changes: out } as StreamSync[S];
      }
    }
    const held = (stream === 'alarms' ? this.#options.state.alarms : this.#options.state.incidents) as Map<string, StreamRecord[S]>;
    const items: StreamRecord[S][] = [];
    for (const record of held.values()) {
      const shown = present(record);
      if (shown !== undefined) items.push(shown);
    }
    return { mode: 'snapshot', seq, items } as StreamSync[S];
  }
}
