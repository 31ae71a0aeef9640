import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { connect as http2Connect, type IncomingHttpHeaders } from 'node:http2';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test-support/rawHttp.js';
import { startTestServer, type TestServer } from '../../test-support/tileServerHarness.js';

let dir: string;
const GLB = Buffer.concat([Buffer.from('glTF'), Buffer.alloc(3000, 'mesh-')]);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pengcheng-http-'));
  const tileset = path.join(dir, 'tilesets/model');
  await mkdir(tileset, { recursive: true });
  await writeFile(path.join(tileset, 'tileset.json'), JSON.stringify({ asset: { version: '1.1' }, geometricError: 1, root: { geometricError: 0, boundingVolume: { sphere: [0, 0, 0, 1] }, content: { uri: 'a.glb' } } }));
  await writeFile(path.join(tileset, 'a.glb'), GLB);
  await writeFile(path.join(tileset, 'a.glb.br'), brotliCompressSync(GLB));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('slow and idle clients', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TILESETS_DIR: path.join(dir, 'tilesets'), HEADERS_TIMEOUT_MS: '1000' });
  });
  afterAll(() => server.close());

  it('cuts a client that trickles its headers, while others are served meanwhile', async () => {
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET /tiles/model/a.glb HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
    const closed = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', () => undefined);
    });
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect((await rawRequest(server.port, '/tiles/model/a.glb')).status).toBe(200);
    const answer = await closed;
    clearInterval(trickle);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('closes a connection that sends nothing at all', async () => {
    const socket = connect(server.port, '127.0.0.1');
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', () => undefined);
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });
});

describe('HTTPS with HTTP/2', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TILESETS_DIR: path.join(dir, 'tilesets'), TLS_CERT: path.join(dir, 'cert.pem'), TLS_KEY: path.join(dir, 'key.pem') });
  });
  afterAll(() => server.close());

  function h2Get(target: string, headers: Record<string, string> = {}): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const session = http2Connect(server.url, { rejectUnauthorized: false });
      session.on('error', reject);
      const stream = session.request({ ':path': target, ...headers });
      const chunks: Buffer[] = [];
      let answer: IncomingHttpHeaders = {};
      stream.on('response', (h) => (answer = h));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        session.close();
        resolve({ headers: answer, body: Buffer.concat(chunks) });
      });
      stream.on('error', reject);
    });
  }

  it('serves tiles over HTTP/2 with the same negotiation and validators', async () => {
    expect(server.url).toMatch(/^https:/);
    const res = await h2Get('/tiles/model/a.glb', { 'accept-encoding': 'br' });
    expect(res.headers[':status']).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.equals(brotliCompressSync(GLB))).toBe(true);
    const again = await h2Get('/tiles/model/a.glb', { 'accept-encoding': 'br', 'if-none-match': res.headers.etag as string });
    expect(again.headers[':status']).toBe(304);
  });

  it('answers the API and health over HTTP/2 too (through Express)', async () => {
    const catalog = await h2Get('/api/v1/tilesets');
    expect(catalog.headers[':status']).toBe(200);
    expect(JSON.parse(catalog.body.toString()).tilesets[0].id).toBe('model');
    expect(catalog.headers['content-security-policy']).toContain("worker-src 'self' blob:");
    expect(catalog.headers['strict-transport-security']).toMatch(/max-age=/);
    expect((await h2Get('/healthz')).headers[':status']).toBe(200);
  });

  it('still accepts HTTP/1.1 clients over TLS', async () => {
    const res = await new Promise<{ status: number; body: string; protocol: string }>((resolve, reject) => {
      const req = httpsRequest(`${server.url}/tiles/model/a.glb`, { rejectUnauthorized: false }, (answer) => {
        let body = '';
        answer.setEncoding('latin1');
        answer.on('data', (chunk: string) => (body += chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body, protocol: answer.httpVersion }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.protocol).toBe('1.1');
    expect(res.status).toBe(200);
    expect(res.body).toBe(GLB.toString('latin1'));
  });
});
