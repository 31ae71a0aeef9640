import { z } from 'zod';
import { LocalizedName } from '../district/common.js';

/** What a search result is: the district's named and numbered things. */
export const SEARCH_KINDS = [
  'building',
  'road',
  'bridge',
  'square',
  'water',
  'parking_lot',
  'low_point',
  'camera',
  'smart_pole',
  'utility_tunnel',
  'pipe_segment',
  'pipe_node',
] as const;
export const SearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKind>;

export const SEARCH_DEFAULT_LIMIT = 10;
export const SEARCH_MAX_LIMIT = 50;
/** Characters of `q` after trimming; longer queries are refused, not cut. */
export const SEARCH_MAX_QUERY_LENGTH = 100;

/** A value of a result's attributes, as a 3D Tiles feature's metadata has them. */
export const SearchAttribute = z.union([z.string(), z.number(), z.boolean()]);

/** One thing found by `GET /api/v1/search`. */
export const SearchResult = z.object({
  /** The asset id (数字身份证); for a road, the id of its first edge. */
  id: z.string().min(1),
  kind: SearchKind,
  /** For unnamed things (pipes, valves, poles) a description made from their kind. */
  name: LocalizedName,
  address: LocalizedName.optional(),
  /** Where to look: WGS84 degrees, metres above the ellipsoid (the ground), negative below it. */
  position: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), height: z.number() }),
  /** Radius of a sphere around `position` holding the whole thing, metres: how far to stand back. */
  radiusM: z.number().positive(),
  /** The catalog tileset whose features include this one (select it there by `id`), if any. */
  layerId: z.string().optional(),
  /** The thing's attributes, named as the tilesets' metadata names them (`name`, `nameEn`, `use`, …). */
  properties: z.record(z.string(), SearchAttribute),
});
export type SearchResult = z.infer<typeof SearchResult>;

/** `GET /api/v1/search?q=&limit=`: best match first. */
export const SearchResponse = z.object({
  query: z.string(),
  /** How many things matched; at most `limit` of them are in `results`. */
  total: z.number().int().nonnegative(),
  results: z.array(SearchResult),
});
export type SearchResponse = z.infer<typeof SearchResponse>;
