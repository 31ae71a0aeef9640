import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDistrictBuildings } from './normalizeDistrictBuildings.js';
import { at, rectangle } from './testPolygons.js';

const properties = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: { zh: '市行政中心', en: 'Municipal Administrative Centre' },
  use: 'government',
  heightM: 60,
  floors: 15,
  yearBuilt: 2010,
  address: { zh: '徐州市新城区元和路1号' },
  ...extra,
});
const feature = (props: unknown, geometry: unknown) => ({ type: 'Feature', properties: props, geometry });
const polygon = (...rings: [number, number][][]) => ({ type: 'Polygon', coordinates: rings });

describe('normalizeDistrictBuildings', () => {
  const log: string[] = [];
  const result = normalizeDistrictBuildings(
    {
      type: 'FeatureCollection',
      features: [
        feature(properties('BLD-000001'), polygon(rectangle(0, 0, 80, 40), rectangle(30, 10, 50, 30))),
        feature(
          properties('BLD-000002', { heightM: 120, parts: [{ minHeightM: 0, heightM: 24 }, { minHeightM: 24, heightM: 120 }] }),
          { type: 'MultiPolygon', coordinates: [[rectangle(100, 0, 160, 60)], [rectangle(115, 15, 145, 45)]] },
        ),
        feature(properties('BLD-000003'), polygon(rectangle(0, 100, 20, 120).slice(0, 4))),
        feature(properties('bad id'), polygon(rectangle(0, 200, 20, 220))),
        feature(properties('BLD-000001'), polygon(rectangle(0, 300, 20, 320))),
        feature(properties('BLD-000004', { parts: [{ minHeightM: 0, heightM: 10 }] }), { type: 'MultiPolygon', coordinates: [] }),
        feature(properties('BLD-000005'), polygon([at(0, 400), at(20, 420), at(20, 400), at(0, 420), at(0, 400)])),
        feature(properties('BLD-000006'), { type: 'Point', coordinates: at(0, 0) }),
      ],
    },
    (m) => log.push(m),
  );

  it('keeps valid buildings with their parts, courtyards and attributes', () => {
    expect(result.buildings.map((b) => b.id)).toEqual(['BLD-000001', 'BLD-000002', 'BLD-000003']);
    const [hall, tower, unclosed] = result.buildings;
    expect(hall).toMatchObject({ use: 'government', heightM: 60, floors: 15, yearBuilt: 2010, name: { zh: '市行政中心' }, address: { zh: '徐州市新城区元和路1号' } });
    expect(hall?.parts[0]?.rings).toHaveLength(2);
    expect(tower?.parts.map((p) => [p.minHeightM, p.heightM])).toEqual([[0, 24], [24, 120]]);
    expect(unclosed?.parts[0]?.rings[0]).toHaveLength(4);
  });

  it('skips what it cannot use and says why, feature by feature', () => {
    expect(result.read).toBe(8);
    expect(result.skipped).toBe(5);
    expect(result.repaired).toBe(2);
    expect(log).toEqual([
      'BLD-000001: repaired: reversed hole 1 to clockwise',
      'BLD-000003: repaired: closed 1 unclosed ring(s)',
      'bad id: skipped: invalid properties: id: asset id must look like BLD-000123',
      'BLD-000001: skipped: another feature already has this id',
      'BLD-000004: skipped: 1 parts for 0 polygon(s)',
      'BLD-000005: skipped: no usable polygon (dropped polygon 0: outer ring crosses or touches itself)',
      'BLD-000006: skipped: geometry is Point, not a Polygon or MultiPolygon',
    ]);
  });

  it('never throws on garbage features: it keeps or skips each', () => {
    const geometry = fc.oneof(
      fc.anything(),
      fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon'), coordinates: fc.oneof(fc.anything(), fc.array(fc.array(fc.tuple(fc.double(), fc.double()), { maxLength: 8 }), { maxLength: 3 })) }),
    );
    const props = fc.oneof(fc.anything(), fc.constant(properties('BLD-000009')), fc.constant(properties('BLD-000010', { parts: [{ minHeightM: 0, heightM: 5 }] })));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.record({ type: fc.constant('Feature'), properties: props, geometry }), fc.anything()), { maxLength: 10 }), (features) => {
        const outcome = normalizeDistrictBuildings({ type: 'FeatureCollection', features }, () => undefined);
        expect(outcome.buildings.length + outcome.skipped).toBe(features.length);
      }),
      { numRuns: 300 },
    );
  });
});
