import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReliableStream, type StreamChange } from './reliableStream.js';

interface Rec {
  readonly id: string;
  readonly version: number;
  readonly open: boolean;
}

const isOpen = (rec: Rec) => rec.open;

interface History {
  readonly changes: StreamChange<Rec>[];
  /** The server's records after the first k changes, for every k. */
  readonly states: Map<string, Rec>[];
}

/**
 * A server's history: writes on a few ids, some closing them, some outside the box (no item);
 * seqs increase with holes (the other stream, rolled-back writes).
 */
const history = fc
  .array(fc.record({ id: fc.constantFrom('INC-1', 'INC-2', 'INC-3', 'INC-4'), open: fc.boolean(), outside: fc.boolean(), step: fc.integer({ min: 1, max: 3 }) }), { maxLength: 40 })
  .map((ops): History => {
    const versions = new Map<string, number>();
    const state = new Map<string, Rec>();
    const states = [new Map(state)];
    const changes: StreamChange<Rec>[] = [];
    let seq = 0;
    for (const op of ops) {
      const version = (versions.get(op.id) ?? 0) + 1;
      versions.set(op.id, version);
      const item = { id: op.id, version, open: op.open };
      const prevSeq = seq;
      seq += op.step;
      if (op.outside) {
        changes.push({ seq, prevSeq });
      } else {
        changes.push({ seq, prevSeq, item });
        if (op.open) state.set(op.id, item);
        else state.delete(op.id);
      }
      states.push(new Map(state));
    }
    return { changes, states };
  });

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

const seqAt = (h: History, k: number) => (k === 0 ? 0 : at(h.changes, k - 1).seq);

/**
 * Everything after the snapshot at least once, some before it, duplicated, in any order, the
 * snapshot anywhere; the snapshot's items read at or after its seq (`read` ≥ `k` changes).
 */
const delivery = history.chain((h) =>
  fc.record({
    h: fc.constant(h),
    k: fc.integer({ min: 0, max: h.changes.length }),
    lag: fc.nat({ max: 3 }),
    extra: fc.array(fc.nat({ max: Math.max(0, h.changes.length - 1) }), { maxLength: 20 }),
    order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: h.changes.length * 2 + 22, maxLength: h.changes.length * 2 + 22 }),
  }),
);

describe('ReliableStream', () => {
  it('ends with the server state after any interleaving of one snapshot and duplicated or reordered changes', () => {
    fc.assert(
      fc.property(delivery, ({ h, k, lag, extra, order }) => {
        const read = Math.min(h.changes.length, k + lag);
        type Message = { kind: 'snapshot' } | { kind: 'change'; change: StreamChange<Rec> };
        const messages: Message[] = [{ kind: 'snapshot' }, ...h.changes.slice(k).map((change) => ({ kind: 'change' as const, change }))];
        for (const index of extra) if (h.changes.length > 0) messages.push({ kind: 'change', change: at(h.changes, index % h.changes.length) });
        const keyed = messages.map((message, i) => ({ message, key: order[i] ?? 0 }));
        keyed.sort((a, b) => a.key - b.key);

        const stream = new ReliableStream<Rec>(isOpen);
        for (const { message } of keyed) {
          if (message.kind === 'snapshot') stream.applySnapshot(seqAt(h, k), [...at(h.states, read).values()]);
          else stream.applyChange(message.change);
        }
        const final = at(h.states, h.changes.length);
        expect(new Map(stream.records)).toEqual(final);
        expect(stream.lastSeq).toBe(seqAt(h, h.changes.length));
        expect(stream.hasGap).toBe(false);
        expect(stream.resumeSeq).toBe(seqAt(h, h.changes.length));
      }),
      { numRuns: 300 },
    );
  });

  it('sees a missing change as a gap, resumes from before it and then matches the server', () => {
    fc.assert(
      fc.property(
        history.filter((h) => h.changes.length >= 2),
        fc.nat(),
        (h, pick) => {
          const missing = pick % (h.changes.length - 1);
          const stream = new ReliableStream<Rec>(isOpen);
          stream.applySnapshot(0, []);
          h.changes.forEach((change, i) => i !== missing && stream.applyChange(change));
          expect(stream.hasGap).toBe(true);
          expect(stream.resumeSeq).toBe(seqAt(h, missing));
          // The server answers the resume with everything after that seq, which repeats what arrived.
          for (const change of h.changes.slice(missing)) stream.applyChange(change);
          expect(stream.hasGap).toBe(false);
          expect(new Map(stream.records)).toEqual(h.states[h.changes.length]);
        },
      ),
    );
  });

  it('holds changes that come before the first snapshot and drops those the snapshot already has', () => {
    const stream = new ReliableStream<Rec>(isOpen);
    const a1 = { id: 'INC-1', version: 1, open: true };
    const a2 = { id: 'INC-1', version: 2, open: true };
    expect(stream.applyChange({ seq: 5, prevSeq: 2, item: a1 })).toBe('buffered');
    expect(stream.applyChange({ seq: 9, prevSeq: 7, item: a2 })).toBe('buffered');
    expect(stream.ready).toBe(false);
    expect(stream.applySnapshot(7, [a1])).toBe('applied');
    expect(stream.records.get('INC-1')).toEqual(a2);
    expect(stream.applyChange({ seq: 9, prevSeq: 7, item: a2 })).toBe('duplicate');
    expect(stream.applyChange({ seq: 3, prevSeq: 2, item: a1 })).toBe('duplicate');
    expect(stream.applySnapshot(6, [])).toBe('stale');
    expect(stream.lastSeq).toBe(9);
  });

  it('never puts an older version over the one a snapshot already holds', () => {
    const stream = new ReliableStream<Rec>(isOpen);
    stream.applySnapshot(4, [{ id: 'INC-1', version: 3, open: true }]);
    stream.applyChange({ seq: 5, prevSeq: 4, item: { id: 'INC-1', version: 2, open: false } });
    expect(stream.records.get('INC-1')?.version).toBe(3);
    stream.applyChange({ seq: 6, prevSeq: 5, item: { id: 'INC-1', version: 3, open: true } });
    expect(stream.records.get('INC-1')?.version).toBe(3);
  });

  it('folds a long run of changes in chain order, and takes a late copy of any of them for a duplicate', () => {
    const stream = new ReliableStream<Rec>(isOpen);
    stream.applySnapshot(0, []);
    for (let seq = 1; seq <= 1000; seq++) stream.applyChange({ seq, prevSeq: seq - 1, item: { id: `INC-${seq % 7}`, version: seq, open: true } });
    expect(stream.records.size).toBe(7);
    expect(stream.records.get('INC-0')?.version).toBe(994);
    expect(stream.applyChange({ seq: 10, prevSeq: 9, item: { id: 'INC-3', version: 10, open: false } })).toBe('duplicate');
    expect(stream.records.has('INC-3')).toBe(true);
    expect(stream.resumeSeq).toBe(1000);
  });
});
