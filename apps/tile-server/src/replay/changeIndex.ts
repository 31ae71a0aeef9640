import { isOpenAlarm, isOpenIncident, type Alarm, type Incident, type ReliableStream } from '@pengcheng/protocol';
import type { LiveChangeRecord, LiveRepository } from '../storage/liveRepository.js';

type Record_ = LiveChangeRecord[ReliableStream];

/** One version of a record as the change log holds it, with the moment it was written. */
export interface TimedChange<T> {
  readonly seq: number;
  readonly timeMs: number;
  readonly record: T;
}

export interface ChangeIndexOptions {
  readonly repository: Pick<LiveRepository, 'changesSince' | 'listAlarms' | 'listIncidents'>;
  readonly now?: () => number;
  /** How far back states are asked for; older changes are folded into one base state. */
  readonly horizonMs: number;
}

const PAGE = 1_000;
/** Enough for every open record of a district; the lists are newest first. */
export const OPEN_SCAN = 10_000;
export const OPEN_INCIDENT_STATES: Incident['state'][] = ['reported', 'dispatched', 'handling', 'resolved'];

/** When a version was written: every write appends one audit entry. */
export function changeTime(record: Alarm | Incident): number {
  const last = record.audit.at(-1)?.atMs;
  if (last !== undefined) return last;
  return 'raisedAtMs' in record ? record.raisedAtMs : record.updatedAtMs;
}

/** An older version changes nothing; a record no longer open leaves. */
function applyVersion<T extends Record_>(records: Map<string, T>, record: T, isOpen: (record: T) => boolean): void {
  const held = records.get(record.id);
  if (held && held.version >= record.version) return;
  if (isOpen(record)) records.set(record.id, record);
  else records.delete(record.id);
}

class StreamIndex<T extends Record_> {
  /** The open records as of the changes folded in (older than the horizon). */
  readonly base = new Map<string, T>();
  /** The changes since, in seq order. */
  changes: TimedChange<T>[] = [];
  lastSeq = 0;
  constructor(readonly isOpen: (record: T) => boolean) {}

  stateAt(timeMs: number): T[] {
    const records = new Map(this.base);
    for (const change of this.changes) if (change.timeMs <= timeMs) applyVersion(records, change.record, this.isOpen);
    return [...records.values()];
  }

  between(fromMs: number, toMs: number): TimedChange<T>[] {
    return this.changes.filter((change) => change.timeMs > fromMs && change.timeMs <= toMs);
  }

  fold(beforeMs: number): void {
    const keep: TimedChange<T>[] = [];
    for (const change of this.changes) {
      if (change.timeMs < beforeMs) applyVersion(this.base, change.record, this.isOpen);
      else keep.push(change);
    }
    this.changes = keep;
  }
}

/**
 * The alarms' and incidents' versions over the replay horizon, read from the change log (which
 * keeps 72 h, so nothing is stored twice) and held in memory by the time each was written, so a
 * replay request does not scan the log. Records with no change left in the log are their current
 * open version; a record whose earlier versions were pruned shows from its first logged one.
 */
export class ChangeIndex {
  readonly #repository: ChangeIndexOptions['repository'];
  readonly #now: () => number;
  readonly #horizonMs: number;
  readonly #alarms = new StreamIndex<Alarm>(isOpenAlarm);
  readonly #incidents = new StreamIndex<Incident>(isOpenIncident);
  #queue: Promise<void> = Promise.resolve();
  #seeded = false;

  constructor({ repository, now = Date.now, horizonMs }: ChangeIndexOptions) {
    this.#repository = repository;
    this.#now = now;
    this.#horizonMs = horizonMs;
  }

  /** Reads what the log gained since the last call; calls run one after another. */
  catchUp(): Promise<void> {
    const run = this.#queue.then(() => this.#catchUp());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  alarmsAt(timeMs: number): Alarm[] {
    return this.#alarms.stateAt(timeMs);
  }
  incidentsAt(timeMs: number): Incident[] {
    return this.#incidents.stateAt(timeMs);
  }
  alarmsBetween(fromMs: number, toMs: number): TimedChange<Alarm>[] {
    return this.#alarms.between(fromMs, toMs);
  }
  incidentsBetween(fromMs: number, toMs: number): TimedChange<Incident>[] {
    return this.#incidents.between(fromMs, toMs);
  }

  async #catchUp(): Promise<void> {
    await this.#read('alarms', this.#alarms);
    await this.#read('incidents', this.#incidents);
    if (!this.#seeded) {
      // Open records the log no longer mentions have not changed since it begins.
      const [alarms, incidents] = await Promise.all([
        this.#repository.listAlarms({ open: true, limit: OPEN_SCAN }),
        this.#repository.listIncidents({ states: OPEN_INCIDENT_STATES, limit: OPEN_SCAN }),
      ]);
      seed(this.#alarms, alarms);
      seed(this.#incidents, incidents);
      this.#seeded = true;
    }
    const cut = this.#now() - this.#horizonMs;
    this.#alarms.fold(cut);
    this.#incidents.fold(cut);
  }

  async #read<S extends ReliableStream>(stream: S, index: StreamIndex<LiveChangeRecord[S]>): Promise<void> {
    for (;;) {
      const page = await this.#repository.changesSince(stream, index.lastSeq, PAGE);
      for (const change of page) index.changes.push({ seq: change.seq, timeMs: changeTime(change.record), record: change.record });
      if (page.length > 0) index.lastSeq = page[page.length - 1]?.seq ?? index.lastSeq;
      if (page.length < PAGE) return;
    }
  }
}

function seed<T extends Record_>(index: StreamIndex<T>, open: readonly T[]): void {
  const logged = new Set(index.changes.map((change) => change.record.id));
  for (const record of open) if (!logged.has(record.id) && !index.base.has(record.id)) index.base.set(record.id, record);
}
