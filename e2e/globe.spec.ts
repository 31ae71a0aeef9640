import type { Page } from '@playwright/test';
import { ADMINISTRATIVE_CENTRE } from '@pengcheng/protocol';
import { expect, test } from './fixtures/test.js';
import { artifactPath } from './support/artifacts.js';
import { pixelStats } from './support/pixelStats.js';

const READY = '[data-testid="scene"][data-ready="true"]';

/** Records every request the page makes, so we can prove none leaves our server. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

test('shows the globe over Xuzhou in zh-CN, offline, then marks the scene ready', async ({ page, server }) => {
  const requests = recordRequests(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy'], 'the app page carries a CSP').toContain("worker-src 'self' blob:");

  // A visible loading state until the initial view is in.
  await expect(page.getByTestId('scene-loading')).toBeVisible();
  await expect(page.getByTestId('scene-loading')).toContainText('正在加载三维场景');

  await page.locator(READY).waitFor({ timeout: 200_000 });
  await expect(page.getByTestId('scene-loading')).toBeHidden();

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle(/彭城数字孪生/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('彭城数字孪生');
  await page.screenshot({ path: artifactPath('overview-desk-1920x1080.png') });

  // The canvas shows a drawn globe, not a blank or single-colour surface.
  const canvas = page.locator('[data-testid="scene"] canvas');
  const stats = pixelStats(await canvas.screenshot());
  expect(stats.luminanceVariance, 'canvas luminance variance').toBeGreaterThan(50);
  expect(stats.distinctColours, 'distinct colours on the canvas').toBeGreaterThan(200);

  // The camera looks at the administrative centre (within ~100 m).
  const centre = await page.getByTestId('scene').getAttribute('data-view-centre');
  const [longitude, latitude] = (centre ?? '').split(',').map(Number);
  expect(longitude).toBeCloseTo(ADMINISTRATIVE_CENTRE.longitude, 3);
  expect(latitude).toBeCloseTo(ADMINISTRATIVE_CENTRE.latitude, 3);

  const origin = new URL(server.url).origin;
  const foreign = requests.filter((url) => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
    return parsed.origin !== origin;
  });
  expect(foreign, 'requests to hosts other than our server').toEqual([]);
  expect(requests.some((url) => url.includes('/cesium/Assets/Textures/NaturalEarthII/'))).toBe(true);
});

test('switches the interface to English and back', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('彭城数字孪生');
  await page.getByRole('button', { name: '切换到英文界面' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pengcheng Twin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/[?&]lang=en\b/);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pengcheng Twin');
  await page.getByRole('button', { name: 'Switch the interface to Chinese' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).not.toHaveURL(/lang=/);
});
