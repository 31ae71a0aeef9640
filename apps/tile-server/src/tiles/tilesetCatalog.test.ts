import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { idFromName, TilesetCatalog } from './tilesetCatalog.js';
import { tilesetBounds } from './tilesetBounds.js';

let root: string;
let catalog: TilesetCatalog;

async function writeTileset(folder: string, tileset: object, files: Record<string, string> = {}): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'tileset.json'), JSON.stringify(tileset));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), text);
  }
}

const REGION = { asset: { version: '1.0', extras: { name: 'Campus scan', attribution: '© Survey Office' } }, geometricError: 10, root: { geometricError: 0, boundingVolume: { region: [2.046, 0.596, 2.048, 0.598, 10, 90] } } };

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pengcheng-catalog-'));
  catalog = new TilesetCatalog(root, createLogger('silent'), { rescanMs: 60_000, retireMs: 10 });
});

afterEach(async () => {
  await catalog.close();
  await rm(root, { recursive: true, force: true });
});

describe('tileset catalog', () => {
  it('lists a folder another tool wrote, named, credited and placed from its tileset.json', async () => {
    await writeTileset(path.join(root, 'Campus Scan'), REGION, { 'a.b3dm': 'b3dm' });
    await catalog.start();
    const [served] = catalog.list();
    expect(served?.entry).toMatchObject({ id: 'campus-scan', kind: '3d-tiles', name: { en: 'Campus scan' }, attribution: { zh: '© Survey Office' }, entry: 'tileset.json' });
    expect(served?.entry.url).toBe(`/tiles/campus-scan/tileset.json?v=${served?.entry.version}`);
    expect(served?.entry.bounds?.west).toBeCloseTo((2.046 * 180) / Math.PI, 9);
    expect(served?.entry.bounds?.maxHeightM).toBe(90);
    expect(served?.source.fileCount).toBe(2);
  });

  it('picks up a new tileset, a changed file and a removed tileset on refresh, with a new version for a change', async () => {
    await catalog.start();
    expect(catalog.list()).toEqual([]);
    await writeTileset(path.join(root, 'scan'), REGION, { 'a.glb': 'one' });
    await catalog.refresh();
    const first = catalog.lookup('scan');
    expect(first?.entry.version).toBeDefined();
    // A tool regenerating the tileset rewrites its files and its tileset.json.
    await writeFile(path.join(root, 'scan/a.glb'), 'two, longer');
    await writeFile(path.join(root, 'scan/tileset.json'), JSON.stringify({ ...REGION, geometricError: 11 }));
    await catalog.refresh();
    expect(catalog.lookup('scan')?.entry.version).not.toBe(first?.entry.version);
    const file = await catalog.lookup('scan')?.source.describe('a.glb');
    expect(file?.representations.get('identity')?.size).toBe('two, longer'.length);
    await rm(path.join(root, 'scan'), { recursive: true });
    await catalog.refresh();
    expect(catalog.lookup('scan')).toBeUndefined();
  });

  it('reads a tileset again when told a file no longer matches its index', async () => {
    await writeTileset(path.join(root, 'scan'), REGION, { 'a.glb': 'one' });
    await catalog.start();
    const before = catalog.lookup('scan')?.entry.version;
    await writeFile(path.join(root, 'scan/a.glb'), 'edited in place');
    await catalog.refresh();
    expect(catalog.lookup('scan')?.entry.version, 'nothing outside the file changed').toBe(before);
    catalog.invalidate('scan');
    await catalog.refresh();
    expect(catalog.lookup('scan')?.entry.version).not.toBe(before);
  });

  it('swaps a rebuilt pipeline tileset in whole when the folder is replaced', async () => {
    const manifest = (version: string) => ({
      id: 'district-buildings',
      kind: 'buildings',
      name: { zh: '建筑', en: 'Buildings' },
      attribution: { zh: '合成', en: 'Synthetic' },
      bounds: { west: 117.2, south: 34.1, east: 117.3, north: 34.2 },
      version,
      entry: 'tileset.json',
      build: { inputHash: 'h', features: 1, skipped: 0, tiles: 1, files: 1, bytes: 1, largestFile: { path: 'a', bytes: 1 }, durationMs: 1 },
    });
    const folder = path.join(root, 'district-buildings');
    await writeTileset(folder, REGION, { 'manifest.json': JSON.stringify(manifest('one')) });
    await catalog.start();
    expect(catalog.lookup('district-buildings')?.entry.version).toBe('one');
    const staging = path.join(root, '.staging');
    await writeTileset(staging, REGION, { 'manifest.json': JSON.stringify(manifest('two')) });
    await rm(folder, { recursive: true });
    await rename(staging, folder);
    await catalog.refresh();
    expect(catalog.lookup('district-buildings')?.entry.version).toBe('two');
  });

  it('leaves out what is not a tileset, with a reason in the log, and serves the rest', async () => {
    await mkdir(path.join(root, 'empty'));
    await writeTileset(path.join(root, 'no-asset'), { root: {} });
    await mkdir(path.join(root, 'bad-manifest'));
    await writeFile(path.join(root, 'bad-manifest/manifest.json'), '{"id": 1}');
    await writeFile(path.join(root, 'broken.3tz'), 'not a zip');
    await writeTileset(path.join(root, 'good'), REGION);
    await catalog.start();
    expect(catalog.list().map((t) => t.entry.id)).toEqual(['good']);
  });

  it('has no bounds for a tileset in local coordinates, and bounds for a box placed by its transform', () => {
    expect(tilesetBounds({ boundingVolume: { box: [0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10] } })).toBeUndefined();
    // East-north-up at 117.28 E, 34.205 N (the administrative centre), 100 m box.
    const lon = (117.28 * Math.PI) / 180;
    const lat = (34.205 * Math.PI) / 180;
    const a = 6378137;
    const e2 = 6.69437999014e-3;
    const n = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    const x = n * Math.cos(lat) * Math.cos(lon);
    const y = n * Math.cos(lat) * Math.sin(lon);
    const z = n * (1 - e2) * Math.sin(lat);
    const east = [-Math.sin(lon), Math.cos(lon), 0];
    const north = [-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)];
    const up = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
    const transform = [...east, 0, ...north, 0, ...up, 0, x, y, z, 1];
    const bounds = tilesetBounds({ transform, boundingVolume: { box: [0, 0, 0, 50, 0, 0, 0, 50, 0, 0, 0, 50] } });
    expect(bounds?.west).toBeLessThan(117.28);
    expect(bounds?.east).toBeGreaterThan(117.28);
    expect(bounds?.south).toBeLessThan(34.205);
    expect(bounds?.north).toBeGreaterThan(34.205);
    expect((bounds?.east ?? 0) - (bounds?.west ?? 0)).toBeLessThan(0.002);
  });

  it('turns any folder name into a valid id or none', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (name) => {
        const id = idFromName(name);
        if (id !== undefined) expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/);
      }),
    );
    expect(idFromName('District Buildings (2024)')).toBe('district-buildings-2024');
    expect(idFromName('建筑')).toBeUndefined();
  });
});
