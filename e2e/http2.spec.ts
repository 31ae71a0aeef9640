import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';

const READY = '[data-testid="scene"][data-ready="true"]';

let certDir: string;
let server: RunningServer;

test.beforeAll(async () => {
  certDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem')], { stdio: 'ignore' });
  server = await startServer({ TLS_CERT: path.join(certDir, 'cert.pem'), TLS_KEY: path.join(certDir, 'key.pem') });
});

test.afterAll(async () => {
  await server.stop();
  await rm(certDir, { recursive: true, force: true });
});

test('over HTTPS the district loads on HTTP/2: page, API, viewer files, tiles and imagery all arrive over h2', async ({ browser }) => {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: server.url, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const protocols = new Map<string, string>();
  cdp.on('Network.responseReceived', ({ response }) => protocols.set(response.url, response.protocol ?? ''));
  await cdp.send('Network.enable');
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  await page.goto('/');
  await page.locator(READY).waitFor({ timeout: 200_000 });

  const ours = [...protocols].filter(([url]) => url.startsWith(server.url));
  const byKind = (prefix: string) => ours.filter(([url]) => new URL(url).pathname.startsWith(prefix));
  for (const prefix of ['/tiles/', '/imagery/', '/api/', '/assets/', '/cesium/']) {
    expect(byKind(prefix).length, `${prefix} responses`).toBeGreaterThan(0);
  }
  expect(ours.filter(([, protocol]) => protocol !== 'h2'), 'responses not over HTTP/2').toEqual([]);
  expect(violations, 'Content-Security-Policy violations').toEqual([]);
  await context.close();
});
