import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { CatalogResponse, type TilesetManifest } from '@pengcheng/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test-support/rawHttp.js';
import { startTestServer, type TestServer } from '../../test-support/tileServerHarness.js';
import { IMMUTABLE, REVALIDATE } from './tileFastPath.js';

let root: string;
let viewerDir: string;
let server: TestServer;

const VERSION = 'v1abc';
const TILESET_JSON = Buffer.from(JSON.stringify({ asset: { version: '1.1' }, geometricError: 100, root: { geometricError: 0, boundingVolume: { region: [2.04, 0.59, 2.05, 0.6, 0, 100] }, content: { uri: 'tiles/0.glb' } } }));
/** Compressible like a real glb: repeated structure, so br and gzip differ in size from identity. */
const GLB = Buffer.concat([Buffer.from('glTF'), Buffer.alloc(4000, 'vertex-data-')]);
const PNTS = Buffer.concat([Buffer.from('pnts'), randomBytes(1000)]);
const BIG = Buffer.concat([Buffer.from('glTF'), randomBytes(300_000)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), randomBytes(500)]);

function manifest(id: string, kind: TilesetManifest['kind'], entry: string): TilesetManifest {
  return {
    id,
    kind,
    name: { zh: '政务区建筑', en: 'District buildings' },
    attribution: { zh: '合成数据', en: 'Synthetic data' },
    bounds: { west: 117.25, south: 34.18, east: 117.3, north: 34.22 },
    version: VERSION,
    entry,
    ...(kind === 'imagery' ? { imagery: { minZoom: 12, maxZoom: 19, format: 'webp' as const } } : {}),
    build: { inputHash: 'h', features: 1, skipped: 0, tiles: 1, files: 2, bytes: 10, largestFile: { path: 'a.glb', bytes: 5 }, durationMs: 1 },
  };
}

async function writeWithVariants(file: string, bytes: Buffer): Promise<void> {
  await writeFile(file, bytes);
  await writeFile(`${file}.br`, brotliCompressSync(bytes));
  await writeFile(`${file}.gz`, gzipSync(bytes));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pengcheng-serving-'));
  const buildings = path.join(root, 'district-buildings');
  await mkdir(path.join(buildings, 'tiles'), { recursive: true });
  await writeFile(path.join(buildings, 'manifest.json'), JSON.stringify(manifest('district-buildings', 'buildings', 'tileset.json')));
  await writeWithVariants(path.join(buildings, 'tileset.json'), TILESET_JSON);
  await writeWithVariants(path.join(buildings, 'tiles/0.glb'), GLB);
  await writeFile(path.join(buildings, 'tiles/plain.pnts'), PNTS);
  await writeFile(path.join(buildings, 'tiles/big.glb'), BIG);
  await writeFile(path.join(buildings, 'tiles/texture.png'), Buffer.from('\x89PNG'));
  await writeFile(path.join(buildings, 'tiles/texture.ktx2'), Buffer.from('\xabKTX 20'));
  await writeFile(path.join(buildings, 'tiles/texture.jpg'), Buffer.from('\xff\xd8'));
  const ground = path.join(root, 'district-ground');
  await mkdir(path.join(ground, '12/3381'), { recursive: true });
  await writeFile(path.join(ground, 'manifest.json'), JSON.stringify(manifest('district-ground', 'imagery', '{z}/{x}/{y}.webp')));
  await writeFile(path.join(ground, '12/3381/1623.webp'), WEBP);
  await mkdir(path.join(root, 'broken'));
  await writeFile(path.join(root, 'broken/manifest.json'), '{"id": 1}');
  await mkdir(path.join(root, 'no-tileset-here'));

  viewerDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-serving-viewer-'));
  await writeFile(path.join(viewerDir, 'index.html'), '<!doctype html><title>viewer</title>');
  // 1 MB of hot cache: files above 128 KB are streamed from disk rather than cached.
  server = await startTestServer({ TILESETS_DIR: root, VIEWER_DIR: viewerDir, CORS_ORIGINS: 'https://wall.example.cn', HOT_CACHE_MB: '1', MAX_URL_LENGTH: '1024' });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
  await rm(viewerDir, { recursive: true, force: true });
});

const get = (target: string, headers: Record<string, string> = {}, method = 'GET') => rawRequest(server.port, target, { method, headers });
const TILE = `/tiles/district-buildings/tiles/0.glb?v=${VERSION}`;

describe('catalog', () => {
  it('lists every servable tileset with a versioned URL, leaves the rest out, and revalidates by ETag', async () => {
    const res = await get('/api/v1/tilesets');
    expect(res.status).toBe(200);
    const { tilesets } = CatalogResponse.parse(JSON.parse(res.body.toString()));
    expect(tilesets.map((t) => [t.id, t.url])).toEqual([
      ['district-buildings', `/tiles/district-buildings/tileset.json?v=${VERSION}`],
      ['district-ground', `/imagery/district-ground/{z}/{x}/{y}.webp?v=${VERSION}`],
    ]);
    expect(JSON.parse(res.body.toString()).tilesets[0]).not.toHaveProperty('build');
    expect(res.headers['cache-control']).toBe(REVALIDATE);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"/);
    expect((await get('/api/v1/tilesets', { 'if-none-match': etag })).status).toBe(304);
  });

  it('refuses other methods on the catalog with 405 and an Allow header', async () => {
    const res = await get('/api/v1/tilesets', {}, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toContain('GET');
  });
});

describe('content types', () => {
  it.each([
    [`/tiles/district-buildings/tileset.json?v=${VERSION}`, 'application/json'],
    [TILE, 'model/gltf-binary'],
    ['/tiles/district-buildings/tiles/plain.pnts', 'application/octet-stream'],
    ['/imagery/district-ground/12/3381/1623.webp', 'image/webp'],
    ['/tiles/district-buildings/tiles/texture.png', 'image/png'],
    ['/tiles/district-buildings/tiles/texture.ktx2', 'image/ktx2'],
    ['/tiles/district-buildings/tiles/texture.jpg', 'image/jpeg'],
  ])('%s is %s', async (target, type) => {
    const res = await get(target);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('precompressed variants', () => {
  it('sends brotli when accepted, as stored, with Vary', async () => {
    const res = await get(TILE, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(res.body.equals(brotliCompressSync(GLB))).toBe(true);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
  });

  it('sends gzip when brotli is refused or not offered', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip', 'gzip;q=0.5, identity;q=0.1']) {
      const res = await get(TILE, { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(res.body.equals(gzipSync(GLB)), accept).toBe(true);
    }
  });

  it('sends the file as it is, with no Content-Encoding, when nothing precompressed is accepted or stored', async () => {
    for (const [target, accept] of [[TILE, 'identity'], [TILE, ''], ['/tiles/district-buildings/tiles/plain.pnts', 'br, gzip']] as const) {
      const res = await get(target, accept ? { 'accept-encoding': accept } : {});
      expect(res.headers['content-encoding'], `${target} ${accept}`).toBeUndefined();
      expect(res.headers.vary).toContain('Accept-Encoding');
      expect(res.body.equals(target === TILE ? GLB : PNTS)).toBe(true);
    }
  });
});

describe('validators and caching', () => {
  it('gives each representation its own strong ETag and answers 304 to a match, with no body', async () => {
    const identity = await get(TILE);
    const br = await get(TILE, { 'accept-encoding': 'br' });
    expect(identity.headers.etag).toMatch(/^"[^"]+"$/);
    expect(br.headers.etag).not.toBe(identity.headers.etag);
    for (const header of [identity.headers.etag as string, `W/${identity.headers.etag}`, `"nope", ${identity.headers.etag}`, '*']) {
      const res = await get(TILE, { 'if-none-match': header });
      expect(res.status, header).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers.etag).toBe(identity.headers.etag);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
    }
    expect((await get(TILE, { 'if-none-match': br.headers.etag as string })).status).toBe(200);
  });

  it('marks content immutable only under its current version, and tileset.json always revalidates', async () => {
    expect((await get(TILE)).headers['cache-control']).toBe(IMMUTABLE);
    expect((await get('/tiles/district-buildings/tiles/0.glb')).headers['cache-control']).toBe(REVALIDATE);
    expect((await get('/tiles/district-buildings/tiles/0.glb?v=older')).headers['cache-control']).toBe(REVALIDATE);
    expect((await get(`/tiles/district-buildings/tileset.json?v=${VERSION}`)).headers['cache-control']).toBe(REVALIDATE);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const head = await get(TILE, { 'accept-encoding': 'br' }, 'HEAD');
    const full = await get(TILE, { 'accept-encoding': 'br' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-length', 'content-encoding', 'etag', 'cache-control', 'vary']) {
      expect(head.headers[name], name).toBe(full.headers[name]);
    }
  });
});

describe('byte ranges', () => {
  it('serves one range as 206 with Content-Range, from memory and from a disk stream', async () => {
    for (const [target, bytes] of [[TILE, GLB], ['/tiles/district-buildings/tiles/big.glb', BIG]] as const) {
      const res = await get(target, { range: 'bytes=4-15' });
      expect(res.status, target).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes 4-15/${bytes.length}`);
      expect(res.body.equals(bytes.subarray(4, 16))).toBe(true);
      const suffix = await get(target, { range: 'bytes=-10' });
      expect(suffix.body.equals(bytes.subarray(bytes.length - 10))).toBe(true);
      const open = await get(target, { range: `bytes=${bytes.length - 3}-` });
      expect(open.body.equals(bytes.subarray(bytes.length - 3))).toBe(true);
    }
  });

  it('answers 416 with the size when no byte of the range exists', async () => {
    const res = await get(TILE, { range: `bytes=${GLB.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${GLB.length}`);
  });

  it('sends the whole file for malformed, multiple or outdated ranges', async () => {
    const etag = (await get(TILE)).headers.etag as string;
    for (const headers of [{ range: 'bytes=abc' } as Record<string, string>, { range: 'items=0-5' }, { range: 'bytes=0-1, 10-20' }, { range: 'bytes=0-5', 'if-range': '"older"' }]) {
      const res = await get(TILE, headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(res.body.equals(GLB)).toBe(true);
    }
    expect((await get(TILE, { range: 'bytes=0-5', 'if-range': etag })).status).toBe(206);
  });

  it('streams large files whole and intact', async () => {
    const res = await get('/tiles/district-buildings/tiles/big.glb');
    expect(res.status).toBe(200);
    expect(res.body.equals(BIG)).toBe(true);
  });
});

describe('CORS', () => {
  it('lets an allowed origin read tiles and the catalog, and exposes the validators', async () => {
    for (const target of [TILE, '/api/v1/tilesets']) {
      const res = await get(target, { origin: 'https://wall.example.cn' });
      expect(res.headers['access-control-allow-origin'], target).toBe('https://wall.example.cn');
      expect(res.headers.vary).toContain('Origin');
    }
    expect((await get(TILE, { origin: 'https://wall.example.cn' })).headers['access-control-expose-headers']).toContain('ETag');
  });

  it('gives no CORS header to an origin not on the list', async () => {
    for (const target of [TILE, '/api/v1/tilesets']) {
      const res = await get(target, { origin: 'https://evil.example.com' });
      expect(res.headers['access-control-allow-origin'], target).toBeUndefined();
    }
  });

  it('answers an allowed preflight 204 with the methods and headers, and refuses others', async () => {
    const preflight = { 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' };
    const ok = await get(TILE, { origin: 'https://wall.example.cn', ...preflight }, 'OPTIONS');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-methods']).toContain('GET');
    expect(ok.headers['access-control-allow-headers']).toContain('Range');
    const denied = await get(TILE, { origin: 'https://evil.example.com', ...preflight }, 'OPTIONS');
    expect(denied.status).toBe(403);
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('pages', () => {
  it('sends a Content-Security-Policy CesiumJS runs under with the app page', async () => {
    const res = await get('/', { accept: 'text/html' });
    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('refusals', () => {
  it('answers write methods with 405 and the allowed methods, on tiles and pages', async () => {
    for (const [target, method] of [[TILE, 'POST'], [TILE, 'PUT'], [TILE, 'DELETE'], ['/imagery/district-ground/12/3381/1623.webp', 'PATCH'], ['/wall', 'POST']] as const) {
      const res = await get(target, {}, method);
      expect(res.status, `${method} ${target}`).toBe(405);
      expect(res.headers.allow).toContain('GET');
    }
  });

  it('answers 414 to a request target over the limit, before any route runs', async () => {
    const res = await get(`/tiles/district-buildings/${'a'.repeat(1100)}.glb`);
    expect(res.status).toBe(414);
    expect(JSON.parse(res.body.toString()).error.code).toBe('uri_too_long');
  });

  it('serves imagery only under /imagery and 3D Tiles only under /tiles', async () => {
    expect((await get('/tiles/district-ground/12/3381/1623.webp')).status).toBe(404);
    expect((await get('/imagery/district-buildings/tileset.json')).status).toBe(404);
    expect((await get('/tiles/broken/manifest.json')).status).toBe(404);
  });
});

describe('files changed on disk', () => {
  it('answers 503 for a file edited in place behind the index, then serves the new bytes', async () => {
    const folder = path.join(root, 'edited');
    await mkdir(folder);
    await writeFile(path.join(folder, 'tileset.json'), TILESET_JSON);
    await writeFile(path.join(folder, 'big.glb'), BIG);
    await server.catalog.refresh();
    const edited = Buffer.concat([BIG, Buffer.from('appended')]);
    await writeFile(path.join(folder, 'big.glb'), edited);
    const stale = await get('/tiles/edited/big.glb');
    expect(stale.status).toBe(503);
    expect(stale.headers['retry-after']).toBe('1');
    await expect.poll(async () => (await get('/tiles/edited/big.glb')).body.equals(edited)).toBe(true);
  });

  it('answers 503 for a file deleted behind the index, then 404 once the tileset is re-read', async () => {
    const folder = path.join(root, 'deleted');
    await mkdir(folder);
    await writeFile(path.join(folder, 'tileset.json'), TILESET_JSON);
    await writeFile(path.join(folder, 'gone.glb'), GLB);
    await server.catalog.refresh();
    await rm(path.join(folder, 'gone.glb'));
    expect((await get('/tiles/deleted/gone.glb')).status).toBe(503);
    await expect.poll(async () => (await get('/tiles/deleted/gone.glb')).status).toBe(404);
  });
});

describe('operations', () => {
  it('counts tile requests, bytes, cache hits and 304s by route in /metrics', async () => {
    await get('/imagery/district-ground/12/3381/1623.webp');
    await get('/imagery/district-ground/12/3381/1623.webp');
    const etag = (await get(TILE)).headers.etag as string;
    await get(TILE, { 'if-none-match': etag });
    const metrics = (await get('/metrics')).body.toString();
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="imagery",status="200"\} [2-9]/);
    expect(metrics).toMatch(/http_response_bytes_total\{method="GET",route="imagery",status="200"\} \d{4,}/);
    expect(metrics).toMatch(/http_file_cache_lookups_total\{route="imagery",result="hit"\} [1-9]/);
    expect(metrics).toMatch(/http_not_modified_total\{route="tiles"\} [1-9]/);
    expect(metrics).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="tiles",status="200"\}/);
  });

  it('writes one JSON access-log line per tile request', async () => {
    await get(`${TILE}&probe=access-log`, { 'accept-encoding': 'br' });
    const line = server.logs().find((entry) => (entry.req as { url?: string } | undefined)?.url?.includes('probe=access-log'));
    expect(line).toMatchObject({ level: 'info', msg: 'request completed', res: { statusCode: 200 }, coding: 'br', req: { method: 'GET' } });
    expect(typeof line?.responseTime).toBe('number');
    expect(line?.bytes).toBe(brotliCompressSync(GLB).length);
  });
});
