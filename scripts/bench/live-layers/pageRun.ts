import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../e2e/support/chromium.js';
import type { BenchPageState, PageParams } from './pageContract.js';

/** The fixed viewport. */
export const VIEWPORT = { width: 640, height: 360 };

/**
 * Debian's Chromium with software WebGL, as the tests run it, and without the 60 Hz cap on
 * requestAnimationFrame: a faster layer must be able to show as faster.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--disable-gpu-vsync', '--disable-frame-rate-limit'],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

const query = (params: PageParams) => new URLSearchParams({ sink: params.sink, moving: String(params.moving), fullSize: String(params.fullSize), count: String(params.count), frames: String(params.frames) }).toString();

const readState = (page: Page) =>
  page.evaluate(() => {
    const state = (globalThis as { __bench?: BenchPageState }).__bench;
    return { state: state ? { ...state, vehicles: state.vehicles } : undefined, now: performance.now() };
  });

async function openPage(browser: Browser, url: string, params: PageParams, timeoutMs: number) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/?${query(params)}`);
  const until = async (what: string, done: (state: BenchPageState) => boolean) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (errors.length > 0) throw new Error(`the benchmark page failed: ${errors.join('; ')}`);
      const { state } = await readState(page);
      if (state && done(state)) return state;
      if (Date.now() > deadline) throw new Error(`the benchmark page did not get to ${what} within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  return { context, page, until };
}

export interface FrameRateRun {
  readonly fps: number;
  readonly frames: number;
  readonly seconds: number;
  readonly vehicles: number;
  readonly firstApplyMs: number | undefined;
  readonly applyMs: readonly number[];
  readonly layerMs: readonly number[];
}

/** Frames rendered per second over `seconds`, after `warmupS` with the first frame applied. */
export async function measureFrameRate(browser: Browser, url: string, params: PageParams, warmupS: number, seconds: number): Promise<FrameRateRun> {
  const { context, page, until } = await openPage(browser, url, params, 120_000);
  try {
    const first = await until('its first vehicle frame', (state) => state.ready && state.applied >= 1 && state.frames >= 1);
    // SwiftShader compiles a shader variant on first use, which can stall the first frames for seconds.
    await until('10 frames drawn', (state) => state.frames >= first.frames + 10);
    await page.waitForTimeout(warmupS * 1000);
    const start = await readState(page);
    await page.waitForTimeout(seconds * 1000);
    const end = await readState(page);
    if (!start.state || !end.state) throw new Error('the benchmark page lost its state');
    const elapsedS = (end.now - start.now) / 1000;
    const frames = end.state.frames - start.state.frames;
    return {
      fps: frames / elapsedS,
      frames,
      seconds: elapsedS,
      vehicles: end.state.vehicles,
      firstApplyMs: end.state.firstApplyMs,
      applyMs: end.state.applyMs,
      // The layer's work in the measured window only.
      layerMs: end.state.layerMs.slice(start.state.layerMs.length),
    };
  } finally {
    await context.close();
  }
}

/** JS heap in use once `params.frames` frames are applied and drawn, after forced collections. */
export async function measureHeap(browser: Browser, url: string, params: PageParams): Promise<{ usedBytes: number; vehicles: number }> {
  const { context, page, until } = await openPage(browser, url, params, 600_000);
  try {
    const applied = await until(`${params.frames} frames applied`, (state) => state.applied >= params.frames);
    // A few frames drawn after the last one: Entities make their billboards while rendering.
    await until('3 frames drawn after the last update', (state) => state.frames >= applied.frames + 3);
    const cdp = await context.newCDPSession(page);
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { state } = await readState(page);
    return { usedBytes: usedSize, vehicles: state?.vehicles ?? 0 };
  } finally {
    await context.close();
  }
}
