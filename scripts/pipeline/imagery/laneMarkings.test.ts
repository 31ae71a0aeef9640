import { describe, expect, it } from 'vitest';
import { laneMarkings } from './laneMarkings.js';

/** Metres as world units 1:1, so offsets and trims read in metres. */
const eastward = Float64Array.from([0, 0, 100, 0]);
const layout = { widthM: 44, lanes: 8, oneway: false, unitsPerMetre: 1, trimStartM: 0, trimEndM: 0 };
const offsets = (kind: string, markings: ReturnType<typeof laneMarkings>): number[] =>
  markings
    .filter((m) => m.kind === kind)
    .map((m) => m.path[1] as number)
    .sort((a, b) => a - b);

describe('laneMarkings', () => {
  it('paints a double yellow centre line, dashed dividers between lanes and edge lines beside the non-motor lanes', () => {
    const markings = laneMarkings(eastward, layout);
    expect(offsets('centre', markings)).toEqual([-0.15, 0.15]);
    // Eight 3.75 m lanes: dividers 3.75 m apart on each side of the centre.
    expect(offsets('divider', markings)).toEqual([-11.25, -7.5, -3.75, 3.75, 7.5, 11.25]);
    // 44 m of paving, 30 m of motor lanes: 7 m of non-motor lane on each side.
    expect(offsets('edge', markings)).toEqual([-15, 15]);
  });

  it('has no centre line on a one-way road and no markings on a single lane', () => {
    expect(offsets('centre', laneMarkings(eastward, { ...layout, oneway: true }))).toEqual([]);
    expect(laneMarkings(eastward, { ...layout, widthM: 5, lanes: 1, oneway: true })).toEqual([]);
  });

  it('stops short of the junctions at either end', () => {
    for (const marking of laneMarkings(eastward, { ...layout, trimStartM: 20, trimEndM: 30 })) {
      expect(marking.path[0]).toBeCloseTo(20, 9);
      expect(marking.path.at(-2)).toBeCloseTo(70, 9);
    }
    expect(laneMarkings(eastward, { ...layout, trimStartM: 60, trimEndM: 60 })).toEqual([]);
  });
});
