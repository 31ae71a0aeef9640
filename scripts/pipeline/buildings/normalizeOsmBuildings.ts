import type { BuildingUse } from '@pengcheng/protocol';
import type { BuildingPartShape, BuildingRecord, Names, NormalizedBuildings, PolygonRings } from './BuildingRecord.js';
import { osmBuildingUse } from './osmBuildingUse.js';
import { repairPolygon } from './repairPolygon.js';
import { unionPolygons } from './unionPolygons.js';

const LEVEL_HEIGHT_M = 3;
const MAX_HEIGHT_M = 1000;

/** Heights for buildings OSM gives neither a height nor levels for: typical storeys by use. */
const DEFAULT_HEIGHT_M: Readonly<Record<BuildingUse | 'unknown', number>> = {
  government: 15,
  office: 30,
  residential: 18,
  commercial: 12,
  school: 12,
  hospital: 18,
  cultural: 12,
  sports: 12,
  hotel: 30,
  industrial: 9,
  utility: 4,
  transport: 9,
  mixed: 15,
  unknown: 10,
};

/** How the normalizer got there, for the build log and tests. */
export interface OsmNormalizeStats {
  /** `layer: buildings` features that are points (labels, addresses, entrances), not footprints. */
  readonly notFootprints: number;
  /** Exact copies of a feature repeated in another vector tile. */
  readonly duplicates: number;
  /** Features that were pieces of a building clipped at tile edges, merged into another piece. */
  readonly piecesMerged: number;
  /** Footprints that could not be repaired. */
  readonly invalid: number;
  /** building:part features folded into their building (whose outline is then not drawn). */
  readonly partsFolded: number;
  readonly heightFromLevels: number;
  /** Parts without a height of their own, given their building's. */
  readonly heightFromBuilding: number;
  readonly heightDefaulted: number;
}

export interface OsmNormalized extends NormalizedBuildings {
  readonly stats: OsmNormalizeStats;
}

type Properties = Readonly<Record<string, unknown>>;

interface Footprint {
  readonly identity: Identity;
  readonly properties: Properties;
  readonly polygons: PolygonRings[];
}

/** Which OSM element a feature comes from: copies and clipped pieces of one element share it. */
interface Identity {
  readonly key: string;
  readonly osmId: number | undefined;
  readonly isPart: boolean;
  /** For the build log: "OSM way 123 (building:part)". */
  readonly label: string;
  /** Our asset id: OSM-W123 for a way, OSM-R456 for a relation. */
  readonly recordId: string;
}

const number = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number.parseFloat(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const levels = (p: Properties, prefix = ''): number | undefined =>
  number(p[`${prefix}building_levels`] ?? p[`building:${prefix}levels`] ?? p[`${prefix}levels`]);

function identify(p: Properties, index: number): Identity {
  const id = number(p.id);
  const isPart = p.kind === 'building_part';
  if (id === undefined) return { key: `anonymous/${index}`, osmId: undefined, isPart, label: `feature ${index} (no OSM id)`, recordId: `OSM-X${index}` };
  const relation = p.osm_relation === true;
  const suffix = isPart ? ' (building:part)' : '';
  return {
    key: `${isPart ? 'part' : 'building'}/${relation ? 'r' : 'w'}${Math.abs(id)}`,
    osmId: id,
    isPart,
    label: `OSM ${relation ? 'relation' : 'way'} ${Math.abs(id)}${suffix}`,
    recordId: `OSM-${relation ? 'R' : 'W'}${Math.abs(id)}`,
  };
}

function names(p: Properties): Names | undefined {
  const zh = text(p['name:zh']) ?? text(p.name);
  const en = text(p['name:en']);
  return zh || en ? { zh, en } : undefined;
}

function address(p: Properties): Names | undefined {
  const street = text(p.addr_street) ?? text(p['addr:street']);
  const housenumber = text(p.addr_housenumber) ?? text(p['addr:housenumber']);
  if (!street) return undefined;
  return { zh: housenumber ? `${street}${housenumber}${/号$/.test(housenumber) ? '' : '号'}` : street };
}

/**
 * Maps buildings from Tilezen vector-tile GeoJSON (OpenStreetMap data, several tiles merged into
 * one FeatureCollection) into building records:
 *
 * - only `layer: buildings` polygons; points (labels, addresses, entrances) are skipped;
 * - a feature repeated across tiles (same OSM element, same geometry) is kept once, and pieces of
 *   one element clipped at tile edges (same element, different geometry) are merged by union;
 * - footprints are repaired, or skipped with the reason logged;
 * - building:part features become the parts of their building (`root_id`), whose outline is then
 *   not drawn (Simple 3D Buildings);
 * - heights come from `height`/`min_height`, else levels × 3 m, else (parts) the building's
 *   height, else a default for the use.
 */
export function normalizeOsmBuildings(geojson: unknown, log: (message: string) => void): OsmNormalized {
  const features = (geojson as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) throw new Error('not a GeoJSON FeatureCollection');

  let read = 0;
  let notFootprints = 0;
  let duplicates = 0;
  let piecesMerged = 0;
  let invalid = 0;
  let repaired = 0;
  const pointKinds = new Map<string, number>();
  const repairKinds = new Map<string, number>();
  /** Per OSM element: its distinct geometries (by exact coordinates, each a list of polygons) and how many exact copies were seen. */
  const groups = new Map<string, { identity: Identity; properties: Properties; geometries: Map<string, unknown[]>; copies: number }>();

  for (const [index, feature] of features.entries()) {
    const properties = ((feature as { properties?: unknown } | null)?.properties ?? {}) as Properties;
    if (properties.layer !== 'buildings') continue;
    read++;
    const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } | null }).geometry;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') {
      const kind = `${String(properties.kind ?? 'unknown')} ${String(geometry?.type ?? 'without geometry').toLowerCase()}s`;
      pointKinds.set(kind, (pointKinds.get(kind) ?? 0) + 1);
      notFootprints++;
      continue;
    }
    const identity = identify(properties, index);
    const group = groups.get(identity.key) ?? { identity, properties, geometries: new Map<string, unknown[]>(), copies: 0 };
    groups.set(identity.key, group);
    const polygons: unknown[] = geometry.type === 'Polygon' ? [geometry.coordinates] : Array.isArray(geometry.coordinates) ? geometry.coordinates : [undefined];
    const fingerprint = JSON.stringify(geometry.coordinates);
    if (group.geometries.has(fingerprint)) group.copies++;
    else group.geometries.set(fingerprint, polygons);
  }

  const footprints: Footprint[] = [];
  for (const group of groups.values()) {
    const label = group.identity.label;
    const polygons: PolygonRings[] = [];
    let usable = 0;
    let needsRepair = false;
    for (const candidates of group.geometries.values()) {
      let any = false;
      for (const coordinates of candidates) {
        const result = repairPolygon(coordinates);
        if (!result.ok) {
          log(`${label}: dropped a polygon: ${result.reason}`);
          continue;
        }
        any = true;
        polygons.push(result.rings);
        for (const repair of result.repairs) {
          const what = repair.replace(/\d+/g, 'n');
          repairKinds.set(what, (repairKinds.get(what) ?? 0) + 1);
        }
        if (result.repairs.length) needsRepair = true;
      }
      if (any) usable++;
      else invalid++;
    }
    if (needsRepair) repaired++;
    duplicates += group.copies;
    if (group.copies) log(`${label}: dropped ${group.copies} duplicate cop${group.copies === 1 ? 'y' : 'ies'} from overlapping tiles`);
    if (polygons.length === 0) continue;
    let merged = polygons;
    if (usable > 1) {
      piecesMerged += usable - 1;
      const union = unionPolygons(polygons);
      if (union) {
        merged = union;
        log(`${label}: merged ${usable} pieces clipped at tile edges`);
      } else {
        log(`${label}: ${usable} pieces clipped at tile edges could not be merged; kept side by side`);
      }
    }
    footprints.push({ identity: group.identity, properties: group.properties, polygons: merged });
  }

  const heights = { levels: 0, building: 0, defaulted: 0 };
  /** `height`, else levels × 3 m: what the element itself says, if anything. */
  const ownHeight = (p: Properties): { heightM: number; fromLevels: boolean } | undefined => {
    const height = number(p.height);
    if (height !== undefined && height > 0) return { heightM: Math.min(height, MAX_HEIGHT_M), fromLevels: false };
    const storeys = levels(p);
    return storeys !== undefined && storeys > 0 ? { heightM: Math.min(storeys * LEVEL_HEIGHT_M, MAX_HEIGHT_M), fromLevels: true } : undefined;
  };
  const minHeightOf = (p: Properties): number => {
    const minHeight = number(p.min_height);
    if (minHeight !== undefined && minHeight >= 0) return minHeight;
    const minLevel = levels(p, 'min_');
    return minLevel !== undefined && minLevel > 0 ? minLevel * LEVEL_HEIGHT_M : 0;
  };
  /**
   * The prisms of a footprint. A part that gives no height of its own reaches its building's
   * height (OSM parts often carry only min_height, e.g. the crown of a tower); anything else
   * without a height gets the default for its use.
   */
  const shapes = (footprint: Footprint, use: BuildingUse | undefined, building?: Footprint): BuildingPartShape[] => {
    let minHeightM = minHeightOf(footprint.properties);
    const own = ownHeight(footprint.properties);
    const inherited = building ? ownHeight(building.properties) : undefined;
    let heightM: number;
    if (own) {
      heightM = own.heightM;
      if (own.fromLevels) heights.levels++;
    } else if (inherited && inherited.heightM > minHeightM) {
      heightM = inherited.heightM;
      heights.building++;
    } else {
      heightM = DEFAULT_HEIGHT_M[use ?? 'unknown'];
      heights.defaulted++;
    }
    if (minHeightM >= heightM) {
      log(`${footprint.identity.label}: min_height ${minHeightM} m is not below height ${heightM} m; drawn from the ground`);
      minHeightM = 0;
    }
    return footprint.polygons.map((rings) => ({ rings, minHeightM, heightM }));
  };

  // Simple 3D Buildings: a building with parts is drawn as its parts, not as its outline.
  const buildingsByOsmId = new Map(footprints.filter((f) => !f.identity.isPart).map((f) => [f.identity.osmId, f]));
  const partsOf = new Map<Footprint, Footprint[]>();
  let partsFolded = 0;
  for (const footprint of footprints) {
    if (!footprint.identity.isPart) continue;
    const root = buildingsByOsmId.get(number(footprint.properties.root_id));
    if (!root) continue;
    partsOf.set(root, [...(partsOf.get(root) ?? []), footprint]);
    partsFolded++;
  }
  const folded = new Set([...partsOf.values()].flat());

  const buildings: BuildingRecord[] = [];
  for (const footprint of footprints) {
    if (folded.has(footprint)) continue;
    const p = footprint.properties;
    const use = osmBuildingUse(p);
    const members = partsOf.get(footprint);
    const parts = members ? members.flatMap((part) => shapes(part, osmBuildingUse(part.properties) ?? use, footprint)) : shapes(footprint, use);
    const floors = levels(p);
    const year = number(text(p.start_date)?.slice(0, 4));
    buildings.push({
      id: footprint.identity.recordId,
      name: names(p),
      use,
      heightM: Math.max(...parts.map((part) => part.heightM)),
      floors: floors !== undefined && floors >= 1 ? Math.round(floors) : undefined,
      yearBuilt: year !== undefined && year >= 1000 && year <= 2100 ? year : undefined,
      address: address(p),
      parts,
    });
  }

  for (const [kind, count] of pointKinds) log(`skipped ${count} ${kind}: not building footprints`);
  for (const [what, count] of repairKinds) log(`repaired ${count} polygon(s): ${what}`);
  log(
    `OSM buildings: ${read} features → ${buildings.length} buildings (${duplicates} duplicates dropped, ${piecesMerged} clipped pieces merged, ` +
      `${partsFolded} parts folded into their buildings, ${invalid} invalid, ${notFootprints} not footprints; ` +
      `heights from levels ${heights.levels}, from the building ${heights.building}, defaulted ${heights.defaulted})`,
  );
  return {
    buildings,
    read,
    skipped: notFootprints + duplicates + invalid,
    repaired,
    stats: {
      notFootprints,
      duplicates,
      piecesMerged,
      invalid,
      partsFolded,
      heightFromLevels: heights.levels,
      heightFromBuilding: heights.building,
      heightDefaulted: heights.defaulted,
    },
  };
}
