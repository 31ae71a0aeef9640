import { Cesium3DTileStyle, Color } from 'cesium';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import buildingsSchemaJson from './fixtures/buildingsSchema.json' with { type: 'json' };
import pipelinesSchemaJson from './fixtures/pipelinesSchema.json' with { type: 'json' };
import { CATEGORY_PALETTE, NO_DATA_COLOUR, OTHER_COLOUR } from './colourRamps.js';
import { METADATA_TYPES, parseMetadataSchema, type MetadataSchemaJson } from './metadataSchema.js';
import { createObservedValues, type ObservedValues } from './observedValues.js';
import { styleOptionsOf, type StyleOption } from './styleOptions.js';
import { buildStyleRule, type StyleRule } from './styleRule.js';

// The schemas as the asset pipeline writes them into every tile (copied from the built GLBs).
const buildings = parseMetadataSchema(buildingsSchemaJson);
const pipelines = parseMetadataSchema(pipelinesSchemaJson);

function observe(rows: readonly Record<string, unknown>[]): ObservedValues {
  const observed = createObservedValues();
  for (const row of rows) for (const [key, value] of Object.entries(row)) observed.add(key, value);
  return observed;
}

/** The colour Cesium itself gives a feature with these properties under the rule. */
function cesiumColour(rule: StyleRule, properties: Record<string, unknown>): string {
  const style = new Cesium3DTileStyle({ color: { conditions: rule.conditions.map(([when, hex]) => [when, `color('${hex}', 1)`]) } });
  const feature = { getPropertyInherited: (name: string) => properties[name] };
  const colour = style.color?.evaluateColor(feature as never, new Color());
  if (!colour) throw new Error('no colour');
  return colour.toCssHexString();
}

function option(options: readonly StyleOption[], property: string): StyleOption {
  const found = options.find((o) => o.property === property);
  if (!found) throw new Error(`no option ${property}`);
  return found;
}

describe('style options from the district schemas', () => {
  it('buildings: use, height, floors and year; not ids, names or addresses', () => {
    if (!buildings) throw new Error('schema');
    const observed = observe([
      { id: 'BLD-1', name: '主楼', use: 'government', heightM: 96.5, floors: 24, yearBuilt: 2011, address: '1 号' },
      { id: 'BLD-2', name: '商场', use: 'commercial', heightM: 22, floors: 5, yearBuilt: 2016, address: '2 号' },
      { id: 'BLD-3', name: '宿舍', use: undefined, heightM: 18, floors: undefined, yearBuilt: undefined, address: '3 号' },
    ]);
    const options = styleOptionsOf(buildings, observed);
    expect(options.map((o) => o.property)).toEqual(['use', 'heightM', 'floors', 'yearBuilt']);
    const use = option(options, 'use');
    expect(use.kind === 'category' && use.source).toBe('enum');
    // The enum's noData value ("unknown") is what Cesium reports as undefined: not a category.
    expect(use.kind === 'category' && use.values.map((v) => v.value)).not.toContain('unknown');
    expect(option(options, 'floors').kind === 'number' && option(options, 'floors')).toMatchObject({ integers: true });
    expect(option(options, 'heightM')).toMatchObject({ kind: 'number', integers: false });
  });

  it('pipelines: one option per property across segments, nodes and the tunnel', () => {
    if (!pipelines) throw new Error('schema');
    const observed = observe([
      { network: 'gas', material: 'pe', diameterMm: 200, depthM: 1.4, installYear: 2009, inTunnel: 0, fromNode: 'PN-1' },
      { network: 'power', kind: 'valve', depthM: 2.1 },
    ]);
    const options = styleOptionsOf(pipelines, observed);
    const network = option(options, 'network');
    expect(network.classes).toEqual(['pipe_segment', 'pipe_node']);
    expect(options.map((o) => o.property)).toEqual(expect.arrayContaining(['network', 'material', 'pressureClass', 'installYear', 'diameterMm', 'depthM', 'kind']));
    expect(options.map((o) => o.property)).not.toContain('fromNode');
    expect(options.map((o) => o.property)).not.toContain('id');
  });

  it('a string with a handful of values is a category; vectors, arrays and conflicting types are not offered', () => {
    const schema = parseMetadataSchema({
      id: 's',
      classes: {
        a: {
          properties: {
            zone: { type: 'STRING' },
            position: { type: 'VEC3', componentType: 'FLOAT32' },
            tags: { type: 'STRING', array: true },
            mixed: { type: 'STRING' },
            open: { type: 'BOOLEAN' },
          },
        },
        b: { properties: { mixed: { type: 'SCALAR', componentType: 'UINT8' } } },
      },
    });
    if (!schema) throw new Error('schema');
    const observed = observe([{ zone: 'north' }, { zone: 'south' }, { zone: 'north' }, { zone: 'south' }, { open: true }]);
    const options = styleOptionsOf(schema, observed);
    expect(options.map((o) => o.property)).toEqual(['zone', 'open']);
    expect(option(options, 'zone')).toMatchObject({ kind: 'category', source: 'string', values: [{ value: 'north' }, { value: 'south' }] });
  });

  it('numbers wait for data unless the tileset states their range', () => {
    const schema = parseMetadataSchema({ classes: { c: { properties: { h: { type: 'SCALAR', componentType: 'FLOAT32' }, k: { type: 'SCALAR', componentType: 'UINT8', min: 0, max: 9 } } } } });
    if (!schema) throw new Error('schema');
    expect(styleOptionsOf(schema).map((o) => o.property)).toEqual(['k']);
    expect(styleOptionsOf(schema, undefined, { c: { h: { min: 0, max: 100 } } }).map((o) => o.property)).toEqual(['h', 'k']);
  });
});

const identifier = fc.stringMatching(/^[a-z_][a-zA-Z0-9_]{0,8}$/);
const enumValues = fc.uniqueArray(identifier, { minLength: 1, maxLength: 20 }).map((names) => names.map((name, value) => ({ name, value })));
const propertyJson = fc.oneof(
  fc.constantFrom(...METADATA_TYPES).map((type) => ({ type, componentType: 'FLOAT32' })),
  fc.constant({ type: 'ENUM', enumType: 'e' }),
  fc.record({ type: fc.constant('SCALAR'), componentType: fc.constantFrom('UINT8', 'INT32', 'FLOAT64'), array: fc.boolean() }),
);
const schemaJson = fc.record({
  enums: fc.record({ e: fc.record({ values: enumValues }) }),
  classes: fc.dictionary(identifier, fc.record({ properties: fc.dictionary(identifier, propertyJson, { maxKeys: 8 }) }), { minKeys: 1, maxKeys: 3 }),
});

describe('style options of any schema', () => {
  it('offer only single enums, booleans, scalars and strings the schema has', () => {
    fc.assert(
      fc.property(schemaJson, fc.array(fc.tuple(identifier, fc.oneof(fc.double({ noNaN: true }), fc.string(), fc.boolean())), { maxLength: 40 }), (json, samples) => {
        const schema = parseMetadataSchema(json) as MetadataSchemaJson;
        const observed = createObservedValues();
        for (const [key, value] of samples) observed.add(key, value);
        for (const o of styleOptionsOf(schema, observed)) {
          const declared = o.classes.map((c) => schema.classes[c]?.properties[o.property]);
          for (const p of declared) {
            expect(p).toBeDefined();
            expect(p?.array).toBe(false);
            expect(['ENUM', 'BOOLEAN', 'SCALAR', 'STRING']).toContain(p?.type);
          }
          if (o.kind === 'category' && o.source === 'enum') {
            expect(o.values.map((v) => v.value)).toEqual(json.enums.e.values.map((v) => v.name));
          }
        }
      }),
    );
  });
});

describe('style rules, as Cesium evaluates them', () => {
  it('colours each category by its place in the schema, no data grey, a legend of what is there', () => {
    if (!buildings) throw new Error('schema');
    const observed = observe([{ use: 'office' }, { use: 'government' }, { use: undefined }]);
    const use = option(styleOptionsOf(buildings, observed), 'use');
    const rule = buildStyleRule(use, observed.get('use'));
    if (!rule || use.kind !== 'category') throw new Error('rule');
    const index = (v: string) => use.values.findIndex((x) => x.value === v);
    expect(cesiumColour(rule, { use: 'government' })).toBe(CATEGORY_PALETTE[index('government')]);
    expect(cesiumColour(rule, { use: 'office' })).toBe(CATEGORY_PALETTE[index('office')]);
    expect(cesiumColour(rule, {})).toBe(NO_DATA_COLOUR);
    expect(rule.entries.map((e) => e.item)).toEqual([
      { kind: 'category', value: 'government' },
      { kind: 'category', value: 'office' },
      { kind: 'noData' },
    ]);
  });

  it('a value with quotes or backslashes still matches its own category', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('${')), { minLength: 2, maxLength: 6 }), (values) => {
        const schema = parseMetadataSchema({ classes: { c: { properties: { tag: { type: 'STRING' } } } } }) as MetadataSchemaJson;
        const observed = observe([...values, ...values].map((tag) => ({ tag })));
        const tag = styleOptionsOf(schema, observed).find((o) => o.property === 'tag');
        const expressible = values.filter((v) => !(v.includes("'") && v.includes('"')) && !/[\r\n]/.test(v) && !v.includes('@#%') && v !== '');
        if (expressible.length < 2) return;
        if (!tag || tag.kind !== 'category') throw new Error('no category');
        expect(tag.values.map((v) => v.value)).toEqual([...expressible].sort());
        const rule = buildStyleRule(tag, observed.get('tag'));
        if (!rule) throw new Error('rule');
        tag.values.forEach(({ value }, i) => expect(cesiumColour(rule, { tag: value })).toBe(CATEGORY_PALETTE[i] ?? OTHER_COLOUR));
      }),
    );
  });

  it('numbers: the legend covers the data without gaps, and Cesium colours each value by its class', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.boolean(), (values, withMissing) => {
        const schema = parseMetadataSchema({ classes: { c: { properties: { v: { type: 'SCALAR', componentType: 'FLOAT64' } } } } }) as MetadataSchemaJson;
        const observed = observe([...values.map((v) => ({ v })), ...(withMissing ? [{ v: undefined }] : [])]);
        const v = option(styleOptionsOf(schema, observed), 'v');
        const rule = buildStyleRule(v, observed.get('v'));
        if (!rule) throw new Error('rule');
        const entries = rule.entries.filter((e) => e.item.kind !== 'noData');
        expect(rule.entries.some((e) => e.item.kind === 'noData')).toBe(withMissing);
        const ranges = entries.flatMap((e) => (e.item.kind === 'range' ? [e.item] : []));
        if (ranges.length) {
          expect(ranges[0]?.from).toBe(Math.min(...values));
          expect(ranges[ranges.length - 1]?.to).toBe(Math.max(...values));
          for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.from).toBe(ranges[i - 1]?.to);
        }
        for (const value of values) {
          const colour = cesiumColour(rule, { v: value });
          const entry =
            entries.find((e) => e.item.kind === 'value' && e.item.value === value) ??
            entries.find((e, i) => e.item.kind === 'range' && value >= e.item.from && (value < e.item.to || i === entries.length - 1));
          expect(colour).toBe(entry?.colour);
        }
        expect(cesiumColour(rule, {})).toBe(NO_DATA_COLOUR);
      }),
      { numRuns: 60 },
    );
  });

  it('buildings by height: nice classes from the lowest to the tallest', () => {
    if (!buildings) throw new Error('schema');
    const observed = observe([3, 12, 24, 45, 60, 96.5, 150, 190.6].map((heightM) => ({ heightM })));
    const rule = buildStyleRule(option(styleOptionsOf(buildings, observed), 'heightM'), observed.get('heightM'));
    expect(rule?.entries.map((e) => e.item)).toEqual([
      { kind: 'range', from: 3, to: 50 },
      { kind: 'range', from: 50, to: 100 },
      { kind: 'range', from: 100, to: 150 },
      { kind: 'range', from: 150, to: 190.6 },
    ]);
    expect(cesiumColour(rule as StyleRule, { heightM: 96.5 })).toBe(rule?.entries[1]?.colour);
  });
});
