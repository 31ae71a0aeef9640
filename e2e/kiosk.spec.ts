import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test.js';
import { artifactPath } from './support/artifacts.js';
import { metresApart, type PengchengCameraPose as Pose } from './support/pengchengHook.js';

const READY = '[data-testid="scene"][data-ready="true"]';
/** Seconds without a touch before the kiosk goes home (and as long again before its tour). */
// Long enough that a page drawing at 1–2 frames a second is still home when the test looks.
const IDLE_S = 8;

const cameraPose = async (page: Page): Promise<Pose> => {
  const pose = await page.evaluate(() => window.__pengcheng?.cameraPose());
  if (!pose) throw new Error('no camera pose');
  return pose;
};

test('the portrait kiosk: touch controls only, the attract tour when idle, home again after the idle time', async ({ browser, server }) => {
  test.setTimeout(600_000);
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await page.goto(`/kiosk?idle=${IDLE_S}`);
    await page.locator(READY).waitFor({ timeout: 300_000 });
    const kiosk = page.locator('.kiosk');
    await expect(kiosk).toHaveAttribute('data-kiosk-phase', /home|touring/);
    const home = await cameraPose(page);

    // Only the kiosk's own controls: no layers, sharing, screenshots, bookmarks, underground.
    await expect(page.locator('[data-kiosk-control="place"]').first()).toBeVisible();
    const buttons = page.getByRole('button');
    const count = await buttons.count();
    expect(count).toBeGreaterThan(3);
    for (let i = 0; i < count; i++) {
      const button = buttons.nth(i);
      await expect(button).toHaveAttribute('data-kiosk-control', /^(home|tour|language|place)$/);
      if (!(await button.isVisible())) continue;
      const box = await button.boundingBox();
      expect(Math.min(box?.width ?? 0, box?.height ?? 0), `touch target ${await button.innerText()}`).toBeGreaterThanOrEqual(48);
    }
    await expect(page.getByTestId('underground-toggle')).toHaveCount(0);
    await page.screenshot({ path: artifactPath('kiosk-1080x1920.png') });

    // Left alone, it plays the tour, and the tour moves the camera.
    await expect(kiosk).toHaveAttribute('data-kiosk-phase', 'touring', { timeout: 60_000 });
    await expect.poll(async () => metresApart(await cameraPose(page), home), { timeout: 120_000, intervals: [1_000] }).toBeGreaterThan(200);
    await expect(kiosk).toHaveAttribute('data-tour-phase', 'dwelling', { timeout: 120_000 });
    await page.screenshot({ path: artifactPath('kiosk-tour-1080x1920.png') });

    // A touch stops the tour; the idle time after it, the kiosk is back at its start.
    await page.touchscreen.tap(540, 700);
    await expect(kiosk).not.toHaveAttribute('data-kiosk-phase', 'touring', { timeout: 30_000 });
    await expect(kiosk).toHaveAttribute('data-kiosk-phase', 'home', { timeout: 120_000 });
    const back = await cameraPose(page);
    expect(metresApart(back, home)).toBeLessThan(2);
    const turned = Math.abs(back.headingDeg - home.headingDeg) % 360;
    expect(Math.min(turned, 360 - turned)).toBeLessThan(0.5);
    await expect(page.getByTestId('attribute-panel')).toHaveCount(0);

    // The language control: what the English interface fetches comes from the server too (the fixture's request check).
    await page.locator('[data-kiosk-control="language"]').tap();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  } finally {
    await context.close();
  }
});
