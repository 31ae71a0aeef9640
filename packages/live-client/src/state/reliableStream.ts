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

/**
 * The client's copy of one reliable stream (alarms or incidents): a snapshot at a seq, then the
 * changes after it. A change whose `prevSeq` the stream already holds is folded into the base at
 * once: every earlier change is then known to have arrived, so a later copy of any of them is a
 * duplicate. A change that comes before its predecessor waits beside the base, and the records
 * show the base with the waiting changes applied in seq order (an item only over an older
 * version of itself, a closed one removed): any interleaving of a snapshot and duplicated or
 * reordered changes ends in the server's state. Changes that arrive before the first snapshot
 * wait for it.
 */
export class ReliableStream<T extends Versioned> {
  private baseSeq: number | undefined;
  private base = new Map<string, T>();
  /** Changes after a missing one, by seq: they wait for it (or for a resume). */
  private readonly waiting = new Map<number, StreamChange<T>>();
  private view = this.base;
  private viewSeq: number | undefined;

  /** @param isOpen what the stream shows: an item that is no longer open leaves it. */
  constructor(private readonly isOpen: (item: T) => boolean) {}

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
   * The seq to resume from: the last one of the unbroken chain since the snapshot. Resuming from
   * here gets the missing change and everything after it again (duplicates are ignored).
   */
  get resumeSeq(): number | undefined {
    return this.baseSeq;
  }

  /** True when a change names a predecessor this stream has not received. */
  get hasGap(): boolean {
    return this.baseSeq !== undefined && this.waiting.size > 0;
  }

  /** Replaces the state with a snapshot taken at `seq`; waiting changes after it apply on top. */
  applySnapshot(seq: number, items: readonly T[]): ApplyOutcome {
    if (this.baseSeq !== undefined && seq < this.baseSeq) return 'stale';
    this.baseSeq = seq;
    this.base = new Map();
    for (const item of items) if (this.isOpen(item)) this.base.set(item.id, item);
    for (const waitingSeq of [...this.waiting.keys()]) if (waitingSeq <= seq) this.waiting.delete(waitingSeq);
    this.settle();
    return 'applied';
  }

  /** Applies one change; a seq already applied (or inside the snapshot) is a duplicate. */
  applyChange(change: StreamChange<T>): ApplyOutcome {
    if ((this.baseSeq !== undefined && change.seq <= this.baseSeq) || this.waiting.has(change.seq)) return 'duplicate';
    this.waiting.set(change.seq, change);
    if (this.baseSeq === undefined) return 'buffered';
    this.settle();
    return 'applied';
  }

  /** Forgets everything: a new subscription starts from its own snapshot. */
  reset(): void {
    this.baseSeq = undefined;
    this.base = new Map();
    this.waiting.clear();
    this.view = this.base;
    this.viewSeq = undefined;
  }

  /** Folds every waiting change whose predecessor the base holds, then shows the rest on top. */
  private settle(): void {
    const sorted = [...this.waiting.values()].sort((a, b) => a.seq - b.seq);
    for (const change of sorted) {
      if (this.baseSeq === undefined || change.prevSeq > this.baseSeq) break;
      this.applyTo(this.base, change);
      this.baseSeq = change.seq;
      this.waiting.delete(change.seq);
    }
    if (this.waiting.size === 0) {
      this.view = this.base;
      this.viewSeq = this.baseSeq;
      return;
    }
    const view = new Map(this.base);
    let seq = this.baseSeq;
    for (const change of sorted) {
      if (!this.waiting.has(change.seq)) continue;
      this.applyTo(view, change);
      seq = change.seq;
    }
    this.view = view;
    this.viewSeq = seq;
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
