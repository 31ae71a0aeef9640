import { localMetres } from './localMetres.js';
import type { TileNode } from './TileNode.js';

/** West, south, east, north in WGS84 degrees. */
export interface LonLatBox {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/** Something the quadtree places by one point (degrees), e.g. the centre of its bounding box. */
export interface Anchored {
  readonly lon: number;
  readonly lat: number;
}

/** A square of the quadtree and the items anchored in it. */
export interface QuadtreeCell<T extends Anchored> {
  readonly box: LonLatBox;
  readonly members: readonly T[];
  readonly level: number;
  /** Column from the west and row from the north at this level. */
  readonly x: number;
  readonly y: number;
  /** False at the depth limit or when every member has the same anchor: the cell must become a leaf. */
  readonly canSplit: boolean;
}

export interface QuadtreeTiling<T extends Anchored> {
  /** Quadtree levels below the root at most. */
  readonly maxDepth: number;
  /** The cell as a leaf tile, or undefined to split it. A cell that cannot split must get a tile. */
  leaf(cell: QuadtreeCell<T>): Promise<TileNode | undefined>;
  /** The tile over the tiles of a split cell's occupied quadrants, which are built first. */
  parent(cell: QuadtreeCell<T>, children: readonly TileNode[]): Promise<TileNode>;
}

/** A square (in metres) around the anchors, so quadtree cells are square too. */
function rootBox(items: readonly Anchored[]): LonLatBox {
  let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { lon, lat } of items) [west, east, south, north] = [Math.min(west, lon), Math.max(east, lon), Math.min(south, lat), Math.max(north, lat)];
  const centre: [number, number] = [(west + east) / 2, (south + north) / 2];
  const [kx, ky] = localMetres(centre)([centre[0] + 1, centre[1] + 1]);
  const half = (Math.max((east - west) * kx, (north - south) * ky) / 2) * 1.000001 + 1;
  return { west: centre[0] - half / kx, east: centre[0] + half / kx, south: centre[1] - half / ky, north: centre[1] + half / ky };
}

/**
 * Cuts items into a quadtree of tiles, depth first: `leaf` decides whether a cell is small enough,
 * otherwise the cell is split and `parent` builds its tile once the children exist (a coarser
 * level of detail is made from what its children show). Quadrants without items are left out, and
 * a cell whose items all fall in one quadrant is replaced by that quadrant.
 */
export async function buildQuadtree<T extends Anchored>(items: readonly T[], tiling: QuadtreeTiling<T>): Promise<TileNode> {
  if (items.length === 0) throw new Error('no items to tile');

  const node = async (box: LonLatBox, members: readonly T[], level: number, x: number, y: number): Promise<TileNode> => {
    const [first] = members;
    const canSplit = level < tiling.maxDepth && members.some((m) => m.lon !== first?.lon || m.lat !== first.lat);
    const cell: QuadtreeCell<T> = { box, members, level, x, y, canSplit };
    const leaf = await tiling.leaf(cell);
    if (leaf) return leaf;
    if (!canSplit) throw new Error(`quadtree cell ${level}/${x}/${y} cannot be split but was not made a leaf`);

    const midLon = (box.west + box.east) / 2;
    const midLat = (box.south + box.north) / 2;
    const quadrants = [0, 1, 2, 3].map((q) => {
      const east = q % 2 === 1;
      const north = q >= 2;
      return {
        box: { west: east ? midLon : box.west, east: east ? box.east : midLon, south: north ? midLat : box.south, north: north ? box.north : midLat },
        members: members.filter((m) => (m.lon >= midLon) === east && (m.lat >= midLat) === north),
        x: x * 2 + (east ? 1 : 0),
        y: y * 2 + (north ? 0 : 1),
      };
    });
    const occupied = quadrants.filter((q) => q.members.length > 0);
    const [only] = occupied;
    if (only && occupied.length === 1) return node(only.box, only.members, level + 1, only.x, only.y);
    const children: TileNode[] = [];
    for (const q of occupied) children.push(await node(q.box, q.members, level + 1, q.x, q.y));
    return tiling.parent(cell, children);
  };

  return node(rootBox(items), items, 0, 0, 0);
}
