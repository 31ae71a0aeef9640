import { describe, expect, it } from 'vitest';
import { createTilesetJson } from './createTilesetJson.js';
import type { GeoRegion, TileNode } from './TileNode.js';

const region: GeoRegion = { west: 117.2, south: 34.2, east: 117.21, north: 34.21, minHeightM: -6, maxHeightM: 0 };
const tile = (node: Partial<TileNode>): TileNode => ({ region, geometricError: 0, children: [], ...node });

describe('createTilesetJson', () => {
  it('writes one content as `content`, several as `contents`, none for a grouping tile', () => {
    const json = createTilesetJson(
      tile({
        geometricError: 2,
        children: [tile({ contentUris: ['a.glb'] }), tile({ contentUris: ['b.glb', 'c.glb'] }), tile({ contentUris: [] })],
      }),
      { geometricError: 4, generator: 'test' },
    ) as { root: { content?: unknown; children: Record<string, unknown>[] } };
    expect(json.root.content).toBeUndefined();
    const [one, two, none] = json.root.children;
    expect(one).toMatchObject({ content: { uri: 'a.glb' } });
    expect(one).not.toHaveProperty('contents');
    expect(two).toMatchObject({ contents: [{ uri: 'b.glb' }, { uri: 'c.glb' }] });
    expect(two).not.toHaveProperty('content');
    expect(none).not.toHaveProperty('content');
    expect(none).not.toHaveProperty('contents');
  });

  it('refines by REPLACE unless a tile says otherwise, in radians', () => {
    const plain = createTilesetJson(tile({}), { geometricError: 1, generator: 'test' }) as { root: Record<string, unknown> };
    expect(plain.root.refine).toBe('REPLACE');
    expect((plain.root.boundingVolume as { region: number[] }).region[0]).toBeCloseTo((117.2 * Math.PI) / 180, 12);
    const layered = createTilesetJson(tile({ geometricError: 2, refine: 'ADD', children: [tile({ refine: 'REPLACE' }), tile({})] }), { geometricError: 4, generator: 'test' }) as {
      root: { refine: string; children: Record<string, unknown>[] };
    };
    expect(layered.root.refine).toBe('ADD');
    expect(layered.root.children.map((c) => c.refine)).toEqual(['REPLACE', undefined]);
  });
});
