import type { Page } from '@playwright/test';
import { CatalogResponse } from '@pengcheng/protocol';
import { expect, test } from './fixtures/test.js';
import { artifactPath } from './support/artifacts.js';
import { pixelStats } from './support/pixelStats.js';

const READY = '[data-testid="scene"][data-ready="true"]';
/** Standing on the citizen square, looking north at the administrative centre. */
const STREET_LEVEL = '117.278400,34.200500,45.0,0.0,-8.0';

async function openReady(page: Page, query = '', timeout = 200_000): Promise<void> {
  await page.goto(`/${query}`);
  await page.locator(READY).waitFor({ timeout });
}

/** Share of canvas pixels close to a colour: how much of the view a layer of that colour covers. */
async function colourShare(page: Page, rgb: readonly [number, number, number], tolerance = 40): Promise<number> {
  const png = await page.locator('[data-testid="scene"] canvas').screenshot();
  const { PNG } = await import('pngjs');
  const image = PNG.sync.read(png);
  let hits = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const d = Math.abs((image.data[i] ?? 0) - rgb[0]) + Math.abs((image.data[i + 1] ?? 0) - rgb[1]) + Math.abs((image.data[i + 2] ?? 0) - rgb[2]);
    if (d <= tolerance) hits++;
  }
  return hits / (image.width * image.height);
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
    // Above the main avenue, looking down at a slant: pipes run under the road corridors.
    await openReady(page, '?camera=117.278400,34.196000,350.0,0.0,-50.0');
    const gasMagenta = [0xe4, 0x00, 0x7f] as const;
    const before = await colourShare(page, gasMagenta);
    await page.getByTestId('underground-toggle').click();
    await expect(page.getByTestId('underground-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => colourShare(page, gasMagenta), { timeout: 120_000 }).toBeGreaterThan(before + 0.0005);
    await page.screenshot({ path: artifactPath('district-underground-1920x1080.png') });
  });
});
