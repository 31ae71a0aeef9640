import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test.js';
import { artifactPath } from './support/artifacts.js';
import { metresApart, type PengchengCameraPose as Pose } from './support/pengchengHook.js';

const READY = '[data-testid="scene"][data-ready="true"]';

const cameraPose = (page: Page): Promise<Pose | undefined> => page.evaluate(() => window.__pengcheng?.cameraPose());

test.describe('the wall', () => {
  test.setTimeout(600_000);

  test('3840×2160: panels with the district figures, the debug overlay, and recovery from a lost WebGL context', async ({ browser, server }) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto('/wall?debug');
      await page.locator(READY).waitFor({ timeout: 300_000 });

      // The district's own figures, counted by the server from its source.
      await expect(page.getByTestId('wall-buildings')).toContainText('3,081');
      await expect(page.getByTestId('wall-networks').locator('li')).toHaveCount(7);
      await expect(page.getByTestId('wall-sensors')).toContainText('528');
      await expect(page.getByTestId('wall-status')).toContainText('运行正常');
      // No controls to press on a wall.
      await expect(page.getByRole('button')).toHaveCount(0);

      // The quality controller's choice is on the overlay and matches the canvas it sized.
      const overlay = page.getByTestId('debug-overlay');
      await expect(overlay).toBeVisible();
      await expect(overlay).toHaveAttribute('data-resolution-scale', /^(0\.\d+|1)$/);
      const quality = await page.evaluate(() => window.__pengcheng?.quality());
      expect(quality?.adaptive).toBe(true);
      // Drawn at the panel's device pixels, scaled down no further than the ladder's last rung.
      expect(quality?.canvasWidth ?? 0).toBeGreaterThanOrEqual(3840 * 0.5);
      expect(quality?.canvasWidth ?? 0).toBeLessThanOrEqual(3840);
      await page.screenshot({ path: artifactPath('wall-3840x2160.png') });

      const before = await cameraPose(page);
      if (!before) throw new Error('no camera pose');
      await page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="scene"] canvas');
        const gl = canvas?.getContext('webgl2') ?? canvas?.getContext('webgl');
        const lose = gl?.getExtension('WEBGL_lose_context');
        if (!lose) throw new Error('WEBGL_lose_context is not available');
        lose.loseContext();
      });
      // The wall notices, builds a new scene and comes back to its view, loaded, by itself.
      await expect(page.locator('.mode-scene')).toHaveAttribute('data-recoveries', '1', { timeout: 30_000 });
      await page.locator(READY).waitFor({ timeout: 300_000 });
      expect(await page.evaluate(() => window.__pengcheng?.recoveries)).toBe(1);
      const after = await cameraPose(page);
      if (!after) throw new Error('no camera pose after the rebuild');
      expect(metresApart(before, after)).toBeLessThan(1);
      const turned = Math.abs(after.headingDeg - before.headingDeg) % 360;
      expect(Math.min(turned, 360 - turned)).toBeLessThan(0.1);
      await page.screenshot({ path: artifactPath('wall-recovered-3840x2160.png') });
    } finally {
      await context.close();
    }
  });

  test('1920×1080 and a 5760×1080 wide wall', async ({ browser, server }) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto('/wall');
      await page.locator(READY).waitFor({ timeout: 300_000 });
      await expect(page.getByTestId('wall-pipe-length')).toContainText('782');
      await page.screenshot({ path: artifactPath('wall-1920x1080.png') });
      // Nobody stands at a wall with a mouse, but a click must not fetch from elsewhere either (the fixture's request check).
      await page.getByTestId('scene').click();

      // A fresh visit, not a reload: the address bar now carries the last camera (the share
      // state), and the wide wall is to show its own start framing.
      await page.setViewportSize({ width: 5760, height: 1080 });
      await page.goto('/wall');
      await page.locator(READY).waitFor({ timeout: 300_000 });
      // The side panels keep a readable width; the district has the middle.
      const panel = await page.locator('.wall__side--left').boundingBox();
      expect(panel?.width ?? 0).toBeLessThanOrEqual(34 * 20 + 1);
      await page.screenshot({ path: artifactPath('wall-5760x1080.png') });
    } finally {
      await context.close();
    }
  });
});
