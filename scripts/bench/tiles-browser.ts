/**
 * Benchmark (not a test): what tiles cost the browser on the wire, and what a reload refetches.
 *   npx tsx scripts/bench/tiles-browser.ts   (after npx tsc -b, npm run build:viewer, npm run build:assets)
 * Opens the default view in Chromium (software WebGL) against the real server with the built
 * assets, weighs every /tiles/ and /imagery/ response through CDP, then reloads the page in the
 * same profile and counts which of them still reached the server. Prints Markdown.
 */
import { chromium, type Page } from '@playwright/test';
import { startServer } from '../../e2e/fixtures/serverProcess.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium.js';
import { accessLogRequests } from './tiles/accessLog.js';
import { NetworkLog, type Exchange, type Kind } from './tiles/networkLog.js';
import { makeTempDir, onRelease, runReleasingAll } from './tiles/resources.js';
import { serverRevision } from './tiles/revision.js';

const READY = '[data-testid="scene"][data-ready="true"]';
const VIEWPORT = { width: 1280, height: 720 };
const MAX_WIRE_RATIO = 0.3;
const GROUPS: ReadonlyArray<{ label: string; kinds: readonly Kind[] }> = [
  { label: '/tiles/', kinds: ['tiles'] },
  { label: '/imagery/', kinds: ['imagery'] },
  { label: 'together', kinds: ['tiles', 'imagery'] },
];

const int = (n: number) => n.toLocaleString('en-US');
const sum = (exchanges: readonly Exchange[], pick: (e: Exchange) => number) => exchanges.reduce((total, e) => total + pick(e), 0);
const reachedServer = (e: Exchange) => !e.fromCache && e.failed === undefined;

/** /tiles/ and /imagery/ requests in the server's access log: what reached it, whatever CDP says. */
const tileRequests = (output: string) => accessLogRequests(output).filter((r) => /^\/(tiles|imagery)\//.test(r.url));

/** Seconds until the scene says it is ready; then waits for late tile requests to finish. */
async function untilReady(page: Page, log: NetworkLog, started: number): Promise<number> {
  await page.locator(READY).waitFor({ timeout: 300_000 });
  const seconds = (performance.now() - started) / 1000;
  await log.settle();
  return seconds;
}

function encodings(exchanges: readonly Exchange[]): string {
  const counts = new Map<string, number>();
  for (const e of exchanges) counts.set(e.contentEncoding ?? 'identity', (counts.get(e.contentEncoding ?? 'identity') ?? 0) + 1);
  return [...counts].map(([coding, n]) => `${coding} ×${n}`).join(', ');
}

function wireTable(exchanges: readonly Exchange[]): string {
  const lines = [
    `| responses | count | wire bytes | of which headers | decoded body bytes | wire/decoded | target ≤ ${MAX_WIRE_RATIO.toFixed(2)} | content-encoding |`,
    '|---|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const { label, kinds } of GROUPS) {
    const group = exchanges.filter((e) => kinds.includes(e.kind) && reachedServer(e) && e.done);
    const wire = sum(group, (e) => e.wireBytes);
    const decoded = sum(group, (e) => e.decodedBytes);
    const ratio = decoded > 0 ? wire / decoded : NaN;
    // webp does not compress further: the target is for what can be.
    const verdict = kinds.length === 1 && kinds[0] === 'imagery' ? 'n/a (webp)' : ratio <= MAX_WIRE_RATIO ? 'met' : '**not met**';
    lines.push(
      `| ${label} | ${group.length} | ${int(wire)} | ${int(sum(group, (e) => e.headerBytes))} | ${int(decoded)} | ${ratio.toFixed(2)} | ${verdict} | ${encodings(group)} |`,
    );
  }
  return lines.join('\n');
}

function reloadTable(exchanges: readonly Exchange[]): string {
  const lines = [
    '| requests | count | from HTTP cache | reached the server | of which 304 | target: 0 reach the server |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const { label, kinds } of GROUPS) {
    const group = exchanges.filter((e) => kinds.includes(e.kind));
    const network = group.filter(reachedServer);
    lines.push(
      `| ${label} | ${group.length} | ${group.filter((e) => e.fromCache).length} | ${network.length} | ${network.filter((e) => e.status === 304).length} | ${network.length === 0 ? 'met' : '**not met**'} |`,
    );
  }
  return lines.join('\n');
}

function networkList(exchanges: readonly Exchange[], max = 10): string {
  const network = exchanges.filter(reachedServer);
  const shown = network.slice(0, max).map((e) => `- \`${new URL(e.url).pathname}${new URL(e.url).search}\` → ${e.status ?? '?'} (Cache-Control: \`${e.cacheControl ?? 'none'}\`)`);
  if (network.length > max) shown.push(`- … and ${network.length - max} more`);
  return shown.join('\n');
}

await runReleasingAll(async () => {
  // LOG_LEVEL=info: the server's own access log confirms what reached it.
  const server = await startServer({ LOG_LEVEL: 'info' });
  onRelease(() => server.stop());
  const profile = await makeTempDir('pengcheng-bench-profile-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    // Playwright's own signal handlers exit the process at once, before the server is stopped.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onRelease(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const log = await NetworkLog.attach(await context.newCDPSession(page));

  console.error('cold load...');
  let started = performance.now();
  await page.goto(`${server.url}/`);
  const coldSeconds = await untilReady(page, log, started);
  const cold = log.exchanges();
  const coldServed = tileRequests(server.output());

  console.error('warm reload...');
  log.reset();
  const logStart = server.output().length;
  started = performance.now();
  await page.reload();
  const warmSeconds = await untilReady(page, log, started);
  const warm = log.exchanges();
  const warmServed = tileRequests(server.output().slice(logStart));
  const failed = [...cold, ...warm].filter((e) => e.failed !== undefined).length;

  console.log(`## Tiles in the browser: bytes on the wire, warm reload

Command: \`npx tsx scripts/bench/tiles-browser.ts\` (after \`npx tsc -b\`, \`npm run build:viewer\`, \`npm run build:assets\`).
Run on ${new Date().toISOString().slice(0, 10)} with Chromium ${context.browser()?.version() ?? ''} (software WebGL), a fresh profile, the
default view (\`/\`) at ${VIEWPORT.width}×${VIEWPORT.height}, against the real server (${serverRevision()}) with the built assets. Figures from the CDP
Network domain: wire bytes = \`loadingFinished.encodedDataLength\` (headers included), decoded =
sum of \`dataReceived.dataLength\`. Requests after the scene is ready count too, until none has been
in flight for 2 s.

### Cold load (empty cache): ready after ${coldSeconds.toFixed(1)} s

${wireTable(cold)}

The server's access log saw ${coldServed.length} /tiles/ and /imagery/ requests.

### Warm reload (same profile, normal reload): ready after ${warmSeconds.toFixed(1)} s

${reloadTable(warm)}

The server's access log saw ${warmServed.length} /tiles/ and /imagery/ requests during the reload (${warmServed.filter((r) => r.status === 304).length} answered 304).${failed > 0 ? ` ${failed} requests failed (cancelled by the viewer or the reload).` : ''}
${warm.some(reachedServer) ? `\nReached the server on reload:\n${networkList(warm)}` : ''}`);
});
