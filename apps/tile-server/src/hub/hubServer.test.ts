import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as http2Connect } from 'node:http2';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerShutdown } from '@pengcheng/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, HUB_TOKENS, hubClient, startHubServer, type HubTestClient } from '../../test-support/hubClients.js';
import type { TestServer } from '../../test-support/tileServerHarness.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pengcheng-hub-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('over HTTPS (the HTTP/2 listener, HTTP/1.1 allowed)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHubServer({ TLS_CERT: path.join(dir, 'cert.pem'), TLS_KEY: path.join(dir, 'key.pem') });
  });
  afterAll(() => server.close());

  it('connects by WebSocket and by polling on the same origin as the API', async () => {
    expect(server.url).toMatch(/^https:/);
    for (const transports of [['websocket'], ['polling']] as const) {
      const client = await connected(hubClient(server, { token: HUB_TOKENS.viewer, transports: [...transports], tls: true }));
      const answer = (await client.request('live:subscribe', { layers: ['kpis'] })) as { data?: { kpis?: unknown } };
      expect(answer.data?.kpis).toBeDefined();
      client.close();
    }
  });

  it('opens an Engine.IO session by long-polling over HTTP/2 itself', async () => {
    const session = http2Connect(server.url, { rejectUnauthorized: false });
    try {
      const body = await new Promise<string>((resolve, reject) => {
        session.on('error', reject);
        const stream = session.request({ ':path': '/socket.io/?EIO=4&transport=polling' });
        let text = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (text += chunk));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      });
      expect(body).toMatch(/^0\{"sid":/);
    } finally {
      session.close();
    }
  });
});

describe('shutdown', () => {
  let server: TestServer;
  const clients: HubTestClient[] = [];
  beforeAll(async () => {
    server = await startHubServer({ HUB_RECONNECT_SPREAD_MS: '3000' });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server.close();
  });

  it('tells every client to reconnect after a spread delay, disconnects them all, and refuses newcomers', async () => {
    for (let i = 0; i < 12; i++) clients.push(await connected(hubClient(server, { token: HUB_TOKENS.viewer })));
    await server.hub.shutdown(300);
    for (const client of clients) {
      await client.waitFor((events) => events.some((e) => e.event === 'disconnect'), 'the disconnect');
      const [notice] = client.of('server:shutdown')[0] ?? [];
      expect((notice as ServerShutdown).reconnectAfterMs).toBeGreaterThanOrEqual(0);
      expect((notice as ServerShutdown).reconnectAfterMs).toBeLessThan(3000);
      // The notice came first, then the server let go.
      expect(client.events.findIndex((e) => e.event === 'server:shutdown')).toBeLessThan(client.events.findIndex((e) => e.event === 'disconnect'));
    }
    const delays = new Set(clients.map((client) => (client.of('server:shutdown')[0]?.[0] as ServerShutdown).reconnectAfterMs));
    expect(delays.size).toBeGreaterThan(1);
    expect(server.hub.connectedCount()).toBe(0);

    const late = hubClient(server, { token: HUB_TOKENS.viewer });
    clients.push(late);
    await late.waitFor((events) => events.some((e) => e.event === 'connect_error'), 'the refusal');
    expect((late.of('connect_error')[0]?.[0] as Error).message).toBe('shutting_down');
  });
});

describe('any payload a client can send', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHubServer({ HUB_RATE_BURST: '10000', HUB_RATE_PER_S: '10000' });
  });
  afterAll(() => server.close());

  it('gets an answer, data or error, and never takes the socket or the server down', async () => {
    const client = await connected(hubClient(server, { token: HUB_TOKENS.kiosk }));
    const layer = fc.constantFrom('sensors', 'vehicles', 'links', 'alarms', 'incidents', 'kpis', 'weather');
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record({ layers: fc.array(layer, { maxLength: 8 }), bbox: fc.array(fc.double(), { maxLength: 5 }), resume: fc.dictionary(fc.string(), fc.integer()) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('live:subscribe', 'live:unsubscribe', 'live:resume'), payload, async (event, body) => {
        const answer = (await client.request(event, body)) as Record<string, unknown>;
        expect('data' in answer || 'error' in answer).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(client.socket.connected).toBe(true);
    client.close();
  });
});
