import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMINISTRATIVE_CENTRE, PILOT_AREA_BOUNDS } from '@pengcheng/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponsibilities, loadResponsibilities, type Responsibilities } from './responsibilityList.js';

const SHIPPED = fileURLToPath(new URL('../../../../config/responsibility-list.json', import.meta.url));
const centre = { lon: ADMINISTRATIVE_CENTRE.longitude, lat: ADMINISTRATIVE_CENTRE.latitude };
/** 云泉路 low point south of the canal (LWP-001) and 彭祖大道 low point west of 汉源大道 (LWP-003). */
const southOfCanal = { lon: 117.2605827, lat: 34.1933088 };
const westOfHanyuan = { lon: 117.2607763, lat: 34.1978054 };
const byTheLake = { lon: 117.294, lat: 34.1975 };

describe('the shipped responsibility list', () => {
  let list: Responsibilities;
  beforeAll(async () => {
    list = await loadResponsibilities(SHIPPED);
  });

  it('sends a gas leak at the administrative centre to the gas company', () => {
    expect(list.departmentFor('gas_leak', centre)).toBe('徐州港华燃气有限公司');
    expect(list.areaOf(centre)?.name.zh).toBe('行政中心片区');
  });

  it('sends waterlogging by the canal and the lake to the water bureau, elsewhere to city management', () => {
    expect(list.departmentFor('waterlogging', southOfCanal)).toBe('徐州市水务局');
    expect(list.departmentFor('waterlogging', byTheLake)).toBe('徐州市水务局');
    expect(list.areaOf(byTheLake)?.id).toBe('dalong-lake');
    expect(list.departmentFor('waterlogging', westOfHanyuan)).toBe('徐州市城市管理局');
    expect(list.departmentFor('waterlogging', centre)).toBe('徐州市城市管理局');
  });

  it('routes the other categories to their departments', () => {
    expect(list.departmentFor('traffic', centre)).toBe('徐州市公安局交通警察支队');
    expect(list.departmentFor('bridge_risk', southOfCanal)).toBe('徐州市住房和城乡建设局');
    expect(list.departmentFor('road_subsidence', centre)).toBe('徐州市市政设施管理中心');
    expect(list.departmentFor('environment', centre)).toBe('徐州市生态环境局');
    expect(list.departmentFor('other', centre)).toBe('徐州市城市管理局');
  });

  it('puts every point of the pilot area in an area, and has a department outside it', () => {
    const { west, south, east, north } = PILOT_AREA_BOUNDS;
    fc.assert(
      fc.property(fc.double({ min: west, max: east, noNaN: true }), fc.double({ min: south, max: north, noNaN: true }), (lon, lat) => {
        expect(list.areaOf({ lon, lat })).toBeDefined();
      }),
    );
    expect(list.areaOf({ lon: 116.4, lat: 39.9 })).toBeUndefined();
    expect(list.departmentFor('waterlogging', { lon: 116.4, lat: 39.9 })).toBe('徐州市城市管理局');
  });
});

describe('checking a list', () => {
  const ring = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 0],
  ];
  const valid = { areas: [{ id: 'a', name: { zh: '甲' }, ring }], rules: [{ category: '*', area: '*', department: '城管' }] };

  it('takes a minimal list and matches wildcards', () => {
    expect(createResponsibilities(valid).departmentFor('traffic', { lon: 0.8, lat: 0.2 })).toBe('城管');
  });

  it.each([
    ['an unknown category', { ...valid, rules: [{ category: 'fire', area: '*', department: 'x' }, ...valid.rules] }, /rules\.0\.category/],
    ['a rule for an unknown area', { ...valid, rules: [{ category: 'traffic', area: 'nowhere', department: 'x' }, ...valid.rules] }, /rules\.0: no area nowhere/],
    ['an open ring', { ...valid, areas: [{ id: 'a', name: { zh: '甲' }, ring: [...ring.slice(0, 3), [0, 1]] }] }, /must end where it starts/],
    ['a duplicate area', { ...valid, areas: [valid.areas[0], valid.areas[0]] }, /listed twice/],
    ['no catch-all rule', { ...valid, rules: [{ category: 'traffic', area: '*', department: 'x' }] }, /category "\*" and area "\*"/],
    ['a bad area id', { ...valid, areas: [{ id: 'A B', name: { zh: '甲' }, ring }] }, /areas\.0\.id/],
  ])('refuses %s with a reason', (_what, input, reason) => {
    expect(() => createResponsibilities(input)).toThrow(reason);
  });

  describe('from a file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'pc-resp-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('names the file when it is not JSON', async () => {
      const file = path.join(dir, 'broken.json');
      await writeFile(file, '{ "areas": [');
      await expect(loadResponsibilities(file)).rejects.toThrow(/^responsibility list broken\.json: /);
    });

    it('names the file and the problem when the list is wrong', async () => {
      const file = path.join(dir, 'wrong.json');
      await writeFile(file, JSON.stringify({ areas: [], rules: [] }));
      await expect(loadResponsibilities(file)).rejects.toThrow(/^responsibility list wrong\.json: rules: /);
    });
  });
});
