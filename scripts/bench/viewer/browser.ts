import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../e2e/support/chromium.js';
import { makeTempDir } from '../tiles/resources.js';

export const READY = '[data-testid="scene"][data-ready="true"]';

/**
 * Notes the page's own clock (ms since navigation start) the moment the scene first says it is
 * ready: Playwright's polling would add up to a frame, and software WebGL draws 1–2 a second.
 */
const READY_PROBE = `(() => {
  const ready = () => document.querySelector('${READY}') !== null;
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    window.__benchReadyAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
})();`;

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly cdp: CDPSession;
  close(): Promise<void>;
}

/** Chromium (Debian's, software WebGL) with a profile of its own: an empty HTTP cache. */
export async function freshBrowser(viewport: Viewport): Promise<Session> {
  const profile = await makeTempDir('pengcheng-bench-viewer-profile-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    // Playwright's own signal handlers exit at once, before our servers are stopped.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript({ content: READY_PROBE });
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, close: () => context.close() };
}

/** Seconds from the navigation's start to the scene's first `data-ready`, by the page's clock. */
export async function secondsToReady(page: Page, timeoutMs = 300_000): Promise<number> {
  // A function, not a string: the page's CSP forbids the eval a string predicate needs.
  const handle = await page.waitForFunction(() => (globalThis as { __benchReadyAt?: number }).__benchReadyAt, undefined, { timeout: timeoutMs, polling: 250 });
  const ms = (await handle.jsonValue()) as number;
  await handle.dispose();
  return ms / 1000;
}

export function chromiumVersion(session: Session): string {
  return session.context.browser()?.version() ?? 'unknown';
}
