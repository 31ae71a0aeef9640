/** A record of a reliable stream: alarms and incidents have ids and grow a version on every write. */
export interface Versioned {
  readonly id: string;
  readonly version: number;
}

/**
 * One change of a reliable stream as the hub sends it (`AlarmChange`, `IncidentChange` with the
 * record under one name). `prevSeq` is the stream's change before it, so holding `prevSeq` means
 * nothing was missed; `item` is absent when the record lies outside the subscription's box.
 */
export interface StreamChange<T extends Versioned> {
  readonly seq: number;
  readonly prevSeq: number;
  readonly item?: T;
}

/** What applying a message did. */
export type ApplyOutcome = 'applied' | 'duplicate' | 'buffered' | 'stale';

/** Changes kept beyond the snapshot before the oldest are folded into it. */
const DEFAULT_MAX_LOG = 10_000;

/**
 * The client's copy of one reliable stream (alarms or incidents): a snapshot at a seq, then the
 * changes after it. Changes are kept by seq, so a duplicate is ignored and a late one is put in
 * its place: the records are the snapshot with every later change applied in seq order (an item
 * only over an older version of itself, a closed one removed), so any interleaving of a snapshot
 * and duplicated or reordered changes ends in the server's state. Changes that arrive before the
 * first snapshot wait for it.
 */
export class ReliableStream<T extends Versioned> {
  private baseSeq: number | undefined;
  private base = new Map<string, T>();
  /** Changes after the base, by seq. */
  private readonly log = new Map<number, StreamChange<T>>();
  private view = new Map<string, T>();
  private viewSeq: number | undefined;

  /** @param isOpen what the stream shows: an item that is no longer open leaves it. */
  constructor(
    private readonly isOpen: (item: T) => boolean,
    private readonly maxLog = DEFAULT_MAX_LOG,
  ) {}

  /** Whether a snapshot has arrived: before it the stream has no state to show. */
  get ready(): boolean {
    return this.baseSeq !== undefined;
  }

  /** The open records, as the server had them at {@link lastSeq}. */
  get records(): ReadonlyMap<string, T> {
    return this.view;
  }

  /** The newest seq applied (snapshot or change); undefined before the first snapshot. */
  get lastSeq(): number | undefined {
    return this.viewSeq;
  }

  /**
   * The seq to resume from: the end of the unbroken chain of changes after the snapshot. Resuming
   * from here gets the missing change and everything after it again (duplicates are ignored).
   */
  get resumeSeq(): number | undefined {
    if (this.baseSeq === undefined) return undefined;
    let seq = this.baseSeq;
    for (const change of this.sortedLog()) {
      if (change.prevSeq !== seq) break;
      seq = change.seq;
    }
    return seq;
  }

  /** True when a change names a predecessor this stream has not received. */
  get hasGap(): boolean {
    return this.baseSeq !== undefined && this.resumeSeq !== this.viewSeq;
  }

  /** Replaces the state with a snapshot taken at `seq`; held changes after it apply on top. */
  applySnapshot(seq: number, items: readonly T[]): ApplyOutcome {
    if (this.baseSeq !== undefined && seq < this.baseSeq) return 'stale';
    this.baseSeq = seq;
    this.base = new Map(items.filter(this.isOpen).map((item) => [item.id, item]));
    for (const changeSeq of [...this.log.keys()]) if (changeSeq <= seq) this.log.delete(changeSeq);
    this.rebuild();
    return 'applied';
  }

  /** Applies one change; a seq already applied (or inside the snapshot) is a duplicate. */
  applyChange(change: StreamChange<T>): ApplyOutcome {
    if ((this.baseSeq !== undefined && change.seq <= this.baseSeq) || this.log.has(change.seq)) return 'duplicate';
    this.log.set(change.seq, change);
    if (this.baseSeq === undefined) return 'buffered';
    if (this.viewSeq !== undefined && change.seq > this.viewSeq) {
      this.applyTo(this.view, change);
      this.viewSeq = change.seq;
    } else {
      this.rebuild();
    }
    this.compact();
    return 'applied';
  }

  /** Forgets everything: a new subscription starts from its own snapshot. */
  reset(): void {
    this.baseSeq = undefined;
    this.base = new Map();
    this.log.clear();
    this.view = new Map();
    this.viewSeq = undefined;
  }

  private sortedLog(): StreamChange<T>[] {
    return [...this.log.values()].sort((a, b) => a.seq - b.seq);
  }

  private rebuild(): void {
    const view = new Map(this.base);
    let seq = this.baseSeq;
    for (const change of this.sortedLog()) {
      this.applyTo(view, change);
      seq = change.seq;
    }
    this.view = view;
    this.viewSeq = seq;
  }

  /** Folds the oldest changes of the unbroken chain into the base so the log stays bounded. */
  private compact(): void {
    if (this.log.size <= this.maxLog) return;
    const resume = this.resumeSeq;
    const folded = new Map(this.base);
    let seq = this.baseSeq;
    for (const change of this.sortedLog()) {
      if (resume === undefined || change.seq > resume || this.log.size <= this.maxLog / 2) break;
      this.applyTo(folded, change);
      this.log.delete(change.seq);
      seq = change.seq;
    }
    this.base = folded;
    this.baseSeq = seq;
  }

  /** A snapshot may hold an item newer than its seq: an older version never replaces it. */
  private applyTo(records: Map<string, T>, change: StreamChange<T>): void {
    const item = change.item;
    if (item === undefined) return;
    const held = records.get(item.id);
    if (held !== undefined && held.version > item.version) return;
    if (this.isOpen(item)) records.set(item.id, item);
    else records.delete(item.id);
  }
}
