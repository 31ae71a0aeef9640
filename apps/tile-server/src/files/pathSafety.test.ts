import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test-support/rawHttp.js';
import { startTestServer, type TestServer } from '../../test-support/tileServerHarness.js';
import { parseRequestPath } from './requestPath.js';

const MARKER = 'SECRET-MARKER-7f3a';
let base: string;
let tilesets: string;
let outside: string;
let server: TestServer;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'pengcheng-safety-'));
  tilesets = path.join(base, 'tilesets');
  outside = path.join(base, 'outside');
  const alpha = path.join(tilesets, 'alpha');
  await mkdir(path.join(alpha, 'tiles'), { recursive: true });
  await writeFile(path.join(alpha, 'tileset.json'), JSON.stringify({ asset: { version: '1.1' }, geometricError: 1, root: { geometricError: 0, boundingVolume: { sphere: [0, 0, 0, 1] } } }));
  await writeFile(path.join(alpha, 'tiles/a.glb'), 'glTF-inside');
  await writeFile(path.join(alpha, '.hidden'), MARKER);
  // A sibling whose name starts like the tileset's: a naive prefix check would let it through.
  await mkdir(path.join(tilesets, 'alpha-secret'));
  await writeFile(path.join(tilesets, 'alpha-secret/secret.txt'), MARKER);
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), MARKER);
  await symlink(path.join(outside, 'secret.txt'), path.join(alpha, 'link-out.txt'));
  await symlink(outside, path.join(alpha, 'dir-out'));
  await symlink(path.join(alpha, 'tiles/a.glb'), path.join(alpha, 'link-in.glb'));
  const viewer = path.join(base, 'viewer');
  await mkdir(path.join(viewer, 'assets'), { recursive: true });
  await writeFile(path.join(viewer, 'index.html'), '<!doctype html><title>viewer</title>');
  server = await startTestServer({ TILESETS_DIR: tilesets, VIEWER_DIR: viewer });
});

afterAll(async () => {
  await server.close();
  await rm(base, { recursive: true, force: true });
});

/** Each target is sent byte for byte as written (no client-side normalisation). */
const CORPUS: ReadonlyArray<readonly [string, 400 | 404 | 'refused']> = [
  ['/tiles/alpha/../alpha-secret/secret.txt', 400],
  ['/tiles/alpha/%2e%2e/alpha-secret/secret.txt', 400],
  ['/tiles/alpha/%2E%2E/alpha-secret/secret.txt', 400],
  ['/tiles/alpha/.%2e/alpha-secret/secret.txt', 400],
  ['/tiles/alpha/..%2falpha-secret%2fsecret.txt', 400],
  ['/tiles/alpha/..%2Falpha-secret%2Fsecret.txt', 400],
  ['/tiles/alpha/..%5calpha-secret%5csecret.txt', 400],
  ['/tiles/alpha/..\\alpha-secret\\secret.txt', 400],
  ['/tiles/alpha/%252e%252e/alpha-secret/secret.txt', 404],
  ['/tiles/alpha/tiles/../../alpha-secret/secret.txt', 400],
  ['/tiles/alpha/tiles/../../../outside/secret.txt', 400],
  ['/tiles/alpha/./tiles/a.glb', 400],
  ['/tiles/alpha//etc/passwd', 400],
  ['/tiles/alpha/%2fetc%2fpasswd', 400],
  ['/tiles/alpha/%2Fetc/passwd', 400],
  ['/tiles/alpha/tiles/a.glb%00.txt', 400],
  ['/tiles/alpha/tiles/a.glb%00', 400],
  ['/tiles/alpha/%00', 400],
  ['/tiles/alpha/%0a/secret.txt', 400],
  ['/tiles/alpha/link-out.txt', 404],
  ['/tiles/alpha/dir-out/secret.txt', 404],
  ['/tiles/alpha/.hidden', 404],
  ['/tiles/alpha/%2ehidden', 404],
  ['/tiles/alpha-secret/secret.txt', 404],
  ['/tiles/..%2falpha-secret/secret.txt', 404],
  ['/tiles/../alpha-secret/secret.txt', 404],
  ['/tiles/%2e%2e/alpha-secret/secret.txt', 404],
  ['/tiles/alpha/C:%5cWindows%5cwin.ini', 400],
  ['/tiles/alpha/C:/Windows/win.ini', 400],
  ['/tiles/alpha/file:%2f%2f%2fetc%2fpasswd', 400],
  ['/tiles/alpha/%c0%ae%c0%ae/alpha-secret/secret.txt', 400],
  ['/tiles/alpha/%e0%80%ae%e0%80%ae/secret.txt', 400],
  ['/tiles/alpha/%uff0e%uff0e/secret.txt', 400],
  ['/tiles/alpha/%EF%BC%8E%EF%BC%8E/alpha-secret/secret.txt', 404],
  ['/tiles/alpha/%%32%65%%32%65/secret.txt', 400],
  ['/tiles/alpha/..;/alpha-secret/secret.txt', 404],
  ['/tiles/alpha/%2e%2e%2f%2e%2e%2foutside%2fsecret.txt', 400],
  ['/tiles/alpha/tiles%2fa.glb', 400],
  ['/tiles/alpha/tiles/a.glb/..', 400],
  ['/tiles/alpha/tiles/a.glb/.', 400],
  ['/tiles/alpha/', 400],
  ['/tiles/alpha', 404],
  ['/tiles/', 404],
  ['/imagery/alpha/../../outside/secret.txt', 404],
  [`/tiles/alpha/${'a/'.repeat(200)}x`, 404],
  ['/tiles/alpha/%5c%5coutside%5csecret.txt', 400],
  ['/tiles/alpha/tiles/a.glb%2500', 404],
  [`/tiles/alpha/${encodeURIComponent(path.join(tmpdir(), 'outside', 'secret.txt'))}`, 400],
  ['http://evil.example.com/tiles/alpha/tiles/a.glb', 400],
  ['//evil.example.com/', 'refused'],
  ['/%2f%2fevil.example.com', 'refused'],
  ['/../../outside/secret.txt', 'refused'],
  ['/%2e%2e/%2e%2e/outside/secret.txt', 'refused'],
  ['/assets/..%2f..%2foutside%2fsecret.txt', 'refused'],
];

function expectNothingLeaked(target: string, status: number, headers: Record<string, unknown>, body: string): void {
  expect(body, target).not.toContain(MARKER);
  expect(body, target).not.toContain(base);
  expect(body, target).not.toContain(tmpdir());
  expect(body, target).not.toMatch(/\n\s+at |Error:/);
  expect(headers.location, target).toBeUndefined();
  expect(status, target).not.toBe(200);
}

describe('path safety', () => {
  it(`answers each of ${CORPUS.length} hostile targets with 400 or 404, never with a file from outside, a path or a trace`, async () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    for (const [target, expected] of CORPUS) {
      const res = await rawRequest(server.port, target);
      if (expected === 'refused') expect([400, 404], target).toContain(res.status);
      else expect(res.status, target).toBe(expected);
      expectNothingLeaked(target, res.status, res.headers, res.body.toString('latin1'));
    }
  });

  it('refuses raw control characters and NUL in the request line without echoing them', async () => {
    for (const target of ['/tiles/alpha/a\u0000b', '/tiles/alpha/a\u0001b', '/tiles/alpha/a b']) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer, JSON.stringify(target)).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).not.toContain(MARKER);
    }
  });

  it('still serves what is inside: a plain file and a symlink that stays in the tileset', async () => {
    expect((await rawRequest(server.port, '/tiles/alpha/tiles/a.glb')).body.toString()).toBe('glTF-inside');
    expect((await rawRequest(server.port, '/tiles/alpha/link-in.glb')).body.toString()).toBe('glTF-inside');
    expect((await rawRequest(server.port, '/tiles/alpha/tiles/%61.glb')).body.toString()).toBe('glTF-inside');
  });
});

describe('parseRequestPath', () => {
  const hostile = fc.oneof(
    fc.constantFrom('..', '.', '', '%2e', '%2E', '%2f', '%2F', '%5c', '\\', '%00', '%', '%c0%ae', '/', ':', 'C:', '%252e', '\u0000', '．'),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );

  it('never yields a path that resolves outside the root, whatever the input', () => {
    const root = path.resolve('/srv/tiles/alpha');
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 8 }), fc.constantFrom('/', '\\', ''), (parts, joiner) => {
        const parsed = parseRequestPath(parts.join(joiner));
        if (!parsed.ok) return;
        const resolved = path.resolve(root, parsed.path);
        expect(resolved.startsWith(root + path.sep)).toBe(true);
        expect(parsed.path.split('/')).not.toContain('..');
        // eslint-disable-next-line no-control-regex -- control characters are what must not pass
        expect(parsed.path).not.toMatch(/[\\\u0000-\u001f]|^\//);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps every safe path: each segment percent-encoded comes back unchanged', () => {
    // eslint-disable-next-line no-control-regex -- safe segments exclude control characters
    const segment = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.startsWith('.') && !/[/\\:\u0000-\u001f\u007f]/.test(s));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        expect(parseRequestPath(segments.map(encodeURIComponent).join('/'))).toEqual({ ok: true, path: segments.join('/') });
      }),
    );
  });
});
