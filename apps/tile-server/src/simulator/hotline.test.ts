import { CreateIncidentRequest, PILOT_AREA_BOUNDS } from '@pengcheng/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { committedDistrict } from '../../test-support/simulatorFixtures.js';
import { HotlineReporter } from './hotline.js';
import { chinaTime } from './localTime.js';
import type { SimDistrict } from './simDistrict.js';
import { createSimRandom } from './simRandom.js';

let district: SimDistrict;
beforeAll(async () => {
  district = (await committedDistrict()).district;
});

/** A simulated day of reports, minute by minute, by local hour of the report. */
function oneDay(perHour: number): Map<number, CreateIncidentRequest[]> {
  const reporter = new HotlineReporter({ district, random: createSimRandom(3), perHour });
  const start = chinaTime(2026, 12, 1);
  const byHour = new Map<number, CreateIncidentRequest[]>();
  for (let m = 0; m < 24 * 60; m++) {
    for (const r of reporter.reports(start + m * 60_000, start + (m + 1) * 60_000, [])) byHour.set(Math.floor(m / 60), [...(byHour.get(Math.floor(m / 60)) ?? []), r]);
  }
  return byHour;
}

describe('hotline reports (城市之声)', () => {
  it('are valid incident requests from the hotline, in the district, with a plainly fake phone number', () => {
    const reports = [...oneDay(6).values()].flat();
    expect(reports.length).toBeGreaterThan(40);
    for (const r of reports) {
      expect(CreateIncidentRequest.parse(r)).toEqual(r);
      expect(r.source).toBe('hotline');
      expect(r.reporter?.phone).toMatch(/^\+86 155 0000 \d{4}$/);
      expect(r.reporter?.name).toMatch(/^.(先生|女士)$/);
      expect(r.title).toContain(r.address);
      expect(r.place.lon).toBeGreaterThan(PILOT_AREA_BOUNDS.west);
      expect(r.place.lon).toBeLessThan(PILOT_AREA_BOUNDS.east);
      expect(r.place.lat).toBeGreaterThan(PILOT_AREA_BOUNDS.south);
      expect(r.place.lat).toBeLessThan(PILOT_AREA_BOUNDS.north);
    }
    expect(new Set(reports.map((r) => r.category)).size).toBeGreaterThan(3);
  });

  it('come mostly by day', () => {
    const byHour = oneDay(6);
    const count = (hours: number[]) => hours.reduce((n, h) => n + (byHour.get(h)?.length ?? 0), 0);
    expect(count([9, 10, 11, 14, 15, 16])).toBeGreaterThan(count([0, 1, 2, 3, 4, 5]) * 2);
  });

  it('call in a drill at once, near its place', () => {
    const reporter = new HotlineReporter({ district, random: createSimRandom(4), perHour: 0 });
    const lp = district.lowPoints[0];
    if (!lp) throw new Error('no low point');
    const cue = { perHour: 0, category: 'waterlogging', severity: 'medium', place: lp.point, title: '积水', assetId: lp.props.id, runId: 'RUN-0001' } as const;
    const start = chinaTime(2026, 12, 1, 3);
    const first = reporter.reports(start, start + 1000, [cue]);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ category: 'waterlogging', linkedAssets: [lp.props.id] });
    expect(Math.abs((first[0]?.place.lon ?? 0) - lp.point[0])).toBeLessThan(0.002);
    expect(reporter.reports(start + 1000, start + 2000, [cue])).toEqual([]);
  });
});
