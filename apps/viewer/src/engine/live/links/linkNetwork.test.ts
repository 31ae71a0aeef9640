import { describe, expect, it } from 'vitest';
import { LinkLevels, prepareNetwork } from './linkNetwork.js';

describe('prepareNetwork', () => {
  it('keeps one line per id and drops lines that have no length', () => {
    const { links, skipped } = prepareNetwork([
      { id: 'RDE-000001', coordinates: [[117.25, 34.18], [117.26, 34.18]], lanes: 6 },
      { id: 'RDE-000001', coordinates: [[117.3, 34.2], [117.31, 34.2]] },
      { id: 'RDE-000002', coordinates: [[117.25, 34.18], [117.25, 34.18]] },
      { id: 'RDE-000003', coordinates: [[117.25, 34.18]] },
    ]);
    expect(links.map((link) => link.id)).toEqual(['RDE-000001']);
    expect(links[0]?.coordinates).toEqual([[117.25, 34.18], [117.26, 34.18]]);
    expect(links[0]?.lanes).toBe(6);
    expect(skipped).toEqual(['RDE-000001', 'RDE-000002', 'RDE-000003']);
  });

  it('removes repeated points inside a line', () => {
    const { links } = prepareNetwork([{ id: 'RDE-000004', coordinates: [[1, 2], [1, 2], [1, 3], [1, 3]] }]);
    expect(links[0]?.coordinates).toEqual([[1, 2], [1, 3]]);
  });
});

describe('LinkLevels', () => {
  const known = new Set(['RDE-000001', 'RDE-000002']);

  it('reports only the links whose level changed, so unchanged roads are not repainted', () => {
    const levels = new LinkLevels(known);
    expect(levels.apply([{ linkId: 'RDE-000001', congestion: 0, timeMs: 1 }, { linkId: 'RDE-000002', congestion: 2, timeMs: 1 }]).sort()).toEqual(['RDE-000001', 'RDE-000002']);
    expect(levels.apply([{ linkId: 'RDE-000001', congestion: 0, timeMs: 2 }, { linkId: 'RDE-000002', congestion: 3, timeMs: 2 }])).toEqual(['RDE-000002']);
    expect(levels.levelOf('RDE-000002')).toBe(3);
    expect(levels.coloured).toBe(2);
  });

  it('ignores states older than the one held, links the network lacks and unknown levels', () => {
    const levels = new LinkLevels(known);
    levels.apply([{ linkId: 'RDE-000001', congestion: 3, timeMs: 10 }]);
    expect(
      levels.apply([
        { linkId: 'RDE-000001', congestion: 0, timeMs: 5 },
        { linkId: 'RDE-999999', congestion: 1, timeMs: 20 },
        { linkId: 'RDE-000001', congestion: 4, timeMs: 30 },
      ]),
    ).toEqual([]);
    expect(levels.levelOf('RDE-000001')).toBe(3);
    expect(levels.levelOf('RDE-999999')).toBeUndefined();
  });

  it('clear sends every coloured link back to no data', () => {
    const levels = new LinkLevels(known);
    levels.apply([{ linkId: 'RDE-000002', congestion: 1, timeMs: 1 }]);
    expect(levels.clear()).toEqual(['RDE-000002']);
    expect(levels.levelOf('RDE-000002')).toBeUndefined();
    expect(levels.coloured).toBe(0);
  });
});
