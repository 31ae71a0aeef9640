import type { Locator, Page } from '@playwright/test';
import { CatalogResponse } from '@pengcheng/protocol';
import { PNG } from 'pngjs';
import { expect, test } from './fixtures/test.js';
import { artifactPath } from './support/artifacts.js';
import { pixelStats } from './support/pixelStats.js';

const READY = '[data-testid="scene"][data-ready="true"]';
const BUILDINGS = 'district-buildings';
/** Tilesets that do not exist on the server: one by `?tileset=`, one typed into the form. */
const MISSING_BY_PARAM = '/tiles/no-such-tileset/tileset.json';
const MISSING_BY_FORM = '/tiles/also-missing/tileset.json';

type HookedWindow = Window & { __pengcheng?: { shownTilesets(): number } };

/** The middle of the canvas, clear of the desk's side panels. */
async function centre(page: Page): Promise<PNG> {
  const box = await page.locator('[data-testid="scene"] canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  const clip = { x: box.x + box.width * 0.36, y: box.y + box.height * 0.3, width: box.width * 0.28, height: box.height * 0.45 };
  return PNG.sync.read(await page.screenshot({ clip }));
}

/** Mean absolute difference per channel, 0–255. */
function difference(a: PNG, b: PNG): number {
  let sum = 0;
  const n = Math.min(a.data.length, b.data.length);
  for (let i = 0; i < n; i += 4) for (let c = 0; c < 3; c++) sum += Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0));
  return sum / ((n / 4) * 3);
}

/** Share of pixels in strong colour: thematic colours against grey buildings and a slate map. */
function vividShare(image: PNG): number {
  let vivid = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const r = image.data[i] ?? 0;
    const g = image.data[i + 1] ?? 0;
    const b = image.data[i + 2] ?? 0;
    const max = Math.max(r, g, b);
    if (max > 90 && (max - Math.min(r, g, b)) / max > 0.45) vivid++;
  }
  return vivid / (image.width * image.height);
}

function row(page: Page, id: string): Locator {
  return page.locator(`[data-testid="layer-row"][data-layer-id="${id}"]`);
}

test.describe('layers', () => {
  test.setTimeout(600_000);

  test('the tree lists the catalog, hides a layer, shows broken layers as errors, colours by the schema with a legend', async ({ page, request }) => {
    const { tilesets } = CatalogResponse.parse(await (await request.get('/api/v1/tilesets')).json());
    await page.goto(`/desk?tileset=${encodeURIComponent(MISSING_BY_PARAM)}`);
    await page.locator(READY).waitFor({ timeout: 300_000 });

    // Every tileset of the catalog has its row; the one from ?tileset= failed on its own row.
    for (const tileset of tilesets) await expect(row(page, tileset.id)).toBeVisible();
    const tree = page.getByTestId('layer-tree');
    const fromParam = tree.locator('[data-testid="layer-row"][data-phase="error"]', { hasText: 'no-such-tileset' });
    await expect(fromParam).toBeVisible();
    await expect(fromParam.getByTestId('layer-error')).toContainText('加载失败');
    await expect(row(page, BUILDINGS)).toHaveAttribute('data-phase', 'ready');

    // The form: no script URLs; a missing tileset becomes an error row, the scene stays ready.
    const form = page.getByTestId('layer-add');
    await form.getByRole('textbox').fill('javascript:alert(1)');
    await form.getByRole('button').click();
    await expect(form.getByRole('alert')).toBeVisible();
    await form.getByRole('textbox').fill(MISSING_BY_FORM);
    await form.getByRole('button').click();
    await expect(tree.locator('[data-testid="layer-row"][data-phase="error"]', { hasText: 'also-missing' })).toBeVisible();
    await expect(page.locator(READY)).toBeVisible();
    await page.getByTestId('layer-tree').screenshot({ path: artifactPath('layers-tree-1920x1080.png') });

    // Buildings off: the tileset is no longer drawn (the engine says so, and the pixels change).
    const shownBefore = await page.evaluate(() => (window as HookedWindow).__pengcheng?.shownTilesets());
    const withBuildings = await centre(page);
    await row(page, BUILDINGS).getByTestId('layer-visible').uncheck();
    await expect(row(page, BUILDINGS)).toHaveAttribute('data-shown', 'false');
    await expect(tree).not.toHaveAttribute('data-shown-layers', new RegExp(`\\b${BUILDINGS}\\b`));
    expect(await page.evaluate(() => (window as HookedWindow).__pengcheng?.shownTilesets())).toBe((shownBefore ?? 0) - 1);
    await expect.poll(async () => difference(withBuildings, await centre(page)), { intervals: [1_000] }).toBeGreaterThan(8);
    await row(page, BUILDINGS).getByTestId('layer-visible').check();
    await expect(row(page, BUILDINGS)).toHaveAttribute('data-shown', 'true');
    await expect.poll(async () => difference(withBuildings, await centre(page)), { intervals: [1_000] }).toBeLessThan(3);
    await expect(page.locator(READY)).toBeVisible();
    expect(pixelStats(PNG.sync.write(await centre(page))).distinctColours, 'the scene still draws').toBeGreaterThan(500);

    // Colour by use, then height, then year: the options come from the tiles' schema.
    const select = page.getByTestId(`style-select-${BUILDINGS}`);
    const plain = vividShare(await centre(page));
    await select.selectOption('use');
    const legend = page.getByTestId('legend');
    await expect(legend).toContainText('政务区建筑 · 用途');
    await expect(legend).toContainText('政府机关');
    await expect.poll(async () => vividShare(await centre(page)), { intervals: [1_000] }).toBeGreaterThan(plain + 0.05);
    await page.screenshot({ path: artifactPath('layers-styled-use-1920x1080.png') });

    const byUse = await centre(page);
    await select.selectOption('heightM');
    await expect(legend).toContainText('高度');
    await expect(legend.locator('.legend__entry')).not.toHaveCount(0);
    await expect(legend).toContainText(/\d+ – \d+/);
    await expect.poll(async () => difference(byUse, await centre(page)), { intervals: [1_000] }).toBeGreaterThan(4);
    await page.screenshot({ path: artifactPath('layers-styled-height-1920x1080.png') });

    await select.selectOption('yearBuilt');
    await expect(legend).toContainText('建成年份');
    await expect(legend).toContainText(/(19|20)\d\d – (19|20)\d\d/);

    await select.selectOption('');
    await expect(legend).toBeHidden();
    await expect.poll(async () => vividShare(await centre(page)), { intervals: [1_000] }).toBeLessThan(plain + 0.02);
  });
});
