import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorScroll } from './anchorScroll.js';

describe('keeping the reader in place', () => {
  const rowHeight = 40;

  it('stays at the top when the user is at the top, so a new alarm shows there', () => {
    expect(anchorScroll(['B', 'C'], ['A', 'B', 'C'], 0, rowHeight)).toEqual({ scrollTop: 0, insertedAbove: 0 });
  });

  it('moves down by the rows that arrived above what the user is reading, and counts them', () => {
    // Reading C (index 2) 10 px into it; two new alarms on top.
    expect(anchorScroll(['A', 'B', 'C', 'D'], ['N1', 'N2', 'A', 'B', 'C', 'D'], 90, rowHeight)).toEqual({ scrollTop: 170, insertedAbove: 2 });
  });

  it('does not call rows a filter had hidden new', () => {
    expect(anchorScroll(['A', 'C'], ['A', 'B', 'C'], 40, rowHeight, new Set(['A', 'B', 'C']))).toEqual({ scrollTop: 80, insertedAbove: 0 });
  });

  it('moves up when rows above go away (acknowledged and cleared)', () => {
    expect(anchorScroll(['A', 'B', 'C', 'D'], ['C', 'D'], 80, rowHeight)).toEqual({ scrollTop: 0, insertedAbove: 0 });
  });

  it('holds on to the next row when the one being read goes away', () => {
    expect(anchorScroll(['A', 'B', 'C', 'D'], ['N', 'A', 'D'], 85, rowHeight)).toEqual({ scrollTop: 80, insertedAbove: 1 });
  });

  it('keeps the anchor row at the same place on screen for any change around it', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 30 }),
        fc.uniqueArray(fc.integer({ min: 201, max: 400 }), { maxLength: 10 }),
        fc.nat(),
        fc.nat(),
        (before, added, at, offset) => {
          const previous = before.map(String);
          const top = at % previous.length;
          const anchor = previous[top] as string;
          const next = [...added.map(String), ...previous.filter((_, i) => i === top || (i + offset) % 3 !== 0)];
          const scrollTop = top * rowHeight + (offset % rowHeight);
          const { scrollTop: kept } = anchorScroll(previous, next, scrollTop, rowHeight);
          if (scrollTop > 0) expect(kept - next.indexOf(anchor) * rowHeight).toBe(scrollTop - top * rowHeight);
        },
      ),
    );
  });
});
