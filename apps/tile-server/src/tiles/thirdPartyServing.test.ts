import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CatalogResponse } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test-support/rawHttp.js';
import {
  THIRD_PARTY_TILESETS,
  writeSqlitePackage,
  writeThirdPartyTilesets,
  writeZipPackage,
  type ThirdPartyTilesets,
} from '../../test-support/thirdPartyTilesets.js';
import { startTestServer, type TestServer } from '../../test-support/tileServerHarness.js';

let root: string;
let sources: string;
let written: ThirdPartyTilesets;
let server: TestServer;

/** Packages built from the same folders: id in the catalog → the folder it was packed from. */
const PACKAGES = {
  'implicit-archive': { from: 'implicit', file: 'implicit-archive.3tz' },
  'external-archive': { from: 'external', file: 'external-archive.3tz' },
  'multi-db': { from: 'multi', file: 'multi-db.3dtiles' },
  'cmpt-db-gzip': { from: 'cmpt', file: 'cmpt-db-gzip.3dtiles' },
} as const;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pengcheng-third-party-'));
  sources = await mkdtemp(path.join(tmpdir(), 'pengcheng-third-party-src-'));
  written = await writeThirdPartyTilesets(root);
  // The same tilesets again, kept outside TILESETS_DIR, to pack.
  await writeThirdPartyTilesets(sources);
  await writeZipPackage(path.join(sources, 'implicit'), path.join(root, PACKAGES['implicit-archive'].file), { compress: true });
  await writeZipPackage(path.join(sources, 'external'), path.join(root, PACKAGES['external-archive'].file), { compress: false });
  await writeSqlitePackage(path.join(sources, 'multi'), path.join(root, PACKAGES['multi-db'].file), { gzip: false });
  await writeSqlitePackage(path.join(sources, 'cmpt'), path.join(root, PACKAGES['cmpt-db-gzip'].file), { gzip: true });
  server = await startTestServer({ TILESETS_DIR: root, VIEWER_DIR: path.join(root, 'no-viewer') });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
  await rm(sources, { recursive: true, force: true });
});

describe('tilesets other tools wrote', () => {
  it('lists every folder and package as a 3D Tiles layer with a versioned URL', async () => {
    const res = await rawRequest(server.port, '/api/v1/tilesets');
    const { tilesets } = CatalogResponse.parse(JSON.parse(res.body.toString()));
    expect(tilesets.map((t) => t.id).sort()).toEqual([...THIRD_PARTY_TILESETS, ...Object.keys(PACKAGES)].sort());
    for (const tileset of tilesets) {
      expect(tileset.kind).toBe('3d-tiles');
      expect(tileset.url).toBe(`/tiles/${tileset.id}/tileset.json?v=${encodeURIComponent(tileset.version)}`);
    }
  });

  it.each(THIRD_PARTY_TILESETS)('serves every file of the %s folder byte for byte with its content type', async (name) => {
    for (const file of written[name]) {
      const res = await rawRequest(server.port, `/tiles/${name}/${file.path}`);
      expect(res.status, file.path).toBe(200);
      expect(res.headers['content-type'], file.path).toBe(file.contentType);
      expect(res.body.equals(await readFile(path.join(root, name, file.path))), file.path).toBe(true);
    }
  });

  it.each(Object.entries(PACKAGES))('serves every file from inside the package %s, byte for byte', async (id, { from }) => {
    for (const file of written[from]) {
      const expected = await readFile(path.join(sources, from, file.path));
      const res = await rawRequest(server.port, `/tiles/${id}/${file.path}`);
      expect(res.status, file.path).toBe(200);
      expect(res.headers['content-type'], file.path).toBe(file.contentType);
      expect(res.headers['content-encoding'], file.path).toBeUndefined();
      expect(res.body.equals(expected), file.path).toBe(true);
      const etag = res.headers.etag as string;
      expect((await rawRequest(server.port, `/tiles/${id}/${file.path}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
      const range = await rawRequest(server.port, `/tiles/${id}/${file.path}`, { headers: { range: 'bytes=0-3' } });
      expect(range.status).toBe(206);
      expect(range.body.equals(expected.subarray(0, 4))).toBe(true);
    }
  });

  it('sends gzip-stored package entries as they are stored to clients that accept gzip', async () => {
    for (const file of written.cmpt) {
      const res = await rawRequest(server.port, `/tiles/cmpt-db-gzip/${file.path}`, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(res.headers['content-encoding'], file.path).toBe('gzip');
      expect(gunzipSync(res.body).equals(await readFile(path.join(sources, 'cmpt', file.path)))).toBe(true);
    }
  });

  it('never serves the archive index or a path that is not in the package', async () => {
    expect((await rawRequest(server.port, '/tiles/implicit-archive/@3dtilesIndex1@')).status).toBe(404);
    expect((await rawRequest(server.port, '/tiles/implicit-archive/content/9/9/9.glb')).status).toBe(404);
    expect((await rawRequest(server.port, '/tiles/multi-db/..%2fmulti%2ftileset.json')).status).toBe(400);
  });
});
