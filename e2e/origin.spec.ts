import type { BrowserContext } from '@playwright/test';
import { startServer, type RunningServer } from './fixtures/serverProcess.js';
import { expect, test } from './fixtures/test.js';

const READY = '[data-testid="scene"][data-ready="true"]';
const DESK = { width: 1920, height: 1080 };
const KIOSK = { width: 1080, height: 1920 };

/** URLs that would leave the browser for another scheme, host or port; data: and blob: never leave it. */
function foreignUrls(urls: readonly string[], origin: string): string[] {
  return urls.filter((url) => {
    const { protocol, origin: target } = new URL(url);
    return protocol !== 'data:' && protocol !== 'blob:' && target !== origin;
  });
}

interface Recorder {
  readonly urls: string[];
  /** Resolves once no request has been in flight for `quietMs`: the view's late tiles belong to it. */
  settle(quietMs?: number): Promise<void>;
}

/**
 * Every request of every page, dedicated worker and service worker of the context (Playwright
 * reports Chromium's worker requests on the context too). A fetch the page's CSP refuses never
 * leaves the browser and is not seen here: the fixture's `page` fails the test on the violation.
 */
function recordRequests(context: BrowserContext): Recorder {
  const urls: string[] = [];
  let inFlight = 0;
  let lastChange = Date.now();
  const done = () => {
    inFlight--;
    lastChange = Date.now();
  };
  context.on('request', (request) => {
    urls.push(request.url());
    inFlight++;
    lastChange = Date.now();
  });
  context.on('requestfinished', done);
  context.on('requestfailed', done);
  return {
    urls,
    async settle(quietMs = 2000) {
      await expect
        .poll(() => inFlight <= 0 && Date.now() - lastChange >= quietMs, { message: 'the page stops requesting', timeout: 60_000, intervals: [250] })
        .toBe(true);
    },
  };
}

/** Paths in the server's JSON access log (one pino object a line): what reached the server. */
function loggedPaths(output: string): Set<string> {
  const paths = new Set<string>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const url = (JSON.parse(line) as { req?: { url?: unknown } }).req?.url;
    if (typeof url === 'string') paths.add(url);
  }
  return paths;
}

test.describe('no request leaves the server', () => {
  // The fixture's server logs at warn; this one writes its access log, to prove the recorder complete.
  let logged: RunningServer;
  test.beforeAll(async () => {
    logged = await startServer({ LOG_LEVEL: 'info' });
  });
  test.afterAll(async () => {
    await logged.stop();
  });

  test('the check catches a foreign request from the page and from a worker', async ({ browser }) => {
    // Without the CSP the browser really tries both (.invalid never resolves): the recorder, not the policy, must see them.
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const recorder = recordRequests(context);
      const page = await context.newPage();
      await page.goto(`${logged.url}/readyz`);
      await page.evaluate(() => {
        void fetch('http://example.invalid/from-page').catch(() => undefined);
        const source = "fetch('http://example.invalid/from-worker').catch(() => undefined);";
        new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      });
      await expect.poll(() => foreignUrls(recorder.urls, new URL(logged.url).origin).sort()).toEqual([
        'http://example.invalid/from-page',
        'http://example.invalid/from-worker',
      ]);
    } finally {
      await context.close();
    }
  });

  test('desk, wall and kiosk load, take a click and a language switch, all from the server', async ({ page }) => {
    test.setTimeout(600_000);
    const recorder = recordRequests(page.context());
    const scene = page.getByTestId('scene');
    // The wall has no controls: nobody stands at it with a mouse.
    const modes = [
      { path: '/desk', viewport: DESK, languageSwitch: true },
      { path: '/wall', viewport: DESK, languageSwitch: false },
      { path: '/kiosk', viewport: KIOSK, languageSwitch: true },
    ];
    for (const { path, viewport, languageSwitch } of modes) {
      await test.step(path, async () => {
        await page.setViewportSize(viewport);
        await page.goto(`${logged.url}${path}`);
        await page.locator(READY).waitFor({ timeout: 240_000 });
        await scene.click();
        if (languageSwitch) {
          await page.getByRole('button', { name: '切换到英文界面' }).click();
          await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        }
        await recorder.settle();
      });
    }

    const origin = new URL(logged.url).origin;
    expect(foreignUrls(recorder.urls, origin), 'requests to hosts other than our server').toEqual([]);
    // Complete: everything that reached the server (Cesium's workers fetch their own scripts) was
    // recorded, but the icons: Chromium fetches them from the browser process, unseen by
    // Playwright (the page's <link rel="icon"> or /favicon.ico), so those must be on the origin.
    const icons = await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(foreignUrls(icons, origin), 'icons on other hosts').toEqual([]);
    const unseen = new Set(['/favicon.ico', ...icons.map((icon) => new URL(icon).pathname)]);
    const recorded = new Set(recorder.urls.map((url) => url.slice(origin.length)));
    expect([...loggedPaths(logged.output())].filter((path) => !recorded.has(path) && !unseen.has(path)), 'logged by the server, missed by the recorder').toEqual([]);
    expect(recorder.urls.some((url) => url.includes('/tiles/district-buildings/')), 'the district itself was loaded').toBe(true);
  });
});
