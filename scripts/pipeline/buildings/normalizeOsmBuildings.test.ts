import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { AssetId } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defined } from '../tiles3d/defined.js';
import { normalizeOsmBuildings } from './normalizeOsmBuildings.js';
import { ringsCross } from './ringsCross.js';
import { ringSignedAreaM2 } from './ringSignedAreaM2.js';
import { at, rectangle } from './testPolygons.js';

/** Real OSM data (ODbL, © OpenStreetMap contributors) from the shared data folder; skipped where absent. */
// Real OpenStreetMap data (ODbL), kept in the repository so this test always runs.
const SHANGHAI = fileURLToPath(new URL('../../../assets/reference/shanghai-lujiazui-osm-tilezen.geojson', import.meta.url));

const polygon = (props: Record<string, unknown>, ...rings: [number, number][][]) => ({
  type: 'Feature',
  properties: { layer: 'buildings', kind: 'building', source: 'openstreetmap.org', ...props },
  geometry: { type: 'Polygon', coordinates: rings.map((r) => [...r].reverse()) },
});
const point = (props: Record<string, unknown>) => ({
  type: 'Feature',
  properties: { layer: 'buildings', ...props },
  geometry: { type: 'Point', coordinates: at(0, 0) },
});

const fixture = {
  type: 'FeatureCollection',
  features: [
    // Repeated in two tiles: one building.
    polygon({ id: 1, tile_index: 0, height: 20, name: '会议中心', 'name:en': 'Convention Centre', addr_street: '滨江大道', addr_housenumber: '2727' }, rectangle(0, 0, 30, 30)),
    polygon({ id: 1, tile_index: 1, height: 20, name: '会议中心', 'name:en': 'Convention Centre', addr_street: '滨江大道', addr_housenumber: '2727' }, rectangle(0, 0, 30, 30)),
    // Clipped at a tile edge (x = 60 m): two pieces of one building.
    polygon({ id: 2, tile_index: 0, height: 40 }, rectangle(40, 0, 60, 20)),
    polygon({ id: 2, tile_index: 1, height: 40 }, rectangle(60, 0, 90, 20)),
    // A tower described by parts (the crown has no height of its own): the outline is not drawn.
    polygon({ id: 3, tile_index: 0, height: 300, name: '上海中心大厦' }, rectangle(100, 0, 160, 60)),
    polygon({ id: 31, tile_index: 0, kind: 'building_part', root_id: 3, height: 90 }, rectangle(100, 0, 160, 60)),
    polygon({ id: 32, tile_index: 0, kind: 'building_part', root_id: 3, height: 280, min_height: 90 }, rectangle(115, 15, 145, 45)),
    polygon({ id: 33, tile_index: 0, kind: 'building_part', root_id: 3, min_height: 280 }, rectangle(125, 25, 135, 35)),
    // Heights from levels, from defaults by use, and a relation id.
    polygon({ id: 4, tile_index: 0, building_levels: 5, kind_detail: 'hotel' }, rectangle(0, 100, 20, 120)),
    polygon({ id: 5, tile_index: 0, kind_detail: 'house' }, rectangle(30, 100, 40, 110)),
    polygon({ id: -6, osm_relation: true, tile_index: 0, height: 15 }, rectangle(50, 100, 80, 130), rectangle(60, 110, 70, 120).reverse()),
    // Unrepairable: a bow tie.
    polygon({ id: 7, tile_index: 0, height: 10 }, [at(0, 200), at(20, 220), at(20, 200), at(0, 220), at(0, 200)]),
    // Not footprints, and not buildings at all.
    point({ id: 1, kind: 'building', label_placement: true }),
    point({ kind: 'address', addr_housenumber: '1' }),
    { type: 'Feature', properties: { layer: 'roads', kind: 'major_road' }, geometry: { type: 'LineString', coordinates: [at(0, 0), at(1, 1)] } },
  ],
};

describe('normalizeOsmBuildings', () => {
  it('drops duplicates, merges clipped pieces, folds parts and explains what it skipped', () => {
    const log: string[] = [];
    const result = normalizeOsmBuildings(fixture, (m) => log.push(m));
    expect(result.read).toBe(14);
    expect(result.stats).toMatchObject({ notFootprints: 2, duplicates: 1, piecesMerged: 1, invalid: 1, partsFolded: 3, heightFromLevels: 1, heightFromBuilding: 1, heightDefaulted: 1 });
    expect(result.skipped).toBe(4);
    expect(result.buildings.map((b) => b.id)).toEqual(['OSM-W1', 'OSM-W2', 'OSM-W3', 'OSM-W4', 'OSM-W5', 'OSM-R6']);
    expect(log).toEqual(
      expect.arrayContaining([
        'OSM way 1: dropped 1 duplicate copy from overlapping tiles',
        'OSM way 2: merged 2 pieces clipped at tile edges',
        'OSM way 7: dropped a polygon: outer ring crosses or touches itself',
        'skipped 1 building points: not building footprints',
        'skipped 1 address points: not building footprints',
      ]),
    );

    const [hall, clipped, tower, hotel, house, courtyard] = result.buildings;
    expect(hall).toMatchObject({ name: { zh: '会议中心', en: 'Convention Centre' }, address: { zh: '滨江大道2727号' }, heightM: 20 });
    expect(clipped?.parts).toHaveLength(1);
    const outline = defined(clipped?.parts[0]).rings[0];
    expect(ringSignedAreaM2(outline)).toBeCloseTo(1000, -1);
    expect(outline).toHaveLength(4);
    expect(tower).toMatchObject({ name: { zh: '上海中心大厦' }, heightM: 300 });
    expect(tower?.parts.map((p) => [p.minHeightM, p.heightM])).toEqual([[0, 90], [90, 280], [280, 300]]);
    expect(hotel).toMatchObject({ use: 'hotel', heightM: 15, floors: 5 });
    expect(house).toMatchObject({ use: 'residential', heightM: 18 });
    expect(courtyard?.parts[0]?.rings).toHaveLength(2);
  });

  it('never throws on garbage features: it repairs or skips them', () => {
    const coordinates = fc.oneof(fc.anything(), fc.array(fc.array(fc.tuple(fc.double(), fc.double()), { maxLength: 8 }), { maxLength: 3 }));
    const feature = fc.record({
      type: fc.constant('Feature'),
      properties: fc.oneof(
        fc.anything(),
        fc.record({ layer: fc.constant('buildings'), id: fc.oneof(fc.integer(), fc.anything()), kind: fc.constantFrom('building', 'building_part'), height: fc.anything(), root_id: fc.integer({ min: 0, max: 3 }) }),
      ),
      geometry: fc.oneof(fc.anything(), fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point'), coordinates })),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(feature, fc.anything()), { maxLength: 12 }), (features) => {
        const result = normalizeOsmBuildings({ type: 'FeatureCollection', features }, () => undefined);
        expect(result.buildings.length).toBeLessThanOrEqual(result.read);
        expect(result.skipped).toBeLessThanOrEqual(result.read);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file that is not a FeatureCollection', () => {
    expect(() => normalizeOsmBuildings({ type: 'Feature' }, () => undefined)).toThrow(/FeatureCollection/);
  });

  it('turns the Lujiazui extract into valid, unique buildings with the Shanghai Tower at 632 m', () => {
    const geojson = JSON.parse(readFileSync(SHANGHAI, 'utf8')) as { features: { properties: { layer: string }; geometry: { type: string } }[] };
    const rawFootprints = geojson.features.filter((f) => f.properties.layer === 'buildings' && f.geometry.type === 'Polygon').length;
    const log: string[] = [];
    const result = normalizeOsmBuildings(geojson, (m) => log.push(m));

    expect(result.read).toBe(1970);
    expect(result.stats.notFootprints).toBe(408);
    expect(result.stats.duplicates).toBeGreaterThan(50);
    expect(result.stats.piecesMerged).toBeGreaterThan(10);
    expect(result.stats.partsFolded).toBeGreaterThan(100);
    // Fewer buildings than footprint features: copies, pieces and parts are not buildings of their own.
    expect(result.buildings.length).toBeLessThan(rawFootprints - result.stats.duplicates - result.stats.partsFolded);
    expect(result.buildings.length).toBeGreaterThan(1200);
    expect(log.length).toBeGreaterThan(result.stats.duplicates > 0 ? 1 : 0);

    const ids = result.buildings.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => AssetId.safeParse(id).success)).toBe(true);
    for (const b of result.buildings) {
      for (const part of b.parts) {
        expect(part.heightM).toBeGreaterThan(part.minHeightM);
        expect(part.heightM).toBeLessThanOrEqual(b.heightM);
        expect(ringsCross(part.rings[0], part.rings[0])).toBe(false);
        expect(ringSignedAreaM2(part.rings[0])).toBeGreaterThan(0);
      }
    }
    const tallest = result.buildings.reduce((a, b) => (b.heightM > a.heightM ? b : a));
    expect(tallest).toMatchObject({ id: 'OSM-W165792123', name: { zh: '上海中心大厦' }, heightM: 632 });
    expect(tallest.parts.length).toBeGreaterThanOrEqual(5);
  });
});
