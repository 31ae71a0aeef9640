import { describe, expect, it } from 'vitest';
import { type Anchored, buildQuadtree, type QuadtreeCell } from './buildQuadtree.js';
import type { TileNode } from './TileNode.js';

interface Item extends Anchored {
  readonly name: string;
}

const region = { west: 0, south: 0, east: 0, north: 0, minHeightM: 0, maxHeightM: 0 };

/** Builds a tree whose leaves hold at most `max` items, recording every cell made a tile. */
async function tree(items: readonly Item[], max: number, maxDepth = 8): Promise<{ root: TileNode; cells: Map<TileNode, QuadtreeCell<Item>> }> {
  const cells = new Map<TileNode, QuadtreeCell<Item>>();
  const root = await buildQuadtree(items, {
    maxDepth,
    async leaf(cell) {
      if (cell.members.length > max && cell.canSplit) return undefined;
      const node: TileNode = { region, geometricError: 0, children: [] };
      cells.set(node, cell);
      return node;
    },
    async parent(cell, children) {
      const node: TileNode = { region, geometricError: 1, children };
      cells.set(node, cell);
      return node;
    },
  });
  return { root, cells };
}

const leaves = (node: TileNode): TileNode[] => (node.children.length ? node.children.flatMap(leaves) : [node]);

describe('buildQuadtree', () => {
  // Four clusters in the corners of a 0.01° square, one of them with five items.
  const items: Item[] = [
    ...[0, 1, 2, 3, 4].map((i) => ({ name: `sw${i}`, lon: 117.2 + i * 2e-4, lat: 34.2 })),
    { name: 'se', lon: 117.21, lat: 34.2 },
    { name: 'nw', lon: 117.2, lat: 34.21 },
    { name: 'ne', lon: 117.21, lat: 34.21 },
  ];

  it('puts every item in exactly one leaf, splitting until leaves are small enough', async () => {
    const { root, cells } = await tree(items, 2);
    const placed = leaves(root).flatMap((leaf) => cells.get(leaf)?.members.map((m) => m.name) ?? []);
    expect(placed.sort()).toEqual(items.map((i) => i.name).sort());
    for (const leaf of leaves(root)) expect(cells.get(leaf)?.members.length).toBeLessThanOrEqual(2);
  });

  it('names cells by level, column from the west and row from the north, skipping single-quadrant levels', async () => {
    const { root, cells } = await tree(items, 5);
    const rootCell = cells.get(root);
    expect(rootCell).toMatchObject({ level: 0, x: 0, y: 0 });
    const children = root.children.map((c) => cells.get(c)).map((c) => `${c?.level}/${c?.x}/${c?.y}`);
    expect(children.sort()).toEqual(['1/0/0', '1/0/1', '1/1/0', '1/1/1']);
  });

  it('makes a leaf of a cell it cannot split, and refuses a builder that will not', async () => {
    const same: Item[] = [0, 1, 2].map((i) => ({ name: `p${i}`, lon: 117.2, lat: 34.2 }));
    const { root } = await tree(same, 1);
    expect(root.children).toEqual([]);
    await expect(
      buildQuadtree(same, { maxDepth: 4, leaf: async () => undefined, parent: async (_cell, children) => ({ region, geometricError: 1, children }) }),
    ).rejects.toThrow(/cannot be split/);
  });
});
