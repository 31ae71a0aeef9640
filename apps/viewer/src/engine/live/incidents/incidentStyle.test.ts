import { INCIDENT_CATEGORIES, IncidentSeverity, type IncidentState } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORY_GLYPHS, markerStyle, SEVERITY_COLOURS, shortTitle } from './incidentStyle.js';

const SEVERITIES = IncidentSeverity.options;

describe('incident marker style', () => {
  it('gives every category a glyph and the lifeline categories each their own', () => {
    const lifeline = ['gas_leak', 'water_main_burst', 'waterlogging', 'third_party_damage', 'pipeline_interaction', 'bridge_risk', 'road_subsidence'] as const;
    expect(new Set(lifeline.map((c) => CATEGORY_GLYPHS[c])).size).toBe(lifeline.length);
    for (const category of INCIDENT_CATEGORIES) expect(CATEGORY_GLYPHS[category]).toBeTruthy();
  });

  it('tells the severities apart by colour and by size, worse being larger', () => {
    expect(new Set(Object.values(SEVERITY_COLOURS)).size).toBe(SEVERITIES.length);
    const sizes = SEVERITIES.map((severity) => markerStyle({ category: 'gas_leak', severity, state: 'reported' }, 34)?.sizePx ?? 0);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(new Set(sizes).size).toBe(SEVERITIES.length);
  });

  it('rings by state: awaiting dispatch pulses, handling is solid, resolved is ticked; closed is not drawn', () => {
    const ring = (state: IncidentState) => markerStyle({ category: 'traffic', severity: 'high', state }, 34)?.ring;
    expect(ring('reported')).toBe('pulse');
    expect(ring('dispatched')).toBe('dashed');
    expect(ring('handling')).toBe('solid');
    expect(ring('resolved')).toBe('check');
    expect(markerStyle({ category: 'traffic', severity: 'high', state: 'closed' }, 34)).toBeUndefined();
  });

  it('shares one image between markers that look the same, and only between those', () => {
    const arbitrary = fc.record({ category: fc.constantFrom(...INCIDENT_CATEGORIES), severity: fc.constantFrom(...SEVERITIES), state: fc.constantFrom('reported', 'dispatched', 'handling', 'resolved' as const) });
    fc.assert(
      fc.property(arbitrary, arbitrary, (a, b) => {
        const sa = markerStyle(a, 30);
        const sb = markerStyle(b, 30);
        const same = sa?.glyph === sb?.glyph && sa?.colour === sb?.colour && sa?.ring === sb?.ring && sa?.sizePx === sb?.sizePx;
        expect(sa?.imageKey === sb?.imageKey).toBe(same);
      }),
    );
  });

  it('cuts long titles with an ellipsis, counting characters not UTF-16 units', () => {
    expect(shortTitle('汉源大道燃气泄漏')).toBe('汉源大道燃气泄漏');
    expect(shortTitle('紫金路与汉源大道交叉口西侧供水管爆管', 10)).toBe('紫金路与汉源大道交…');
    expect(Array.from(shortTitle('𠀀'.repeat(20), 5))).toHaveLength(5);
  });
});
