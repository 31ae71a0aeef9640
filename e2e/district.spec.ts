import type { Page } from '@playwright/test';
import { CatalogResponse } from '@pengcheng/protocol';
import { expect, test } from './fixtures/test.js';
import { artifactPath } from './support/artifacts.js';
import { pixelStats } from './support/pixelStats.js';

const READY = '[data-testid="scene"][data-ready="true"]';
/** Standing on the citizen square, looking north at the administrative centre. */
const STREET_LEVEL = '117.278400,34.200500,45.0,0.0,-8.0';
const UNDER_ROAD = '117.270000,34.197700,45.0,90.0,-25.0';
/** At 1920×1080, between the desk's layer panel on the left and its toolbar on the right. */
const SCENE_MIDDLE = { x: 400, y: 140, width: 1120, height: 900 };

async function openReady(page: Page, query = '', timeout = 200_000): Promise<void> {
  await page.goto(`/${query}`);
  await page.locator(READY).waitFor({ timeout });
}

/**
 * Share of canvas pixels in strong colour: the pipelines' network colours (magenta gas, red
 * power, blue water, green telecom...) against the slate-grey map and grey buildings.
 */
async function vividShare(page: Page): Promise<number> {
  // The middle of the view only: the desk's panels (layer tree, toolbar) carry vivid accents of
  // their own and cover the edges of the scene.
  const png = await page.screenshot({ clip: SCENE_MIDDLE });
  const { PNG } = await import('pngjs');
  const image = PNG.sync.read(png);
  let vivid = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const r = image.data[i] ?? 0;
    const g = image.data[i + 1] ?? 0;
    const b = image.data[i + 2] ?? 0;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    if (max > 90 && (max - min) / max > 0.55) vivid++;
  }
  return vivid / (image.width * image.height);
}

test.describe('the pilot district', () => {
  test.setTimeout(440_000);

  test('the catalog publishes the district tilesets', async ({ request }) => {
    const { tilesets } = CatalogResponse.parse(await (await request.get('/api/v1/tilesets')).json());
    expect(tilesets.map((t) => t.id)).toEqual(expect.arrayContaining(['district-buildings', 'district-ground']));
    for (const tileset of tilesets) {
      expect(tileset.attribution.en ?? '').not.toBe('');
      expect((await request.get(tileset.url?.replace('{z}/{x}/{y}', '12/3381/1623') ?? '')).status()).toBeLessThan(500);
    }
  });

  test('loads from our server to ready, and a click on the main building shows its metadata', async ({ page }) => {
    const contentRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/tiles\/district-buildings\/.*\.glb/.test(r.url())) contentRequests.push(r.url());
    });
    await openReady(page);
    expect(contentRequests.length).toBeGreaterThan(0);
    const overview = pixelStats(await page.locator('[data-testid="scene"] canvas').screenshot());
    expect(overview.distinctColours, 'a drawn city has many colours').toBeGreaterThan(1000);
    await page.screenshot({ path: artifactPath('district-default-1920x1080.png') });

    // The default view centres on the administrative centre's main building.
    const canvas = page.locator('[data-testid="scene"] canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const panel = page.getByTestId('attribute-panel');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('徐州市行政中心主楼');
    await expect(panel).toContainText('政府机关');
    await expect(panel).toContainText(/高度\s*\d+(\.\d)? 米/);
    await page.screenshot({ path: artifactPath('district-selected-1920x1080.png') });
  });

  test('looks like a city from street level', async ({ page }) => {
    // Looking along the ground to the horizon loads the most tiles of any view.
    await openReady(page, `?camera=${STREET_LEVEL}`, 400_000);
    await page.screenshot({ path: artifactPath('district-street-1920x1080.png') });
  });

  test('underground mode shows the pipelines below the translucent ground', async ({ page }) => {
    // Cesium lights the pipes by the sun at the page's clock: fix the hour (04:15 in Xuzhou) so
    // the colours measured do not depend on when the test runs.
    await page.clock.setFixedTime(new Date('2026-12-01T20:15:00Z'));
    // 45 m above a district road, looking east along its pipe corridor.
    await openReady(page, `?camera=${UNDER_ROAD}`);
    const before = await vividShare(page);
    await page.getByTestId('underground-toggle').click();
    await expect(page.getByTestId('underground-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => vividShare(page), { timeout: 150_000, intervals: [5_000] }).toBeGreaterThan(before + 0.01);
    await page.screenshot({ path: artifactPath('district-underground-1920x1080.png') });
  });
});
